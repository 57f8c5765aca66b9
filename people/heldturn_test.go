// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// leaseLost is the typed cause a distributed Sequencer gives when it loses a turn.
type leaseLost struct{ user string }

func (e *leaseLost) Error() string { return "lease of " + e.user + " lost" }

// leaseSequencer is a Sequencer whose turns the test ends at will, as a lease that expires.
type leaseSequencer struct {
	mu       sync.Mutex
	end      context.CancelCauseFunc
	endFirst bool // the turn is over as soon as it is granted
	acquires int
	releases int
}

func (s *leaseSequencer) Acquire(ctx context.Context, user string) (context.Context, func(), error) {
	held, end := context.WithCancelCause(ctx)
	s.mu.Lock()
	s.end = end
	s.acquires++
	s.mu.Unlock()
	if s.endFirst {
		end(&leaseLost{user})
	}
	return held, func() {
		s.mu.Lock()
		s.releases++
		s.mu.Unlock()
		end(nil)
	}, nil
}

func (s *leaseSequencer) endTurn(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.end(&leaseLost{user})
}

// onRetry is a slog.Handler that calls f at each "people: retrying", before the wait.
type onRetry struct{ f func() }

func (h onRetry) Enabled(context.Context, slog.Level) bool { return true }
func (h onRetry) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "people: retrying" {
		h.f()
	}
	return nil
}
func (h onRetry) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h onRetry) WithGroup(string) slog.Handler      { return h }

// TestLostTurnStopsAttempts checks that no attempt starts once the Sequencer's turn has
// ended (held is done), before the first attempt or after a retry's wait, and that the
// contacts not sent say why with the sequencer's own error; and that an attempt in flight
// when the turn ends is classified as usual.
func TestLostTurnStopsAttempts(t *testing.T) {
	t.Parallel()
	const user = "lease@example.com"
	tests := map[string]struct {
		endFirst  bool
		duringTry bool // end the turn while the server handles the request
		onRetry   bool // end the turn after a 429, before the retry's wait
		refuse    bool
		wantReqs  int
		want      people.Counts
	}{
		"before the first attempt": {endFirst: true, wantReqs: 0, want: people.Counts{NotSent: 4}},
		"after a backoff wait":     {refuse: true, onRetry: true, wantReqs: 1, want: people.Counts{NotSent: 4}},
		"during an attempt":        {duringTry: true, wantReqs: 2, want: people.Counts{Created: 4}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seq := &leaseSequencer{endFirst: tc.endFirst}
			cfg := &people.Config{User: user, Sequencer: seq, ChunkSize: 2}
			if tc.onRetry {
				cfg.Logger = slog.New(onRetry{func() { seq.endTurn(user) }})
			}
			c, f := setup(t, cfg)
			if tc.refuse {
				f.push(reply{status: 429, body: `{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota"}}`})
			}
			if tc.duringTry {
				f.fallback = func(w http.ResponseWriter, req request) {
					seq.endTurn(user)
					createAll(w, req)
				}
			}
			res, err := c.BatchCreateContacts(t.Context(), contacts(4), "names", nil)
			if got := res.Counts(); got != tc.want {
				t.Errorf("counts %+v, want %+v (err %v)", got, tc.want, err)
			}
			if got := len(f.requests()); got != tc.wantReqs {
				t.Errorf("%d requests reached the server, want %d", got, tc.wantReqs)
			}
			if tc.want.NotSent > 0 {
				var lost *leaseLost
				if !errors.As(err, &lost) || !errors.As(res.Contacts[0].Err, &lost) || lost.user != user {
					t.Errorf("err = %v, contact 0: %v; want both to match *leaseLost", err, res.Contacts[0].Err)
				}
			} else if err != nil {
				t.Errorf("err = %v, want nil", err)
			}
			if seq.acquires == 0 || seq.releases != seq.acquires {
				t.Errorf("%d turns acquired, %d released; want each released once", seq.acquires, seq.releases)
			}
		})
	}
}

// TestTurnLostWhilePaced ends the Sequencer's turn while pacing holds the retry of a 429
// (the user's writes go one a second): no attempt starts, and the request's error is the
// sequencer's own, as when the turn ends before the retry's wait, not a *RetryError that
// says the retries ran out.
func TestTurnLostWhilePaced(t *testing.T) {
	t.Parallel()
	const user = "pacedlease@example.com"
	synctest.Test(t, func(t *testing.T) {
		srv, hc := pipeEmulator(t, user)
		seq := &leaseSequencer{}
		c := pipeClient(t, srv, hc, &people.Config{User: user, Sequencer: seq, WritesPerMinute: 60, Retry: people.RetryPolicy{
			InitialBackoff: time.Millisecond, MaxBackoff: time.Millisecond, Rand: func() float64 { return 1 },
		}})
		srv.AddFaults(peopletest.Fault{Status: http.StatusTooManyRequests})
		time.AfterFunc(500*time.Millisecond, func() { seq.endTurn(user) }) // the next turn comes at 1 s
		res, err := c.BatchCreateContacts(t.Context(), contacts(2), "", nil)
		if got := res.Counts(); got != (people.Counts{NotSent: 2}) {
			t.Errorf("counts %+v, want 2 not sent (err %v)", got, err)
		}
		var lost *leaseLost
		var re *people.RetryError
		if !errors.As(res.Contacts[0].Err, &lost) || errors.As(res.Contacts[0].Err, &re) {
			t.Errorf("contact 0: %v; want the *leaseLost, not a *people.RetryError", res.Contacts[0].Err)
		}
		if n := len(srv.Requests()); n != 1 {
			t.Errorf("%d requests reached the server, want 1", n)
		}
	})
}
