// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

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

func TestEmptyInputSendsNothing(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	res, err := c.BatchCreateContacts(t.Context(), nil, "names", nil)
	if err != nil || len(res.Contacts) != 0 || len(f.requests()) != 0 {
		t.Fatalf("res %+v, err %v, %d requests", res, err, len(f.requests()))
	}
}

func TestInvalidInputSendsNothing(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	in := contacts(450)
	in[7].Names = append(in[7].Names, &people.Name{GivenName: "Second"})
	in[401] = nil
	res, err := c.BatchCreateContacts(t.Context(), in, "names", nil)
	var ie *people.InputError
	if !errors.As(err, &ie) || len(ie.Problems) != 2 {
		t.Fatalf("err = %v, want an InputError with 2 problems", err)
	}
	if p := ie.Problems[0]; p.Index != 7 || p.Field != "names" {
		t.Errorf("first problem %+v, want contact 7, field names", p)
	}
	if p := ie.Problems[1]; p.Index != 401 || p.Field != "contactPerson" {
		t.Errorf("second problem %+v, want contact 401, field contactPerson", p)
	}
	if n := len(f.requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
	if got := res.Counts(); got.Failed != 2 || got.NotSent != 448 {
		t.Errorf("counts %+v", got)
	}
	if !strings.Contains(err.Error(), "people: contact 7: names:") {
		t.Errorf("message %q does not name the contact and the field", err)
	}
}

func TestBadArgumentsSendNothing(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	for _, tt := range []struct {
		mask    string
		sources []people.ReadSourceType
		want    string
	}{
		{"names,adresy", nil, `"addresses"`},
		{"names", []people.ReadSourceType{"READ_SOURCE_TYPE_UNSPECIFIED"}, "sources[0]"},
	} {
		_, err := c.BatchCreateContacts(t.Context(), contacts(3), tt.mask, tt.sources)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("mask %q sources %v: err %v, want one naming %s", tt.mask, tt.sources, err, tt.want)
		}
	}
	if n := len(f.requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

func TestSkipInvalidSendsTheRest(t *testing.T) {
	t.Parallel()
	c, f := setup(t, &people.Config{ChunkSize: 3})
	in := contacts(9)
	// One invalid contact in the first request, and one in the second, whose body is
	// encoded while the first is on its way.
	in[1].EmailAddresses[0].Value = " "
	in[4].EmailAddresses[0].Value = " "
	res, err := c.BatchCreateContacts(t.Context(), in, "names", nil, people.SkipInvalid())
	var be *people.BatchError
	if !errors.As(err, &be) || be.Counts.Failed != 2 || be.Counts.Created != 7 {
		t.Fatalf("err = %v", err)
	}
	for _, i := range []int{1, 4} {
		var ve *people.ValidationError
		if !errors.As(res.Contacts[i].Err, &ve) || ve.Field != "emailAddresses[0].value" || ve.Index != i {
			t.Errorf("contact %d err = %v", i, res.Contacts[i].Err)
		}
	}
	reqs := f.requests()
	if len(reqs) != 3 || len(reqs[0].Contacts) != 2 || len(reqs[1].Contacts) != 2 || len(reqs[2].Contacts) != 3 {
		t.Errorf("%d requests, want 3 of 2, 2 and 3 contacts", len(reqs))
	}
	// The result maps the created people around the skipped contacts.
	for _, i := range []int{0, 2, 3, 5, 6, 8} {
		if got, want := res.Contacts[i].Response.Person.Names[0].FamilyName, fmt.Sprintf("Family%d", i); got != want {
			t.Errorf("contact %d maps to %q, want %q", i, got, want)
		}
	}
}

func TestStopAndContinueAfterAFailedRequest(t *testing.T) {
	t.Parallel()
	for _, cont := range []bool{false, true} {
		c, f := setup(t, &people.Config{ChunkSize: 2})
		f.push(reply{200, nil, `{}`}, reply{403, nil, fixture(t, "error-scope-403.json")})
		var opts []people.CallOption
		if cont {
			opts = append(opts, people.ContinueOnError())
		}
		res, err := c.BatchCreateContacts(t.Context(), contacts(6), "", nil, opts...)
		want := []people.Outcome{people.OutcomeCreated, people.OutcomeCreated, people.OutcomeFailed, people.OutcomeFailed, people.OutcomeNotSent, people.OutcomeNotSent}
		wantRequests := 2
		if cont {
			want[4], want[5] = people.OutcomeCreated, people.OutcomeCreated
			wantRequests = 3
		}
		for i, r := range res.Contacts {
			if r.Outcome != want[i] {
				t.Errorf("continue=%v: contact %d %v, want %v", cont, i, r.Outcome, want[i])
			}
		}
		if n := len(f.requests()); n != wantRequests {
			t.Errorf("continue=%v: %d requests, want %d", cont, n, wantRequests)
		}
		var re *people.RequestError
		if !errors.As(err, &re) || re.Offset != 2 || re.Count != 2 {
			t.Errorf("continue=%v: err %v", cont, err)
		}
	}
}

func TestResendValidRecoversTheGoodContacts(t *testing.T) {
	t.Parallel()
	c, f := setup(t, &people.Config{ChunkSize: 6})
	// The server refuses contacts 1 and 4 of the request, as in the fixture.
	f.push(reply{400, nil, fixture(t, "error-batch-contacts.json")})
	in := contacts(6)
	res, err := c.BatchCreateContacts(t.Context(), in, "names", nil, people.ResendValid())
	reqs := f.requests()
	if len(reqs) != 2 || len(reqs[1].Contacts) != 4 {
		t.Fatalf("%d requests; want the second to resend the 4 good contacts", len(reqs))
	}
	for i, r := range res.Contacts {
		want := people.OutcomeCreated
		if i == 1 || i == 4 {
			want = people.OutcomeFailed
		}
		if r.Outcome != want {
			t.Errorf("contact %d: %v, want %v", i, r.Outcome, want)
		}
	}
	if got := res.Contacts[5].Response.Person.Names[0].FamilyName; got != "Family5" {
		t.Errorf("contact 5 maps to %q after the resend", got)
	}
	var ce *people.ContactError
	if !errors.As(err, &ce) || (ce.Index != 1 && ce.Index != 4) {
		t.Errorf("err = %v, want ContactErrors for 1 and 4", err)
	}
}

func TestProgressReportsEachRequest(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, &people.Config{ChunkSize: 4})
	var got []people.Progress
	_, err := c.BatchCreateContacts(t.Context(), contacts(10), "", nil,
		people.WithProgress(func(p people.Progress) { got = append(got, p) }))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d progress calls, want 3", len(got))
	}
	for i, want := range []struct{ created, remaining int }{{4, 6}, {8, 2}, {10, 0}} {
		if got[i].Requests != i+1 || got[i].Created != want.created || got[i].Remaining != want.remaining {
			t.Errorf("progress %d = %+v", i, got[i])
		}
	}
}

