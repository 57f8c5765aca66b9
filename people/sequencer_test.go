// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// overlapServer answers every request after a short delay and counts, per user (the first
// path segment), the most requests it had in flight at once.
type overlapServer struct {
	mu       sync.Mutex
	inFlight map[string]int
	max      map[string]int
	total    map[string]int
}

func (s *overlapServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	s.mu.Lock()
	s.inFlight[user]++
	s.total[user]++
	s.max[user] = max(s.max[user], s.inFlight[user])
	s.mu.Unlock()
	time.Sleep(2 * time.Millisecond)
	s.mu.Lock()
	s.inFlight[user]--
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte("{}"))
}

// TestSequencerNeverOverlapsOneUser sends 50 calls from three clients of one user and two of
// another, sharing a Sequencer, to a server that holds each request 2 ms, and checks that no
// user ever had two requests in flight. It runs in a synctest bubble over in-memory pipes: the
// 2 ms are fake, and any overlap the Sequencer allowed would show.
func TestSequencerNeverOverlapsOneUser(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := &overlapServer{inFlight: map[string]int{}, max: map[string]int{}, total: map[string]int{}}
		l := newPipeListener()
		srv := httptest.NewUnstartedServer(s)
		srv.Listener.Close()
		srv.Listener = l
		srv.Start()
		t.Cleanup(srv.Close)
		tr := &http.Transport{DialContext: l.DialContext}
		t.Cleanup(tr.CloseIdleConnections)
		seq := people.NewSequencer()
		newClient := func(user string) *people.Client {
			c, err := people.NewClientWithConfig(t.Context(), &people.Config{User: user, Sequencer: seq, ChunkSize: 2},
				option.WithEndpoint(srv.URL+"/"+user+"/"), option.WithHTTPClient(&http.Client{Transport: tr}))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			return c
		}
		// Three clients for alice, sharing the sequencer; two for bob.
		alice := []*people.Client{newClient("alice"), newClient("alice"), newClient("alice")}
		bob := []*people.Client{newClient("bob"), newClient("bob")}

		var wg sync.WaitGroup
		for g := range 50 {
			wg.Go(func() {
				c := alice[g%len(alice)]
				if g%2 == 1 {
					c = bob[g%len(bob)]
				}
				res, err := c.BatchCreateContacts(t.Context(), contacts(5), "", nil)
				if err != nil {
					t.Error(err)
					return
				}
				if n := res.Counts().Created; n != 5 {
					t.Errorf("created %d of 5", n)
				}
			})
		}
		wg.Wait()
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.max["alice"] != 1 || s.max["bob"] != 1 {
			t.Errorf("most requests in flight for one user: alice %d, bob %d; want 1", s.max["alice"], s.max["bob"])
		}
		if want := 25 * 3; s.total["alice"] != want || s.total["bob"] != want {
			t.Errorf("requests: alice %d, bob %d; want %d each", s.total["alice"], s.total["bob"], want)
		}
	})
}

func TestDifferentUsersRunInParallel(t *testing.T) {
	t.Parallel()
	// Two users whose requests each wait for the other's to start: they can only finish if
	// the SDK lets different users overlap.
	started := map[string]chan struct{}{"u1": make(chan struct{}), "u2": make(chan struct{})}
	var once sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if _, loaded := once.LoadOrStore(user, true); !loaded {
			close(started[user])
		}
		other := map[string]string{"u1": "u2", "u2": "u1"}[user]
		select {
		case <-started[other]:
		case <-time.After(5 * time.Second):
			http.Error(w, "the other user never overlapped", http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("{}"))
	}))
	t.Cleanup(srv.Close)
	seq := people.NewSequencer()
	var wg sync.WaitGroup
	for _, user := range []string{"u1", "u2"} {
		c, err := people.NewClientWithConfig(t.Context(), &people.Config{User: user, Sequencer: seq},
			option.WithEndpoint(srv.URL+"/"+user+"/"), option.WithoutAuthentication())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		wg.Go(func() {
			if _, err := c.BatchCreateContacts(t.Context(), contacts(1), "", nil); err != nil {
				t.Errorf("%s: %v", user, err)
			}
		})
	}
	wg.Wait()
}

// lostTurnSequencer grants every turn with a held context that the test ends.
type lostTurnSequencer struct {
	held   context.Context
	cancel context.CancelCauseFunc
}

func (s *lostTurnSequencer) Acquire(ctx context.Context, user string) (context.Context, func(), error) {
	return s.held, func() {}, nil
}

// TestNoAttemptOnceTheTurnIsLost checks that no attempt, first or retry, starts once the held
// context of the user's turn is done, and that the contacts are then reported not sent with
// an error that wraps the turn's cause.
func TestNoAttemptOnceTheTurnIsLost(t *testing.T) {
	t.Parallel()
	errLost := errors.New("lease lost")
	for name, tc := range map[string]struct {
		lostBefore   bool // the turn is lost before the first attempt, else at the first reply
		status       int
		wantAttempts int
	}{
		"lost before the first attempt":   {lostBefore: true, status: http.StatusOK, wantAttempts: 0},
		"lost during a throttled attempt": {status: http.StatusTooManyRequests, wantAttempts: 1},
		"lost during an aborted attempt":  {status: http.StatusConflict, wantAttempts: 1},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			held, cancel := context.WithCancelCause(t.Context())
			seq := &lostTurnSequencer{held: held, cancel: cancel}
			if tc.lostBefore {
				cancel(errLost)
			}
			var attempts atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				cancel(errLost)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				switch tc.status {
				case http.StatusTooManyRequests:
					w.Write([]byte(`{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota"}}`))
				case http.StatusConflict:
					w.Write([]byte(`{"error":{"code":409,"status":"ABORTED","message":"concurrent"}}`))
				default:
					w.Write([]byte("{}"))
				}
			}))
			t.Cleanup(srv.Close)
			c, err := people.NewClientWithConfig(t.Context(), &people.Config{Sequencer: seq,
				Retry: people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: time.Millisecond}},
				option.WithEndpoint(srv.URL+"/"), option.WithoutAuthentication())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			res, err := c.BatchCreateContacts(t.Context(), contacts(3), "", nil)
			if !errors.Is(err, errLost) {
				t.Errorf("err = %v, want one wrapping the turn's cause", err)
			}
			for _, r := range res.Contacts {
				if r.Outcome != people.OutcomeNotSent || !errors.Is(r.Err, errLost) {
					t.Errorf("contact %d: %v (%v), want not sent because the turn was lost", r.Index, r.Outcome, r.Err)
				}
			}
			if n := int(attempts.Load()); n != tc.wantAttempts {
				t.Errorf("server saw %d attempts, want %d", n, tc.wantAttempts)
			}
		})
	}
}
