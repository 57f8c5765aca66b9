// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"

	"github.com/peoplebatch/peoplebatch-go/internal/sequence"
)

// Sequencer grants the turn to send a mutate request for a user, so that requests for one
// user never overlap, as the People API asks. Clients that act for the same user share one
// Sequencer through [Config].Sequencer, each with the same [Config].User.
//
// [LocalSequencer] serves the clients of one process; an implementation backed by a
// distributed lock can serve workers on several machines.
type Sequencer interface {
	// Acquire waits until the caller holds user's turn, or ctx is done. It returns held,
	// a context that is done when the turn ends before release is called (a lease that
	// expired or could not be renewed), with the reason as its cause (context.Cause),
	// and release, which the caller calls exactly once, when its request has finished,
	// retries included.
	Acquire(ctx context.Context, user string) (held context.Context, release func(), err error)
}

// LocalSequencer is the in-process [Sequencer]: one first-in first-out lock per user. The zero
// value is ready to use; it must not be copied after first use.
type LocalSequencer struct {
	locks sequence.Keyed
}

// NewSequencer returns a [LocalSequencer] to share between clients of one process.
func NewSequencer() *LocalSequencer { return new(LocalSequencer) }

// Acquire implements [Sequencer]. A local turn ends only when it is released, so held is
// ctx itself.
func (s *LocalSequencer) Acquire(ctx context.Context, user string) (held context.Context, release func(), err error) {
	release, err = s.locks.Acquire(ctx, user)
	if err != nil {
		return nil, nil, err
	}
	return ctx, release, nil
}
