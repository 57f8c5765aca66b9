// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// approx compares rates computed in floating point.
var approx = cmpopts.EquateApprox(1e-12, 1e-9)

func TestThrottledDecreases(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg       Config
		throttles int
		want      float64
	}{
		"one throttle":             {Config{PerMinute: 600}, 1, 420},
		"two throttles":            {Config{PerMinute: 600}, 2, 294},
		"three throttles":          {Config{PerMinute: 600}, 3, 205.8},
		"down to the floor":        {Config{PerMinute: 600}, 50, DefaultFloor},
		"custom floor":             {Config{PerMinute: 600, Floor: 300}, 2, 300},
		"custom decrease":          {Config{PerMinute: 600, Decrease: 0.5}, 2, 150},
		"floor defaults below 1":   {Config{PerMinute: 0.5}, 3, 0.5},
		"floor equal to PerMinute": {Config{PerMinute: 10, Floor: 10}, 1, 10},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, tc.cfg, newFakeClock())
			for range tc.throttles {
				p.Throttled("alice", 0)
			}
			if got := p.Rate("alice"); !cmp.Equal(got, tc.want, approx) {
				t.Errorf("Rate after %d throttles = %v, want %v", tc.throttles, got, tc.want)
			}
		})
	}
}

// TestThrottledFromOff checks where adaptive pacing starts when PerMinute is
// 0, and the ceiling it then grows toward.
func TestThrottledFromOff(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg         Config
		successes   []time.Duration // offsets from t0
		throttleAt  time.Duration
		wantRate    float64
		wantCeiling float64
	}{
		"no data": {
			throttleAt: time.Second, wantRate: 42, wantCeiling: 120,
		},
		"one success is no data": {
			successes: []time.Duration{0}, throttleAt: time.Second, wantRate: 42, wantCeiling: 120,
		},
		"measured 120 per minute": {
			successes: every(500*time.Millisecond, 60), throttleAt: 30 * time.Second, wantRate: 84, wantCeiling: 240,
		},
		"burst counts over ten seconds": {
			successes: every(10*time.Millisecond, 10), throttleAt: time.Second, wantRate: 42, wantCeiling: 120,
		},
		"steady for five minutes": {
			successes: every(500*time.Millisecond, 600), throttleAt: 300 * time.Second, wantRate: 84, wantCeiling: 240,
		},
		"successes over a minute old are forgotten": {
			successes: every(500*time.Millisecond, 60), throttleAt: 2 * time.Minute, wantRate: 42, wantCeiling: 120,
		},
		"slow user": {
			successes: every(20*time.Second, 3), throttleAt: 40 * time.Second, wantRate: 3.15, wantCeiling: 9,
		},
		"slow user, floor": {
			cfg:       Config{Floor: 5},
			successes: every(20*time.Second, 3), throttleAt: 40 * time.Second, wantRate: 5, wantCeiling: 9,
		},
		"floor above twice the measured rate": {
			cfg:       Config{Floor: 20},
			successes: every(20*time.Second, 3), throttleAt: 40 * time.Second, wantRate: 20, wantCeiling: 20,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, tc.cfg, clock)
			for _, at := range tc.successes {
				clock.Advance(t0.Add(at).Sub(clock.Now()))
				p.Succeeded("alice")
			}
			if r := p.Rate("alice"); r != 0 {
				t.Fatalf("Rate before any throttle = %v, want 0 (unpaced)", r)
			}
			clock.Advance(t0.Add(tc.throttleAt).Sub(clock.Now()))
			p.Throttled("alice", 0)
			if got := p.Rate("alice"); !cmp.Equal(got, tc.wantRate, approx) {
				t.Errorf("Rate after the first throttle = %v, want %v", got, tc.wantRate)
			}
			if got := p.lookup("alice").ceiling; !cmp.Equal(got, tc.wantCeiling, approx) {
				t.Errorf("ceiling = %v, want %v", got, tc.wantCeiling)
			}
		})
	}
}

// every returns n offsets, step apart, starting at 0.
func every(step time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(i) * step
	}
	return out
}

