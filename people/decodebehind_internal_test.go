// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"google.golang.org/api/option"
)

// TestSendLeavesDecodeBehind checks the mechanism that lets BatchCreateContacts decode a reply
// while the next request is on its way: with decodeBehind, send records the contacts as
// created and leaves the reply undecoded in cl.behind; decode then fills in the people.
// Without it, send decodes at once.
func TestSendLeavesDecodeBehind(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"createdPeople":[{"person":{"resourceName":"people/c1"}},{"person":{"resourceName":"people/c2"}}]}`))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(t.Context(), option.WithoutAuthentication(), option.WithEndpoint(srv.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	chunk := []*Person{{Names: []*Name{{GivenName: "Ada"}}}, {Names: []*Name{{GivenName: "Alan"}}}}

	for _, behind := range []bool{false, true} {
		cl := c.newCall(t.Context(), "names", nil, len(chunk), nil)
		cl.decodeBehind = behind
		br, err := cl.send(0, chunk, nil, nil)
		if err != nil {
			t.Fatalf("behind=%v: send = %v", behind, err)
		}
		for i, r := range br.Contacts {
			if r.Outcome != OutcomeCreated || r.Err != nil {
				t.Errorf("behind=%v: contact %d after send: %v, %v; want created", behind, i, r.Outcome, r.Err)
			}
			if decoded := r.Response != nil; decoded == behind {
				t.Errorf("behind=%v: contact %d decoded by send: %v", behind, i, decoded)
			}
		}
		if (cl.behind != nil) != behind {
			t.Fatalf("behind=%v: reply left behind: %v", behind, cl.behind != nil)
		}
		if behind {
			cl.decode(cl.behind)
		}
		for i, r := range br.Contacts {
			if want := []string{"people/c1", "people/c2"}[i]; r.Response == nil || r.Response.Person.ResourceName != want {
				t.Errorf("behind=%v: contact %d response %+v, want %s", behind, i, r.Response, want)
			}
		}
	}
}
