// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"slices"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestReconcileIgnoresMarkersOfEarlierRequests: with reconciliation, two contacts of a call
// that carry the same marker of the caller's in different requests cannot be told apart by a
// listing. When the second one's request fails before the server applied it, the person the
// listing finds is the first contact: the second must not be reported created (it does not
// exist), in either form of the call.
func TestReconcileIgnoresMarkersOfEarlierRequests(t *testing.T) {
	t.Parallel()
	const user = "collide@example.com"
	for _, form := range []string{"slice", "seq"} {
		t.Run(form, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			// The second request fails before commit: nothing of it is created.
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultStatus, Request: 2, Status: 503})
			c, _ := wiredClient(t, srv, user, &people.Config{
				User: user, ChunkSize: 1,
				Reconcile: &people.ReconcileConfig{Delay: time.Millisecond, Checks: 1},
			})
			in := contacts(2)
			for _, p := range in {
				p.ClientData = []*people.ClientData{{Key: "peoplebatch.id", Value: "same-marker"}}
			}
			var results []people.ContactResult
			if form == "slice" {
				res, _ := c.BatchCreateContacts(t.Context(), in, "names", nil, people.ContinueOnError())
				results = res.Contacts
			} else {
				for br := range c.BatchCreateContactsSeq(t.Context(), slices.Values(in), "names", nil, people.ContinueOnError()) {
					results = append(results, br.Contacts...)
				}
			}
			created := 0
			for _, r := range results {
				if r.Outcome == people.OutcomeCreated {
					created++
				}
			}
			if stored := len(srv.Contacts(user)); created > stored {
				t.Errorf("%d contacts reported created, the account holds %d: %v then %v",
					created, stored, results[0].Outcome, results[1].Outcome)
			}
			if len(results) == 2 && results[1].Outcome == people.OutcomeCreated && results[1].Response != nil &&
				results[0].Response != nil && results[1].Response.Person != nil && results[0].Response.Person != nil &&
				results[1].Response.Person.ResourceName == results[0].Response.Person.ResourceName {
				t.Errorf("contacts 0 and 1 both reported as %s", results[0].Response.Person.ResourceName)
			}
		})
	}
}
