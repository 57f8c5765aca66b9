// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// quotaRun is what the emulator saw of one user's requests under a quota.
type quotaRun struct {
	admitted, refused, refusedLater int     // refusedLater: 429s after the first window
	rate                            float64 // admitted requests per second, first to last
}

// quotaFigures reads quotaRun from the emulator's requests of user, under a quota of window.
func quotaFigures(srv *peopletest.Server, user string, window time.Duration) quotaRun {
	var r quotaRun
	var first, last time.Time
	for _, req := range srv.Requests() {
		if req.User != user || req.Number == 0 {
			continue
		}
		if first.IsZero() {
			first = req.Time
		}
		switch req.Status {
		case 200:
			r.admitted++
			last = req.Time
		case 429:
			r.refused++
			if req.Time.Sub(first) >= window {
				r.refusedLater++
			}
		}
	}
	if r.admitted > 1 {
		r.rate = float64(r.admitted-1) / last.Sub(first).Seconds()
	}
	return r
}

// TestSharedPacingWorkers runs 4 clients for one user at once, each with a Pacer of its own
// as workers in separate processes have, told the quota (20 requests per 2 s, a sliding
// window), in a synctest bubble. Sharing a peopletest.SharedSequencer, they pace on one view of
// the quota: together they run at ≥ 0.9× its rate, with < 2 429s per 100 requests after the
// first window. With only the turn shared (a LocalSequencer), each paces as if alone: the 429s
// that four times the rate meets teach each Pacer a low limit, and the bounds are missed.
func TestSharedPacingWorkers(t *testing.T) {
	t.Parallel()
	const workers, each, chunk = 4, 150, 10
	quota := peopletest.Quota{Requests: 20, Per: 2 * time.Second}
	for name, tc := range map[string]struct {
		seq    func() people.Sequencer
		shared bool
	}{
		"shared pacing": {seq: func() people.Sequencer { return new(peopletest.SharedSequencer) }, shared: true},
		"shared turn":   {seq: func() people.Sequencer { return people.NewSequencer() }},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				srv, client := bubbleEmulator(t, peopletest.WithWriteQuota(quota), peopletest.WithLatency(20*time.Millisecond, 0))
				seq := tc.seq()
				var wg sync.WaitGroup
				for range workers {
					c := client("alice", people.Config{Sequencer: seq, WritesPerMinute: 600, ChunkSize: chunk})
					wg.Go(func() {
						res, err := c.BatchCreateContacts(t.Context(), contacts(each), "", nil)
						if tc.shared && (err != nil || res.Counts().Created != each) {
							t.Errorf("worker: %v, %+v", err, res.Counts())
						}
					})
				}
				wg.Wait()
				r := quotaFigures(srv, "alice", quota.Per)
				perHundred := 100 * float64(r.refusedLater) / float64(r.admitted+r.refused)
				t.Logf("%s: %d admitted at %.2f× the quota, %d 429s (%d after the first window: %.1f per 100 requests)",
					name, r.admitted, r.rate/10, r.refused, r.refusedLater, perHundred)
				if met := r.rate >= 0.9*10 && perHundred < 2; met != tc.shared {
					t.Errorf("%.2f× the quota, %.1f 429s per 100 after the first window: ≥ 0.9× and < 2 is %v, want %v",
						r.rate/10, perHundred, met, tc.shared)
				}
			})
		})
	}
}

// TestSharedPacingTurns checks what a client reads from and gives back to a PacingSequencer:
// the next client of the user, with a Pacer of its own, waits out the spacing the previous
// one left (60 requests a minute: 1.02 s); a state that is not one is not an error, and is
// replaced; a turn that ended before its release (a lost lease) gives back nothing.
func TestSharedPacingTurns(t *testing.T) {
	t.Parallel()
	const spacing = time.Minute / 60 * 100 / 98
	one := contacts(1)
	tests := map[string]struct {
		plant   []byte // the state in the Sequencer before the first call
		endTurn bool   // end the first call's turn while its request is on the way
	}{
		"handed on":        {},
		"unreadable state": {plant: []byte("not a state")},
		"turn ended":       {plant: []byte("kept"), endTurn: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				srv, client := bubbleEmulator(t, peopletest.WithLatency(100*time.Millisecond, 0))
				seq := new(peopletest.SharedSequencer)
				seq.SetPacing("alice", tc.plant)
				cfg := people.Config{Sequencer: seq, WritesPerMinute: 60}
				a, b := client("alice", cfg), client("alice", cfg)
				if tc.endTurn {
					go func() {
						time.Sleep(50 * time.Millisecond)
						seq.EndTurn("alice")
					}()
				}
				if _, err := a.BatchCreateContacts(t.Context(), one, "", nil); err != nil {
					t.Fatal(err)
				}
				state := seq.Pacing("alice")
				if tc.endTurn {
					if string(state) != "kept" {
						t.Fatalf("state after a turn that ended = %q, want the one before kept", state)
					}
					return
				}
				if len(state) == 0 || string(state) == string(tc.plant) {
					t.Fatalf("state after the turn = %q, want the Pacer's", state)
				}
				if _, err := b.BatchCreateContacts(t.Context(), one, "", nil); err != nil {
					t.Fatal(err)
				}
				reqs := srv.Requests()
				if len(reqs) != 2 {
					t.Fatalf("%d requests, want 2", len(reqs))
				}
				if gap := reqs[1].Time.Sub(reqs[0].Time); gap != spacing {
					t.Errorf("the second client sent %v after the first, want the spacing %v", gap, spacing)
				}
			})
		})
	}
}

// incompleteSequencer grants Turns without Held or Release, as a broken PacingSequencer would.
type incompleteSequencer struct{ people.Sequencer }

func (incompleteSequencer) AcquirePacing(context.Context, string) (people.Turn, error) {
	return people.Turn{}, nil
}

// TestIncompleteTurn checks that a Turn without Held or Release fails the request, nothing
// sent, rather than panicking.
func TestIncompleteTurn(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv, client := bubbleEmulator(t)
		c := client("alice", people.Config{Sequencer: incompleteSequencer{people.NewSequencer()}})
		res, err := c.BatchCreateContacts(t.Context(), contacts(1), "", nil)
		if err == nil || res.Contacts[0].Outcome != people.OutcomeNotSent || len(srv.Requests()) != 0 {
			t.Errorf("err %v, outcome %v, %d requests; want an error, not sent, none", err, res.Contacts[0].Outcome, len(srv.Requests()))
		}
	})
}
