// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestConflictRetriedOnlyWhenAborted: a 409 is retried only when it says ABORTED (a
// concurrent mutation: nothing applied), or says nothing of its status; any other status of
// a 409 is not the API's refusal to retry, and the request is not sent again.
func TestConflictRetriedOnlyWhenAborted(t *testing.T) {
	t.Parallel()
	body := func(status string) string {
		return `{"error":{"code":409,"message":"m","status":"` + status + `"}}`
	}
	for _, tc := range []struct {
		name     string
		body     string
		requests int
		want     people.Outcome
	}{
		{"aborted", body("ABORTED"), 2, people.OutcomeCreated},
		{"no envelope", "", 2, people.OutcomeCreated},
		{"already exists", body("ALREADY_EXISTS"), 1, people.OutcomeFailed},
		{"failed precondition", body("FAILED_PRECONDITION"), 1, people.OutcomeFailed},
		{"internal", body("INTERNAL"), 1, people.OutcomeFailed},
		{"unknown status name", body("NOT_A_STATUS"), 1, people.OutcomeFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, f := setup(t, nil)
			f.push(reply{409, nil, tc.body})
			res, _ := c.BatchCreateContacts(t.Context(), contacts(1), "names", nil)
			if n := len(f.requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			if got := res.Contacts[0].Outcome; got != tc.want {
				t.Errorf("outcome %v, want %v", got, tc.want)
			}
		})
	}
}
