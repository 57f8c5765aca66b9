// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestSliceFormOverlapsRequests checks that BatchCreateContacts records each successful reply
// (decodes it, stores its results, reports progress) while the next request is on its way:
// the progress report of request k waits here until the server has received request k+1,
// which a client that records before sending on would never do. Results and reports still
// come in order. TestSendLeavesDecodeBehind checks that the decoding is part of what overlaps.
func TestSliceFormOverlapsRequests(t *testing.T) {
	t.Parallel()
	const requests = 4
	c, f := setup(t, &people.Config{ChunkSize: 2})
	var received atomic.Int32
	arrived := make([]chan struct{}, requests+1)
	for i := range arrived {
		arrived[i] = make(chan struct{})
	}
	f.fallback = func(w http.ResponseWriter, req request) {
		n := received.Add(1)
		close(arrived[n])
		createAll(w, req)
	}
	var reported []int
	progress := func(p people.Progress) {
		reported = append(reported, p.Requests)
		if p.Requests < requests {
			select {
			case <-arrived[p.Requests+1]:
			case <-time.After(5 * time.Second):
				t.Errorf("request %d reported before request %d was sent", p.Requests, p.Requests+1)
			}
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
	if want := []int{1, 2, 3, 4}; len(reported) != len(want) || reported[0] != 1 || reported[3] != 4 {
		t.Errorf("progress reports %v, want %v", reported, want)
	}
}

// TestSliceFormDecodesBehindUnreadableReply checks that a reply decoded behind that cannot be
// read leaves its contacts created with an error saying so (the call's error stays nil:
// every contact was created), and the next request goes on.
func TestSliceFormDecodesBehindUnreadableReply(t *testing.T) {
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
