// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestRequestsRecord(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t, peopletest.WithClock(clock.Now))
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultInternalAfterCommit, Request: 2})

	body1 := batch("names", person("A"), person("B"))
	create(t, srv, "alice", body1)
	clock.Advance(time.Second)
	body2 := batch("", person("C"))
	create(t, srv, "bob", body2)
	clock.Advance(time.Second)
	mustDo(t, srv, "alice", http.MethodGet, connPath+"?personFields=names", nil)
	body3 := `{"contacts":[{"contactPerson":{"etag":"x"}}]}`
	create(t, srv, "", body3)

	t0 := clock.Now().Add(-2 * time.Second)
	fault := peopletest.Fault{Kind: peopletest.FaultInternalAfterCommit, Request: 2}
	want := []peopletest.Request{
		{Number: 1, Mutation: peopletest.MutationBatchCreateContacts, Method: "POST", Path: batchPath, User: "alice", Contacts: 2, BodyBytes: int64(len(body1)), Status: 200, Created: 2, Time: t0},
		{Number: 2, Mutation: peopletest.MutationBatchCreateContacts, Method: "POST", Path: batchPath, User: "bob", Contacts: 1, BodyBytes: int64(len(body2)), Status: 500, Created: 1, Time: t0.Add(time.Second), Fault: &fault},
		{Method: "GET", Path: connPath, User: "alice", Contacts: 2, Status: 200, Time: t0.Add(2 * time.Second)},
		{Number: 3, Mutation: peopletest.MutationBatchCreateContacts, Method: "POST", Path: batchPath, User: peopletest.DefaultUser, Contacts: 1, BodyBytes: int64(len(body3)), Status: 400, Time: t0.Add(2 * time.Second)},
	}
	if diff := cmp.Diff(want, srv.Requests()); diff != "" {
		t.Errorf("Requests (-want +got):\n%s", diff)
	}
	// Records are copies.
	reqs := srv.Requests()
	reqs[1].Fault.Status = 999
	if srv.Requests()[1].Fault.Status == 999 {
		t.Error("Requests shares its faults with the server")
	}
}

func TestContactsAreDeepCopies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	create(t, srv, "", batch("", person("A")))
	c := srv.Contacts("")
	c[0].Names[0].GivenName = "changed"
	c[0].EmailAddresses = nil
	if got := srv.Contacts("")[0]; got.Names[0].GivenName != "A" || got.EmailAddresses == nil {
		t.Errorf("changing a returned contact changed the store: %+v", got)
	}
}

func TestDuplicates(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	ada := person("Ada")
	create(t, srv, "alice", batch("", ada, person("Alan")))
	create(t, srv, "alice", batch("", ada, ada))                                              // Ada three times in all
	create(t, srv, "alice", batch("", person("Ada")+" "))                                     // same JSON, other spacing
	create(t, srv, "alice", batch("", `{"names":[{"givenName":"Ada","familyName":"Test"}]}`)) // another person
	create(t, srv, "bob", batch("", ada))                                                     // another user
	if got := srv.Duplicates("alice"); got != 3 {
		t.Errorf("Duplicates(alice) = %d, want 3", got)
	}
	if got := srv.Duplicates("bob"); got != 0 {
		t.Errorf("Duplicates(bob) = %d, want 0", got)
	}
}

func TestReset(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t, peopletest.WithWriteQuota(peopletest.Quota{Requests: 1}), peopletest.WithClock(clock.Now))
	create(t, srv, "alice", batch("", person("A")))
	create(t, srv, "alice", batch("", person("A"))) // 429
	srv.AddFaults(peopletest.Fault{Request: 5})
	srv.Reset()
	got := []int{len(srv.Contacts("alice")), len(srv.Requests()), srv.PendingFaults(), srv.QuotaRejections("alice"),
		srv.Duplicates("alice"), srv.Overlaps("alice"), srv.MaxInFlight("alice")}
	if diff := cmp.Diff(make([]int, 7), got); diff != "" {
		t.Errorf("after Reset (-want +got):\n%s", diff)
	}
	// The quota window is empty again and numbering restarts.
	if res := create(t, srv, "alice", batch("", person("A"))); res.status != 200 {
		t.Errorf("after Reset: %d", res.status)
	}
	if r := srv.Requests(); len(r) != 1 || r[0].Number != 1 {
		t.Errorf("requests after Reset: %+v", r)
	}
}

func TestZeroOptionsAreHarmless(t *testing.T) {
	t.Parallel()
	srv := newServer(t, nil, peopletest.WithWriteQuota(peopletest.Quota{}), peopletest.WithLatency(0, 0),
		peopletest.WithConcurrencyCheck(peopletest.ConcurrencyCheck{}), peopletest.WithSeed(0))
	for range 3 {
		if res := create(t, srv, "", batch("", person("A"))); res.status != 200 {
			t.Fatalf("got %d", res.status)
		}
	}
	if got := srv.Requests(); len(got) != 3 || got[0].Time.IsZero() {
		t.Errorf("requests = %+v", got)
	}
}
