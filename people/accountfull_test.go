// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestAccountFullStopsTheCall checks that a full account (the emulator's contact limit)
// ends the call, even with ContinueOnError: no request after the refused one, the rest not
// sent, and an *AccountFullError that wraps the server's reply.
func TestAccountFullStopsTheCall(t *testing.T) {
	t.Parallel()
	const user = "full@example.com"
	for _, form := range []string{"slice", "stream"} {
		t.Run(form, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer(peopletest.WithContactLimit(5))
			t.Cleanup(srv.Close)
			c := emulatorClient(t, srv, user, &people.Config{User: user, ChunkSize: 2})
			var results []people.ContactResult
			var errs []error
			if form == "slice" {
				res, err := c.BatchCreateContacts(t.Context(), contacts(10), "", nil, people.ContinueOnError())
				results, errs = res.Contacts, []error{err}
			} else {
				for br, err := range c.BatchCreateContactsSeq(t.Context(), slices.Values(contacts(10)), "", nil, people.ContinueOnError()) {
					results = append(results, br.Contacts...)
					errs = append(errs, err)
				}
			}
			var got people.Counts
			for _, r := range results {
				switch r.Outcome {
				case people.OutcomeCreated:
					got.Created++
				case people.OutcomeNotSent:
					got.NotSent++
				default:
					t.Errorf("contact %d: %v (%v)", r.Index, r.Outcome, r.Err)
				}
			}
			// Requests 1 and 2 fill 4 of 5 places; request 3 would take 6: refused whole. The
			// slice form reports the 4 contacts after it not sent; the stream stops reading.
			want := people.Counts{Created: 4, NotSent: 6}
			if form == "stream" {
				want.NotSent = 2
			}
			if got != want {
				t.Errorf("counts %+v, want %+v", got, want)
			}
			if n := len(srv.Requests()); n != 3 {
				t.Errorf("%d requests, want 3: none after the refused one", n)
			}
			var full *people.AccountFullError
			if last := errs[len(errs)-1]; !errors.As(last, &full) || full.Err == nil || full.Err.Code != people.FailedPrecondition {
				t.Fatalf("err = %v, want an *AccountFullError wrapping the server's FAILED_PRECONDITION", last)
			}
			for _, r := range results[4:] {
				if !errors.As(r.Err, &full) {
					t.Errorf("contact %d: %v, want its Err to match *AccountFullError", r.Index, r.Err)
				}
			}
		})
	}
}
