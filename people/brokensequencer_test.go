// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// brokenSequencer grants turns that lack what Acquire promises: a held context, a release
// func, or both.
type brokenSequencer struct{ noHeld, noRelease bool }

func (s brokenSequencer) Acquire(ctx context.Context, user string) (context.Context, func(), error) {
	held, release := ctx, func() {}
	if s.noHeld {
		held = nil
	}
	if s.noRelease {
		release = nil
	}
	return held, release, nil
}

// TestBrokenSequencerDoesNotPanic: a Sequencer that grants a turn without a held context or
// without a release func is a caller's bug the call reports, not a panic: nothing is sent,
// and every contact is not sent with an error that names the Sequencer.
func TestBrokenSequencerDoesNotPanic(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]brokenSequencer{
		"no held":    {noHeld: true},
		"no release": {noRelease: true},
		"neither":    {noHeld: true, noRelease: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, f := setup(t, &people.Config{Sequencer: s})
			res, err := c.BatchCreateContacts(t.Context(), contacts(2), "names", nil)
			if n := len(f.requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
			var re *people.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *RequestError", err)
			}
			if got := res.Counts(); got.NotSent != 2 {
				t.Errorf("counts %+v, want 2 not sent", got)
			}
		})
	}
}
