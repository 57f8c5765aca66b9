// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestReconcileSettlesAmbiguousRequests(t *testing.T) {
	t.Parallel()
	kinds := []peopletest.FaultKind{
		peopletest.FaultResetAfterCommit,
		peopletest.FaultInternalAfterCommit,
		peopletest.FaultResetBeforeCommit,
		peopletest.FaultTruncatedBody,
		peopletest.FaultMalformedJSON,
		peopletest.FaultWrongContentType,
		peopletest.FaultStatus, // 503: nothing created, but ambiguous to the client
	}
	for _, kind := range kinds {
		for _, reconcile := range []bool{false, true} {
			name := kind.String()
			if reconcile {
				name += "/reconcile"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				srv := peopletest.NewServer()
				t.Cleanup(srv.Close)
				cfg := &people.Config{ChunkSize: 3}
				if reconcile {
					cfg.Reconcile = &people.ReconcileConfig{Delay: time.Millisecond}
				}
				c, err := people.NewClientWithConfig(t.Context(), cfg, srv.ClientOptions("ann")...)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				srv.AddFaults(peopletest.Fault{Kind: kind, Request: 2})
				in := contacts(7)
				res, err := c.BatchCreateContacts(t.Context(), in, "names", nil, people.ContinueOnError())
				counts := res.Counts()
				if counts.Total() != len(in) {
					t.Fatalf("counts %+v do not add up to %d", counts, len(in))
				}
				if d := srv.Duplicates("ann"); d != 0 {
					t.Errorf("emulator holds %d duplicates", d)
				}
				stored := len(srv.Contacts("ann"))
				if reconcile {
					if err != nil || counts.Created != len(in) {
						t.Fatalf("with reconciliation: counts %+v, err %v; want all created", counts, err)
					}
					if stored != len(in) {
						t.Errorf("emulator holds %d contacts, want %d", stored, len(in))
					}
					for _, r := range res.Contacts {
						if r.ResourceName() == "" {
							t.Errorf("contact %d created without a resource name", r.Index)
						}
					}
					return
				}
				// Without reconciliation the faulted request's contacts are never re-sent:
				// unknown, or created but unconfirmed when the reply was a spoilt 200.
				want := people.OutcomeUnknown
				created, unconfirmed := 0, 0
				for _, r := range res.Contacts[3:6] {
					if r.Outcome == people.OutcomeCreated {
						created++
						if r.Err != nil {
							unconfirmed++
						}
						continue
					}
					if r.Outcome != want {
						t.Errorf("contact %d: %v, want %v", r.Index, r.Outcome, want)
					}
				}
				if created > 0 && unconfirmed != created {
					t.Errorf("%d contacts of the spoilt reply reported created and confirmed", created-unconfirmed)
				}
				wantStored := 4
				if kind.AfterCommit() {
					wantStored = 7
				}
				if stored != wantStored {
					t.Errorf("emulator holds %d contacts, want %d", stored, wantStored)
				}
			})
		}
	}
}

func TestAttemptTimeoutThenReconcile(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{
		AttemptTimeout: 100 * time.Millisecond,
		Reconcile:      &people.ReconcileConfig{Delay: time.Millisecond},
	}, srv.ClientOptions("slow")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The server creates the contacts, then holds the reply past the attempt's deadline.
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Delay: 2 * time.Second})
	res, err := c.BatchCreateContacts(t.Context(), contacts(4), "names", nil)
	if err != nil || res.Counts().Created != 4 {
		t.Fatalf("counts %+v, err %v", res.Counts(), err)
	}
	if n, d := len(srv.Contacts("slow")), srv.Duplicates("slow"); n != 4 || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates", n, d)
	}
}

// TestReconcileLeavesSharedMarkers checks that contacts of one request that carry the same
// caller-set marker are not reconciled: one person found with that marker (here, created by
// an earlier call) must not settle both as created when the request itself created nothing.
func TestReconcileLeavesSharedMarkers(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{
		Reconcile: &people.ReconcileConfig{Delay: time.Millisecond},
	}, srv.ClientOptions("shared")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	marked := func(i int) *people.Person {
		p := contacts(i + 1)[i]
		p.ClientData = []*people.ClientData{{Key: "peoplebatch.id", Value: "same"}}
		return p
	}
	if _, err := c.BatchCreateContacts(t.Context(), []*people.Person{marked(0)}, "", nil); err != nil {
		t.Fatal(err)
	}
	// The next request, two contacts with that marker, is reset before the server applies it.
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetBeforeCommit})
	res, _ := c.BatchCreateContacts(t.Context(), []*people.Person{marked(1), marked(2)}, "", nil)
	for _, r := range res.Contacts {
		if r.Outcome == people.OutcomeCreated {
			t.Errorf("contact %d reported created; the request created nothing", r.Index)
		}
	}
	if n := len(srv.Contacts("shared")); n != 1 {
		t.Errorf("emulator holds %d contacts, want 1", n)
	}
}
