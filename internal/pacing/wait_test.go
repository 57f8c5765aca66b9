// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWaitUnknownQuota(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	for range 100 {
		take(t, p, "alice").Succeeded()
	}
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("an unknown quota slept %v, want no waits", s)
	}
	if r, d := p.Rate("alice"), p.Delay("alice"); r != 0 || d != 0 {
		t.Errorf("Rate, Delay = %v, %v; want 0, 0", r, d)
	}
}

// TestWaitSpacing checks that consecutive turns are spaced for Margin × PerMinute and that
// the first turn is free.
func TestWaitSpacing(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		perMinute float64
		waits     int
	}{
		"600 per minute": {600, 5},
		"60 per minute":  {60, 3},
		"1 per minute":   {1, 2},
		"one wait":       {1, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, Config{PerMinute: tc.perMinute}, clock)
			for range tc.waits {
				take(t, p, "alice")
			}
			var want []time.Duration
			for range tc.waits - 1 {
				want = append(want, spaced(tc.perMinute))
			}
			if diff := cmp.Diff(want, clock.Slept()); diff != "" {
				t.Errorf("waits mismatch (-want +got):\n%s", diff)
			}
			if r, want := p.Rate("alice"), Margin*tc.perMinute; !near(r, want) {
				t.Errorf("Rate = %v, want %v", r, want)
			}
		})
	}
}

// TestWaitIdleBuildsNoBurst checks that with a configured rate a long idle time buys one
// free turn, not many.
func TestWaitIdleBuildsNoBurst(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 60}, clock)
	for range 3 {
		take(t, p, "alice")
	}
	clock.Slept()
	clock.Advance(10 * time.Minute)
	for range 3 {
		take(t, p, "alice")
	}
	if diff := cmp.Diff([]time.Duration{spaced(60), spaced(60)}, clock.Slept()); diff != "" {
		t.Errorf("waits after idle mismatch (-want +got):\n%s", diff)
	}
}

func TestWaitHonoursNotBefore(t *testing.T) {
	t.Parallel()
	tests := map[string]Config{
		"unknown quota": {},
		"paced":         {PerMinute: 600},
	}
	for name, cfg := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, cfg, clock)
			take(t, p, "alice").Throttled(Throttle{Hint: 5 * time.Minute})
			if d := p.Delay("alice"); d != 5*time.Minute {
				t.Errorf("Delay after a 5m throttle = %v, want 5m", d)
			}
			take(t, p, "alice")
			if diff := cmp.Diff([]time.Duration{5 * time.Minute}, clock.Slept()); diff != "" {
				t.Errorf("waits mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDelayMatchesWait checks that Delay predicts Wait exactly and takes no turn itself.
func TestDelayMatchesWait(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	var last Turn
	steps := []func(){
		func() {},
		func() { last.Throttled(Throttle{}) },
		func() { clock.Advance(30 * time.Millisecond) },
		func() { last.Throttled(Throttle{Hint: 2 * time.Second}) },
		func() { clock.Advance(time.Second) },
		func() { last.Succeeded() },
		func() { clock.Advance(time.Hour) },
	}
	for i, step := range steps {
		step()
		want := p.Delay("alice")
		if again := p.Delay("alice"); again != want {
			t.Fatalf("step %d: Delay changed from %v to %v without a Wait", i, want, again)
		}
		last = take(t, p, "alice")
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

// TestThrottleDuringWait checks that a caller already waiting for its turn also waits for a
// throttle reported meanwhile.
func TestThrottleDuringWait(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	first := take(t, p, "alice")
	clock.onSleep = func(time.Duration) error {
		clock.onSleep = nil
		first.Throttled(Throttle{Hint: time.Minute}) // at t0, while the next Wait sleeps
		return nil
	}
	take(t, p, "alice")
	want := []time.Duration{spaced(600), time.Minute - spaced(600)}
	if diff := cmp.Diff(want, clock.Slept()); diff != "" {
		t.Errorf("waits mismatch (-want +got):\n%s", diff)
	}
}

// TestWaitPastDeadline checks that a turn after the context's deadline fails at once,
// without sleeping and without taking the turn.
func TestWaitPastDeadline(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg       Config
		setup     func(t *testing.T, p *Pacer)
		wantDelay time.Duration
	}{
		"throttle hint": {
			cfg:       Config{},
			setup:     func(t *testing.T, p *Pacer) { take(t, p, "alice").Throttled(Throttle{Hint: 10 * time.Minute}) },
			wantDelay: 10 * time.Minute,
		},
		"rate": {
			cfg:       Config{PerMinute: 1},
			setup:     func(t *testing.T, p *Pacer) { take(t, p, "alice") },
			wantDelay: spaced(1),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, tc.cfg, clock)
			tc.setup(t, p)
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()

			turn, err := p.Wait(ctx, "alice")
			var de *DeadlineError
			if !errors.As(err, &de) || de.Delay != tc.wantDelay {
				t.Fatalf("Wait = %v, want a *DeadlineError with Delay %v", err, tc.wantDelay)
			}
			if turn != (Turn{}) {
				t.Errorf("Wait returned turn %+v with its error, want the zero Turn", turn)
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
		if _, err := p.Wait(cancelled, "alice"); !errors.Is(err, context.Canceled) {
			t.Errorf("PerMinute %v: Wait(cancelled) = %v, want context.Canceled", cfg.PerMinute, err)
		}
		if d := p.Delay("alice"); d != 0 {
			t.Errorf("PerMinute %v: Delay after Wait(cancelled) = %v, want 0 (turn not taken)", cfg.PerMinute, d)
		}
	}
}

// TestWaitCancelTakesNoTurn checks that a Wait cancelled while sleeping leaves the turn to
// the next caller.
func TestWaitCancelTakesNoTurn(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 60}, clock)
	take(t, p, "alice")
	clock.onSleep = func(time.Duration) error { return context.Canceled }
	if _, err := p.Wait(t.Context(), "alice"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait = %v, want context.Canceled", err)
	}
	if d := p.Delay("alice"); d != spaced(60) {
		t.Errorf("Delay after the cancelled Wait = %v, want %v (one turn, not two)", d, spaced(60))
	}
}

func TestUsersIndependent(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	for range 20 {
		take(t, p, "alice").Throttled(Throttle{Hint: time.Hour})
	}
	clock.Slept()
	take(t, p, "bob")
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("Wait(bob) slept %v after alice's throttles, want no wait", s)
	}
	if r := p.Rate("bob"); !near(r, Margin*600) {
		t.Errorf("Rate(bob) = %v, want %v", r, Margin*600)
	}
	if d := p.Delay("alice"); d != time.Hour {
		t.Errorf("Delay(alice) = %v, want 1h", d)
	}
}

// TestZeroTurn checks that reports on the zero Turn are ignored.
func TestZeroTurn(t *testing.T) {
	t.Parallel()
	var turn Turn
	turn.Succeeded()
	turn.Throttled(Throttle{Hint: time.Hour})
}
