// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

func TestChunksOf200InOrder(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	in := contacts(1001)
	res, err := c.BatchCreateContacts(t.Context(), in, "names", nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	var sizes []int
	for _, r := range reqs {
		sizes = append(sizes, len(r.Contacts))
	}
	want := []int{200, 200, 200, 200, 200, 1}
	if len(sizes) != len(want) {
		t.Fatalf("request sizes %v, want %v", sizes, want)
	}
	for i := range want {
		if sizes[i] != want[i] {
			t.Fatalf("request sizes %v, want %v", sizes, want)
		}
	}
	// Requests carry the contacts in input order.
	k := 0
	for _, r := range reqs {
		for _, ct := range r.Contacts {
			if got, want := ct.ContactPerson.Names[0].FamilyName, in[k].Names[0].FamilyName; got != want {
				t.Fatalf("contact %d sent as %q, want %q", k, got, want)
			}
			k++
		}
	}
	if len(res.Contacts) != len(in) {
		t.Fatalf("%d results for %d contacts", len(res.Contacts), len(in))
	}
	for i, r := range res.Contacts {
		if r.Index != i || r.Outcome != people.OutcomeCreated || r.Err != nil {
			t.Fatalf("result %d = %+v", i, r)
		}
		if got, want := r.Response.Person.Names[0].FamilyName, in[i].Names[0].FamilyName; got != want {
			t.Fatalf("result %d maps to person %q, want %q", i, got, want)
		}
	}
}