func TestThrottledNotBefore(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		hints []time.Duration
		want  time.Duration
	}{
		"no hint":                {[]time.Duration{0}, 0},
		"negative hint":          {[]time.Duration{-time.Minute}, 0},
		"hint":                   {[]time.Duration{10 * time.Second}, 10 * time.Second},
		"shorter hint later":     {[]time.Duration{10 * time.Second, time.Second}, 10 * time.Second},
		"longer hint later":      {[]time.Duration{time.Second, 10 * time.Second}, 10 * time.Second},
		"hint capped at a day":   {[]time.Duration{48 * time.Hour}, 24 * time.Hour},
		"huge hint, no overflow": {[]time.Duration{1<<63 - 1}, 24 * time.Hour},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, Config{}, newFakeClock())
			for _, h := range tc.hints {
				p.Throttled("alice", h)
			}
			if got := p.Delay("alice"); got != tc.want {
				t.Errorf("Delay = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRecovery follows the rate after each success once throttled.
func TestRecovery(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg       Config
		throttles int
		successes int
		want      []float64 // rate after each success
	}{
		"back to PerMinute": {
			cfg: Config{PerMinute: 600, RecoverAfter: 3}, throttles: 1, successes: 12,
			want: []float64{420, 420, 480, 480, 480, 540, 540, 540, 600, 600, 600, 600},
		},
		"default RecoverAfter": {
			cfg: Config{PerMinute: 100}, throttles: 1, successes: 10,
			want: []float64{70, 70, 70, 70, 80, 80, 80, 80, 80, 90},
		},
		"from the floor": {
			cfg: Config{PerMinute: 100, Floor: 5, RecoverAfter: 1}, throttles: 20, successes: 11,
			want: []float64{15, 25, 35, 45, 55, 65, 75, 85, 95, 100, 100},
		},
		"adaptive from off grows to twice the throttled rate": {
			cfg: Config{RecoverAfter: 1}, throttles: 1, successes: 8,
			want: []float64{54, 66, 78, 90, 102, 114, 120, 120},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, tc.cfg, newFakeClock())
			for range tc.throttles {
				p.Throttled("alice", 0)
			}
			var got []float64
			for range tc.successes {
				p.Succeeded("alice")
				got = append(got, p.Rate("alice"))
			}
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("rates after each success (-want +got):\n%s", diff)
			}
		})
	}
}

func TestThrottleResetsSuccessStreak(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{PerMinute: 600, RecoverAfter: 3}, newFakeClock())
	p.Throttled("alice", 0)
	p.Succeeded("alice")
	p.Succeeded("alice")
	p.Throttled("alice", 0)
	p.Succeeded("alice")
	p.Succeeded("alice")
	if got := p.Rate("alice"); !cmp.Equal(got, 294.0, approx) {
		t.Errorf("Rate = %v, want 294 (no growth: never 3 successes in a row)", got)
	}
	p.Succeeded("alice")
	if got := p.Rate("alice"); !cmp.Equal(got, 354.0, approx) {
		t.Errorf("Rate = %v, want 354 after 3 successes in a row", got)
	}
}

// TestRateChangeAppliesToNextTurn checks that a throttle slows the next turn
// at once, not only future refills.
func TestRateChangeAppliesToNextTurn(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{PerMinute: 600}, clock)
	if err := p.Wait(t.Context(), "alice"); err != nil {
		t.Fatalf("Wait = %v", err)
	}
	p.Throttled("alice", 0)
	if got, want := p.Delay("alice"), interval(420); got != want {
		t.Errorf("Delay after throttle = %v, want %v", got, want)
	}
}

func TestSucceededUnknownPacedUserKeepsNoState(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{PerMinute: 600}, newFakeClock())
	p.Succeeded("alice")
	if n := len(p.users); n != 0 {
		t.Errorf("Succeeded kept state for %d users, want none", n)
	}
	if r := p.Rate("alice"); r != 600 {
		t.Errorf("Rate = %v, want 600", r)
	}
}
