// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWaitPacingOff(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	for range 100 {
		if err := p.Wait(t.Context(), "alice"); err != nil {
			t.Fatalf("Wait = %v", err)
		}
	}
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("pacing off slept %v, want no waits", s)
	}
	if r, d := p.Rate("alice"), p.Delay("alice"); r != 0 || d != 0 {
		t.Errorf("Rate, Delay = %v, %v; want 0, 0", r, d)
	}
	if n := len(p.users); n != 0 {
		t.Errorf("pacing off kept state for %d users, want none", n)
	}
}

// TestWaitSpacing checks that consecutive turns are 1/rate apart and that
// the first turn is free.
func TestWaitSpacing(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		perMinute float64
		waits     int
		want      []time.Duration
	}{
		"600 per minute": {600, 5, []time.Duration{100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond}},
		"60 per minute":  {60, 3, []time.Duration{time.Second, time.Second}},
		"1 per minute":   {1, 2, []time.Duration{time.Minute}},
		"one wait":       {1, 1, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, Config{PerMinute: tc.perMinute}, clock)
			for range tc.waits {
				if err := p.Wait(t.Context(), "alice"); err != nil {
					t.Fatalf("Wait = %v", err)
				}
			}
			if diff := cmp.Diff(tc.want, clock.Slept()); diff != "" {
				t.Errorf("waits mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWaitIdleBuildsNoBurst checks the burst of 1: a long idle time buys one
// free turn, not many.
func TestWaitIdleBuildsNoBurst(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 60}, clock)
	for range 3 {
		if err := p.Wait(t.Context(), "alice"); err != nil {
			t.Fatalf("Wait = %v", err)
		}
	}
	clock.Slept()
	clock.Advance(10 * time.Minute)
	for range 3 {
		if err := p.Wait(t.Context(), "alice"); err != nil {
			t.Fatalf("Wait = %v", err)
		}
	}
	if diff := cmp.Diff([]time.Duration{time.Second, time.Second}, clock.Slept()); diff != "" {
		t.Errorf("waits after idle mismatch (-want +got):\n%s", diff)
	}
}

func TestWaitHonoursNotBefore(t *testing.T) {
	t.Parallel()
	tests := map[string]Config{
		"pacing off": {},
		"paced":      {PerMinute: 600},
	}
	for name, cfg := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, cfg, clock)
			p.Throttled("alice", 5*time.Minute)
			if d := p.Delay("alice"); d != 5*time.Minute {
				t.Errorf("Delay after a 5m throttle = %v, want 5m", d)
			}
			if err := p.Wait(t.Context(), "alice"); err != nil {
				t.Fatalf("Wait = %v", err)
			}
			if diff := cmp.Diff([]time.Duration{5 * time.Minute}, clock.Slept()); diff != "" {
				t.Errorf("waits mismatch (-want +got):\n%s", diff)
			}
			// The turn after the throttle's wait follows the reduced rate.
			want := interval(p.Rate("alice"))
			if d := p.Delay("alice"); d != want {
				t.Errorf("Delay after the throttle's wait = %v, want %v", d, want)
			}
		})
	}
}

// TestDelayMatchesWait checks that Delay predicts Wait exactly and takes no
// turn itself.
func TestDelayMatchesWait(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	steps := []func(){
		func() {},
		func() { p.Throttled("alice", 0) },
		func() { clock.Advance(30 * time.Millisecond) },
		func() { p.Throttled("alice", 2*time.Second) },
		func() { clock.Advance(time.Second) },
		func() { p.Succeeded("alice") },
		func() { clock.Advance(time.Hour) },
	}
	for i, step := range steps {
		step()
		want := p.Delay("alice")
		if again := p.Delay("alice"); again != want {
			t.Fatalf("step %d: Delay changed from %v to %v without a Wait", i, want, again)
		}
		if err := p.Wait(t.Context(), "alice"); err != nil {
			t.Fatalf("step %d: Wait = %v", i, err)
		}
		var got time.Duration
		if s := clock.Slept(); len(s) > 0 {
			got = s[0]
			if len(s) > 1 {
				t.Errorf("step %d: Wait slept %v, want one wait", i, s)
			}
		}
		if got != want {
			t.Errorf("step %d: Wait slept %v, Delay said %v", i, got, want)
		}
	}
}

