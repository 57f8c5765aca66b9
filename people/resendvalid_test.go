// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"errors"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// batchContactsError is a 400 whose BatchCreateContactsErrorDetails refuses the contacts of
// the request at the positions given.
func batchContactsError(positions ...string) string {
	s := `{"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT",` +
		`"details":[{"@type":"type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails","contactErrors":{`
	for k, p := range positions {
		if k > 0 {
			s += ","
		}
		s += `"` + p + `":{"code":3,"message":"Invalid person.names."}`
	}
	return s + `}}]}}`
}

// TestResendValidSendsNothingWhenEveryContactIsRefused: with ResendValid, a request whose
// contacts the server refused one and all has no valid contact left to send again: no
// second (empty) request goes out, each contact fails with its own error, and the call
// goes on with the next request under ContinueOnError.
func TestResendValidSendsNothingWhenEveryContactIsRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		refused   []string
		chunk     int
		contacts  int
		wantPosts []int // contacts of each request sent
		failed    []int // input indexes that fail
	}{
		{"all refused, one request", []string{"0", "1"}, 2, 2, []int{2}, []int{0, 1}},
		{"all refused, then the next request", []string{"0", "1"}, 2, 3, []int{2, 1}, []int{0, 1}},
		{"some refused", []string{"1"}, 2, 2, []int{2, 1}, []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, f := setup(t, &people.Config{ChunkSize: tc.chunk})
			f.push(reply{400, nil, batchContactsError(tc.refused...)})
			res, err := c.BatchCreateContacts(t.Context(), contacts(tc.contacts), "names", nil,
				people.ResendValid(), people.ContinueOnError())
			reqs := f.requests()
			var posts []int
			for _, r := range reqs {
				posts = append(posts, len(r.Contacts))
			}
			if len(posts) != len(tc.wantPosts) {
				t.Fatalf("requests of %v contacts, want %v", posts, tc.wantPosts)
			}
			for k := range posts {
				if posts[k] != tc.wantPosts[k] {
					t.Fatalf("requests of %v contacts, want %v", posts, tc.wantPosts)
				}
			}
			failed := map[int]bool{}
			for _, i := range tc.failed {
				failed[i] = true
			}
			for i, r := range res.Contacts {
				want := people.OutcomeCreated
				if failed[i] {
					want = people.OutcomeFailed
				}
				if r.Outcome != want {
					t.Errorf("contact %d: %v, want %v", i, r.Outcome, want)
				}
				var ce *people.ContactError
				if failed[i] && (!errors.As(r.Err, &ce) || ce.Index != i) {
					t.Errorf("contact %d: err %v, want its ContactError", i, r.Err)
				}
			}
			var re *people.RequestError
			if !errors.As(err, &re) || re.Offset != 0 || len(re.Contacts) != len(tc.refused) {
				t.Errorf("err = %v, want the first request's error naming %d contacts", err, len(tc.refused))
			}
		})
	}
}
