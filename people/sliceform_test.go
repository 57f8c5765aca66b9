// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"net/http"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestSliceFormReportsBeforeNextRequest checks the order that the slice form keeps while it
// decodes a reply as the next request is made: the progress report of request k comes when
// its reply is in and before request k+1 is sent, so that a progress function that cancels
// the context stops the call cleanly; and every contact gets its own created person.
func TestSliceFormReportsBeforeNextRequest(t *testing.T) {
	t.Parallel()
	const requests = 4
	c, f := setup(t, &people.Config{ChunkSize: 2})
	var received atomic.Int32
	f.fallback = func(w http.ResponseWriter, req request) {
		received.Add(1)
		createAll(w, req)
	}
	var reported []int
	progress := func(p people.Progress) {
		reported = append(reported, p.Requests)
		if n := int(received.Load()); n != p.Requests {
			t.Errorf("request %d reported when the server had received %d", p.Requests, n)
		}
	}
	in := contacts(2 * requests)
	res, err := c.BatchCreateContacts(t.Context(), in, "names", nil, people.WithProgress(progress))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res.Contacts {
		if r.Outcome != people.OutcomeCreated || r.Err != nil || r.Response == nil || r.Response.Person == nil {
			t.Fatalf("contact %d: %+v", i, r)
		}
		if got, want := r.Response.Person.Names[0].GivenName, in[i].Names[0].GivenName; got != want {
			t.Errorf("contact %d: created person named %q, want %q", i, got, want)
		}
	}
	if want := []int{1, 2, 3, 4}; !slices.Equal(reported, want) {
		t.Errorf("progress reports %v, want %v", reported, want)
	}
}

// TestSliceFormUnreadableReply checks that a created reply that cannot be read, decoded as
// the next request goes, leaves its contacts created with an error saying so (the call's
// error stays nil: every contact was created), and the next request goes on.
func TestSliceFormUnreadableReply(t *testing.T) {
	t.Parallel()
	c, f := setup(t, &people.Config{ChunkSize: 2})
	f.push(reply{status: 200, body: `{"createdPeople":[{"person":`})
	res, err := c.BatchCreateContacts(t.Context(), contacts(4), "names", nil)
	if err != nil {
		t.Fatalf("BatchCreateContacts = %v, want nil: every contact was created", err)
	}
	for i, r := range res.Contacts {
		if r.Outcome != people.OutcomeCreated {
			t.Errorf("contact %d: outcome %v, want created", i, r.Outcome)
		}
		if unreadable := i < 2; (r.Err != nil) != unreadable || (r.Response == nil) != unreadable {
			t.Errorf("contact %d: Err %v, Response %v", i, r.Err, r.Response)
		}
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests sent, want 2", n)
	}
}