// TestThrottleDuringWait checks that a caller already waiting for its turn
// also waits for a throttle reported meanwhile.
func TestThrottleDuringWait(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	if err := p.Wait(t.Context(), "alice"); err != nil {
		t.Fatalf("Wait = %v", err)
	}
	clock.onSleep = func(time.Duration) error {
		clock.onSleep = nil
		p.Throttled("alice", time.Minute) // at t0, while the next Wait sleeps
		return nil
	}
	if err := p.Wait(t.Context(), "alice"); err != nil {
		t.Fatalf("Wait = %v", err)
	}
	want := []time.Duration{100 * time.Millisecond, time.Minute - 100*time.Millisecond}
	if diff := cmp.Diff(want, clock.Slept()); diff != "" {
		t.Errorf("waits mismatch (-want +got):\n%s", diff)
	}
}

// TestWaitPastDeadline checks that a turn after the context's deadline fails
// at once, without sleeping and without using up the turn.
func TestWaitPastDeadline(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg       Config
		setup     func(p *Pacer)
		wantDelay time.Duration
	}{
		"throttle hint": {
			cfg:       Config{},
			setup:     func(p *Pacer) { p.Throttled("alice", 10*time.Minute) },
			wantDelay: 10 * time.Minute,
		},
		"rate": {
			cfg: Config{PerMinute: 1},
			setup: func(p *Pacer) {
				if err := p.Wait(context.Background(), "alice"); err != nil {
					t.Errorf("first Wait = %v", err)
				}
			},
			wantDelay: time.Minute,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, tc.cfg, clock)
			tc.setup(p)
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()

			err := p.Wait(ctx, "alice")
			var de *DeadlineError
			if !errors.As(err, &de) || de.Delay != tc.wantDelay {
				t.Fatalf("Wait = %v, want a *DeadlineError with Delay %v", err, tc.wantDelay)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("errors.Is(%v, context.DeadlineExceeded) = false", err)
			}
			if s := clock.Slept(); len(s) != 0 {
				t.Errorf("Wait slept %v before failing, want no wait", s)
			}
			if d := p.Delay("alice"); d != tc.wantDelay {
				t.Errorf("Delay after the refused Wait = %v, want %v (turn not taken)", d, tc.wantDelay)
			}
		})
	}
}

func TestWaitContextDone(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	for _, cfg := range []Config{{}, {PerMinute: 600}} {
		clock := newFakeClock()
		p := newPacer(t, cfg, clock)
		if err := p.Wait(cancelled, "alice"); !errors.Is(err, context.Canceled) {
			t.Errorf("PerMinute %v: Wait(cancelled) = %v, want context.Canceled", cfg.PerMinute, err)
		}
		if d := p.Delay("alice"); d != 0 {
			t.Errorf("PerMinute %v: Delay after Wait(cancelled) = %v, want 0 (turn not taken)", cfg.PerMinute, d)
		}
	}
}

// TestWaitCancelHandsTurnBack checks that a Wait cancelled while sleeping
// gives its turn back to the next caller.
func TestWaitCancelHandsTurnBack(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 60}, clock)
	if err := p.Wait(t.Context(), "alice"); err != nil {
		t.Fatalf("Wait = %v", err)
	}
	clock.onSleep = func(time.Duration) error { return context.Canceled }
	if err := p.Wait(t.Context(), "alice"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait = %v, want context.Canceled", err)
	}
	if d := p.Delay("alice"); d != time.Second {
		t.Errorf("Delay after the cancelled Wait = %v, want 1s (one turn, not two)", d)
	}
}

func TestUsersIndependent(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	for range 20 {
		p.Throttled("alice", time.Hour)
	}
	if err := p.Wait(t.Context(), "bob"); err != nil {
		t.Fatalf("Wait(bob) = %v", err)
	}
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("Wait(bob) slept %v after alice's throttles, want no wait", s)
	}
	if r := p.Rate("bob"); r != 600 {
		t.Errorf("Rate(bob) = %v, want 600", r)
	}
	if r := p.Rate("alice"); r != 420 {
		t.Errorf("Rate(alice) = %v, want 420 (throttles in a row count once)", r)
	}
	if d := p.Delay("alice"); d != time.Hour {
		t.Errorf("Delay(alice) = %v, want 1h", d)
	}
}