func TestSeqStreamsRequests(t *testing.T) {
	t.Parallel()
	c, f := setup(t, &people.Config{ChunkSize: 200})
	in := contacts(450)
	seen := 0
	for br, err := range c.BatchCreateContactsSeq(t.Context(), slices.Values(in), "names", nil) {
		if err != nil {
			t.Fatal(err)
		}
		if br.Offset != seen || br.Request != seen/200 {
			t.Fatalf("batch %+v at offset %d", br, seen)
		}
		for i, r := range br.Contacts {
			if r.Index != seen+i || r.Outcome != people.OutcomeCreated {
				t.Fatalf("contact %d: %+v", seen+i, r)
			}
		}
		seen += len(br.Contacts)
	}
	if seen != 450 || len(f.requests()) != 3 {
		t.Fatalf("saw %d contacts in %d requests", seen, len(f.requests()))
	}
	// Breaking out of the loop stops the call.
	for range c.BatchCreateContactsSeq(t.Context(), slices.Values(in), "names", nil) {
		break
	}
	if n := len(f.requests()); n != 4 {
		t.Fatalf("%d requests after a break, want 4", n)
	}
}

func TestCallerContactsAreNotModified(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, &people.Config{Reconcile: &people.ReconcileConfig{Delay: time.Millisecond}})
	in := contacts(3)
	before, _ := json.Marshal(in)
	res, err := c.BatchCreateContacts(t.Context(), in, "names", nil)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(in)
	if string(before) != string(after) {
		t.Errorf("contacts changed by the call:\n%s\n%s", before, after)
	}
	// The created people carry their markers, each a distinct one.
	seen := map[string]bool{}
	for _, r := range res.Contacts {
		m := people.Marker(r.Response.Person, "peoplebatch.id")
		if m == "" || seen[m] {
			t.Errorf("contact %d marker %q", r.Index, m)
		}
		seen[m] = true
	}
}
