// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestRandomFaultSchedulesBothForms runs the same input, options and seeded fault schedule
// (those of TestRandomFaultSchedules, plus a 400 that refuses one contact of its request)
// through the slice form and the streaming form, each on an emulator of its own, and
// checks that both end every contact the same way and send the same number of requests,
// besides the invariants of the fault matrix. Options are drawn from the seed:
// ContinueOnError, ResendValid, SkipInvalid (with invalid contacts in the input) and
// reconciliation. The huge 2xx body (2 MiB) fits MaxResponseBytes here: the emulator's
// handler of a body cut off by the cap outlives its connection for more than one request,
// which checkSequential would count as an overlap (TestFaultMatrix covers the cap).
func TestRandomFaultSchedulesBothForms(t *testing.T) {
	t.Parallel()
	seeds, n, chunk := 8, 120, 10
	if testing.Short() {
		seeds = 2
	}
	faults := append(randomFaults(t, 0.15), peopletest.Fault{
		Kind: peopletest.FaultStatus, Status: 400, Body: []byte(batchContactsError("1")), Probability: 0.03,
	})
	for seed := range uint64(seeds) {
		rng := rand.New(rand.NewPCG(seed, 7))
		cont, resend, skip, reconcile := rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0
		in := contacts(n)
		if skip {
			for range 3 {
				p := in[rng.IntN(n)]
				p.Names = append(p.Names, &people.Name{GivenName: "Second"}) // at most one name
			}
		}
		var opts []people.CallOption
		if cont {
			opts = append(opts, people.ContinueOnError())
		}
		if resend {
			opts = append(opts, people.ResendValid())
		}
		if skip {
			opts = append(opts, people.SkipInvalid())
		}
		name := fmt.Sprintf("seed %d continue=%v resend=%v skip=%v reconcile=%v", seed, cont, resend, skip, reconcile)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			const user = "forms@example.com"
			run := func(seq bool) (outcomes []string, mutations int) {
				srv := peopletest.NewServer(peopletest.WithSeed(int64(seed)))
				t.Cleanup(srv.Close)
				srv.AddFaults(faults...)
				cfg := &people.Config{
					User: user, ChunkSize: chunk, MaxResponseBytes: 4 << 20, WritesPerMinute: 60000,
					Retry: people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond},
				}
				if reconcile {
					cfg.Reconcile = &people.ReconcileConfig{Delay: time.Millisecond}
				}
				c, w := wiredClient(t, srv, user, cfg)
				res := &people.Result{}
				if seq {
					for br, err := range c.BatchCreateContactsSeq(t.Context(), slices.Values(in), "names", nil, opts...) {
						if br == nil {
							t.Fatalf("streaming form: %v", err)
						}
						res.Contacts = append(res.Contacts, br.Contacts...)
					}
					// The streaming form does not read the contacts after a request that
					// stops it: they are not sent.
					for i := len(res.Contacts); i < n; i++ {
						res.Contacts = append(res.Contacts, people.ContactResult{Index: i, Outcome: people.OutcomeNotSent, Err: errNotRead})
					}
				} else {
					res, _ = c.BatchCreateContacts(t.Context(), in, "names", nil, opts...)
				}
				settle(t, srv, user, w)
				checkInvariants(t, srv, user, res, n)
				checkSequential(t, srv, user, w)
				if got := res.Counts(); got.Created > stored(srv, user) {
					t.Errorf("seq=%v: %d reported created, the emulator holds %d", seq, got.Created, stored(srv, user))
				}
				for _, r := range res.Contacts {
					outcomes = append(outcomes, fmt.Sprintf("%v/%v", r.Outcome, r.Err == nil))
				}
				mutations, _ = requestCounts(srv, user)
				faulted, _ := faultCounts(srv, user)
				t.Logf("seq=%v: %d requests, %d faulted; counts %+v", seq, mutations, faulted, res.Counts())
				return outcomes, mutations
			}
			slice, sliceMutations := run(false)
			seq, seqMutations := run(true)
			if sliceMutations != seqMutations {
				t.Errorf("slice form sent %d requests, streaming form %d", sliceMutations, seqMutations)
			}
			for i := range slice {
				if slice[i] != seq[i] {
					t.Errorf("contact %d: slice form %s, streaming form %s (outcome/err nil)", i, slice[i], seq[i])
				}
			}
		})
	}
}

// errNotRead stands for the error of a contact that the streaming form never read.
var errNotRead = fmt.Errorf("not read")
