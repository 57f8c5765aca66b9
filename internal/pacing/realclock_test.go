// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// These tests run the Pacer on its default clock, the time package, rather than on a
// fakeClock. Those that wait run inside a testing/synctest bubble, where the time package's
// clock is fake: the waits cost no real time and the durations measured are exact.

func TestRealWaitRespectsRate(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const n = 6
		p := newPacer(t, Config{PerMinute: 600}, nil)
		start := time.Now()
		for range n {
			take(t, p, "alice")
		}
		if elapsed, want := time.Since(start), (n-1)*spaced(600); elapsed < want || elapsed > want+time.Millisecond {
			t.Errorf("%d waits at 600/min took %v, want %v", n, elapsed, want)
		}
	})
}

func TestRealWaitHonoursNotBefore(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer(t, Config{}, nil)
		start := time.Now()
		take(t, p, "alice").Throttled(Throttle{Hint: 50 * time.Millisecond})
		take(t, p, "alice")
		if elapsed := time.Since(start); elapsed != 50*time.Millisecond {
			t.Errorf("Wait after a 50ms throttle returned after %v", elapsed)
		}
	})
}

// TestRealWaitCancel proves that a cancel ends a wait of minutes at once, whether the wait
// comes from a throttle or from the rate.
func TestRealWaitCancel(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg   Config
		setup func(t *testing.T, p *Pacer)
	}{
		"throttle hint": {
			cfg:   Config{},
			setup: func(t *testing.T, p *Pacer) { take(t, p, "alice").Throttled(Throttle{Hint: 10 * time.Minute}) },
		},
		"rate": {
			cfg: Config{PerMinute: 0.5}, // one turn every two minutes
			setup: func(t *testing.T, p *Pacer) {
				take(t, p, "alice")
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				p := newPacer(t, tc.cfg, nil)
				tc.setup(t, p)
				ctx, cancel := context.WithCancel(t.Context())
				done := make(chan error, 1)
				go func() {
					_, err := p.Wait(ctx, "alice")
					done <- err
				}()
				synctest.Wait() // Wait is sleeping
				select {
				case err := <-done:
					t.Fatalf("Wait returned %v before the cancel", err)
				default:
				}
				cancelled := time.Now()
				cancel()
				err := <-done
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Wait = %v, want context.Canceled", err)
				}
				if elapsed := time.Since(cancelled); elapsed != 0 {
					t.Errorf("Wait returned %v after cancel, want at once", elapsed)
				}
			})
		})
	}
}

// TestRealWaitPastDeadline checks the real clock path of the deadline check:
// Wait fails before the context's deadline instead of sleeping into it.
func TestRealWaitPastDeadline(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{}, nil)
	take(t, p, "alice").Throttled(Throttle{Hint: 10 * time.Minute})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err := p.Wait(ctx, "alice")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v, want an error matching context.DeadlineExceeded", err)
	}
	if ctx.Err() != nil {
		t.Error("Wait returned only once the deadline had passed, want at once")
	}
}

// TestRealUsersIndependent checks that a user waiting out a long throttle
// does not hold up another user's turns.
func TestRealUsersIndependent(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{PerMinute: 6000}, nil)
	take(t, p, "alice").Throttled(Throttle{Hint: time.Hour})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := p.Wait(ctx, "alice")
		done <- err
	}()
	defer func() {
		cancel()
		<-done
	}()

	bobCtx, bobCancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer bobCancel()
	for range 5 {
		if _, err := p.Wait(bobCtx, "bob"); err != nil {
			t.Fatalf("Wait(bob) = %v while alice waits out a throttle", err)
		}
	}
	if r := p.Rate("bob"); !near(r, Margin*6000) {
		t.Errorf("Rate(bob) = %v, want %v", r, Margin*6000)
	}
}
