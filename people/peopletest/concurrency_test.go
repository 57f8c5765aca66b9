// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// holdInFlight sends a mutate request for user that stays in flight (after creating its
// contact) until the returned function is called.
func holdInFlight(t *testing.T, srv *peopletest.Server, user string) (release func()) {
	t.Helper()
	before := len(srv.Contacts(user))
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Delay: time.Minute, User: user})
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() { send(ctx, srv, user, batch("", person("Held"))) })
	waitFor(t, "the held request to commit", func() bool { return len(srv.Contacts(user)) == before+1 })
	return func() {
		cancel()
		wg.Wait()
	}
}

func TestConcurrencyCheck(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		check       peopletest.ConcurrencyCheck
		wantStatus  int
		wantStored  int // contacts of the user at the end, the held one included
		wantAtLeast time.Duration
	}{
		"count only":        {wantStatus: 200, wantStored: 2},
		"abort":             {check: peopletest.ConcurrencyCheck{Abort: true}, wantStatus: 409, wantStored: 1},
		"delay":             {check: peopletest.ConcurrencyCheck{Delay: 100 * time.Millisecond}, wantStatus: 200, wantStored: 2, wantAtLeast: 100 * time.Millisecond},
		"abort beats delay": {check: peopletest.ConcurrencyCheck{Abort: true, Delay: time.Minute}, wantStatus: 409, wantStored: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, peopletest.WithConcurrencyCheck(tc.check))
			release := holdInFlight(t, srv, "alice")

			// A read and another user's write do not overlap alice's mutation.
			if res := mustDo(t, srv, "alice", http.MethodGet, connPath+"?personFields=names", nil); res.status != 200 {
				t.Errorf("read: %d", res.status)
			}
			if o := send(t.Context(), srv, "bob", batch("", person("B"))); o.status != 200 {
				t.Errorf("bob: %d %v", o.status, o.err)
			}
			start := time.Now()
			o := send(t.Context(), srv, "alice", batch("", person("A")))
			elapsed := time.Since(start)
			release()

			if o.status != tc.wantStatus {
				t.Errorf("overlapping request: %d %s, want %d", o.status, o.body, tc.wantStatus)
			}
			if tc.wantStatus == 409 {
				wantError(t, o, 409, "ABORTED", "The operation was aborted.")
			}
			if elapsed < tc.wantAtLeast {
				t.Errorf("overlapping request took %v, want at least %v", elapsed, tc.wantAtLeast)
			}
			if n := len(srv.Contacts("alice")); n != tc.wantStored {
				t.Errorf("alice has %d contacts, want %d", n, tc.wantStored)
			}
			if got := [4]int{srv.Overlaps("alice"), srv.MaxInFlight("alice"), srv.Overlaps("bob"), srv.MaxInFlight("bob")}; got != [4]int{1, 2, 0, 1} {
				t.Errorf("overlaps, max in flight of alice and bob = %v, want [1 2 0 1]", got)
			}
			var overlapped int
			for _, r := range srv.Requests() {
				if r.Overlapped {
					overlapped++
					if r.User != "alice" || r.Method != http.MethodPost {
						t.Errorf("overlapped record %+v", r)
					}
				}
			}
			if overlapped != 1 {
				t.Errorf("%d requests recorded as overlapped, want 1", overlapped)
			}
		})
	}
}

func TestSequentialRequestsDoNotOverlap(t *testing.T) {
	t.Parallel()
	srv := newServer(t, peopletest.WithConcurrencyCheck(peopletest.ConcurrencyCheck{Abort: true}))
	for range 5 {
		if res := create(t, srv, "alice", batch("", person("A"))); res.status != 200 {
			t.Fatalf("got %d", res.status)
		}
	}
	if o, m := srv.Overlaps("alice"), srv.MaxInFlight("alice"); o != 0 || m != 1 {
		t.Errorf("Overlaps %d, MaxInFlight %d; want 0, 1", o, m)
	}
}

func TestParallelRequestsAreCounted(t *testing.T) {
	t.Parallel()
	// Latency keeps each request in flight long enough for the others to start.
	srv := newServer(t, peopletest.WithLatency(200*time.Millisecond, 0))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { send(t.Context(), srv, "alice", batch("", person("A"))) })
	}
	wg.Wait()
	if o, m := srv.Overlaps("alice"), srv.MaxInFlight("alice"); o < 1 || m < 2 {
		t.Errorf("Overlaps %d, MaxInFlight %d; want overlaps counted", o, m)
	}
	if n := len(srv.Contacts("alice")); n != 4 {
		t.Errorf("%d contacts, want 4: counting alone rejects nothing", n)
	}
}
