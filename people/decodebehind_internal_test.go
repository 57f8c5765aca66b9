// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
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

// TestTurnGivenBackBeforeDecoding checks that the user's turn is given back once a successful
// reply has been read and before it is decoded, whether the call decodes behind or not: the
// decoding needs no turn, and another client sharing the Sequencer may take it meanwhile.
func TestTurnGivenBackBeforeDecoding(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"createdPeople":[{"person":{"resourceName":"people/c1"}}]}`))
	}))
	t.Cleanup(srv.Close)
	var cl *call
	var undecodedAtRelease []bool
	seq := sequencerFunc(func(ctx context.Context, user string) (context.Context, func(), error) {
		return ctx, func() { undecodedAtRelease = append(undecodedAtRelease, cl.behind != nil) }, nil
	})
	c, err := NewClientWithConfig(t.Context(), &Config{Sequencer: seq}, option.WithoutAuthentication(), option.WithEndpoint(srv.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	for _, behind := range []bool{false, true} {
		cl = c.newCall(t.Context(), "names", nil, 1, nil)
		cl.decodeBehind = behind
		br, err := cl.send(0, []*Person{{Names: []*Name{{GivenName: "Ada"}}}}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !behind && br.Contacts[0].Response == nil {
			t.Errorf("behind=%v: reply not decoded by send", behind)
		}
	}
	if len(undecodedAtRelease) != 2 || !undecodedAtRelease[0] || !undecodedAtRelease[1] {
		t.Errorf("reply still to decode when the turn was given back: %v, want [true true]", undecodedAtRelease)
	}
}

// sequencerFunc is a Sequencer made of its Acquire.
type sequencerFunc func(ctx context.Context, user string) (context.Context, func(), error)

func (f sequencerFunc) Acquire(ctx context.Context, user string) (context.Context, func(), error) {
	return f(ctx, user)
}
