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
		"one throttle":                   {Config{PerMinute: 600}, 1, 420},
		"throttles in a row count once":  {Config{PerMinute: 600}, 5, 420},
		"custom decrease":                {Config{PerMinute: 600, Decrease: 0.5}, 1, 300},
		"custom floor":                   {Config{PerMinute: 600, Floor: 500}, 1, 500},
		"floor defaults below 1":         {Config{PerMinute: 0.5}, 1, 0.5},
		"floor equal to PerMinute":       {Config{PerMinute: 10, Floor: 10}, 1, 10},
		"from off without measured rate": {Config{}, 1, 0.7 * AssumedPerMinute},
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

// TestThrottledAgain checks the rate refused by a throttle that follows successes: the paced
// rate or the measured one, whichever is lower, lowered further when it is below the rate
// refused last time (fast convergence).
func TestThrottledAgain(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		step              time.Duration // between replies; 0 leaves the rate unmeasured
		successes         int
		wantPeak, wantNow float64
	}{
		// After one success of four (RecoverAfter 4) the rate is 540 - 120 × 0.75³ = 489.375;
		// refused below 600, it counts as 0.85 × 489.375.
		"below the last refused rate": {0, 1, 0.85 * 489.375, 0.7 * 0.85 * 489.375},
		// Replies a second apart: the user sends at 60 a minute, whatever its paced rate.
		"measured below the paced rate": {time.Second, 3, 0.85 * 60, 0.7 * 0.85 * 60},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, Config{PerMinute: 600, RecoverAfter: 4}, clock)
			p.Throttled("alice", 0)
			for range tc.successes {
				clock.Advance(tc.step)
				p.Succeeded("alice")
			}
			clock.Advance(tc.step)
			p.Throttled("alice", 0)
			u := p.lookup("alice")
			if !cmp.Equal(u.peak, tc.wantPeak, approx) {
				t.Errorf("refused rate = %v, want %v", u.peak, tc.wantPeak)
			}
			if got := p.Rate("alice"); !cmp.Equal(got, tc.wantNow, approx) {
				t.Errorf("Rate = %v, want %v", got, tc.wantNow)
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
		"two per second": {
			successes: every(500*time.Millisecond, 10), throttleAt: 5 * time.Second, wantRate: 84, wantCeiling: 240,
		},
		"twenty per second": {
			successes: every(50*time.Millisecond, 30), throttleAt: 1500 * time.Millisecond, wantRate: 840, wantCeiling: 2400,
		},
		"one pause does not count": {
			successes:  append(every(500*time.Millisecond, 5), 12*time.Second, 12500*time.Millisecond),
			throttleAt: 13 * time.Second, wantRate: 84, wantCeiling: 240,
		},
		"slow user": {
			successes: every(20*time.Second, 3), throttleAt: 60 * time.Second, wantRate: 2.1, wantCeiling: 6,
		},
		"slow user, floor": {
			cfg:       Config{Floor: 5},
			successes: every(20*time.Second, 3), throttleAt: 60 * time.Second, wantRate: 5, wantCeiling: 6,
		},
		"floor above twice the measured rate": {
			cfg:       Config{Floor: 20},
			successes: every(20*time.Second, 3), throttleAt: 60 * time.Second, wantRate: 20, wantCeiling: 20,
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

// TestRecovery follows the rate along the recovery curve: with RecoverAfter 4, a climb
// over 4 successes to 0.9 × the refused rate, a hold for 32, then a probe scaled over 24.
func TestRecovery(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg  Config
		want map[int]float64 // rate after that many successes
	}{
		"back toward PerMinute": {
			cfg: Config{PerMinute: 600, RecoverAfter: 4},
			want: map[int]float64{
				1: 540 - 120*0.421875, 2: 540 - 120*0.125, 3: 540 - 120*0.015625, 4: 540,
				5: 540, 36: 540,
				37: 540 * (1 + 0.3/13824), 48: 540 * (1 + 0.3*0.125), 53: 540 * (1 + 0.3*4913.0/13824),
				54: 600, 100: 600,
			},
		},
		"default RecoverAfter": {
			cfg:  Config{PerMinute: 100},
			want: map[int]float64{5: 90 - 20*0.125, 10: 90, 90: 90, 91: 90 * (1 + 0.3/216000), 150: 100},
		},
		"from the floor": {
			cfg:  Config{PerMinute: 100, Floor: 80, RecoverAfter: 1},
			want: map[int]float64{1: 90, 9: 90, 12: 90 * (1 + 0.3*0.125), 15: 100},
		},
		"from off, probes up to twice the assumed rate": {
			cfg:  Config{RecoverAfter: 1},
			want: map[int]float64{1: 54, 9: 54, 15: 54 * 1.3, 21: 120, 1000: 120},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, tc.cfg, newFakeClock())
			p.Throttled("alice", 0)
			got := map[int]float64{}
			for k := 1; k <= 1000; k++ {
				p.Succeeded("alice")
				if _, ok := tc.want[k]; ok {
					got[k] = p.Rate("alice")
				}
			}
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("rates after so many successes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRecoveryRestartsAtThrottle checks that the curve counts successes from the latest
// throttle.
func TestRecoveryRestartsAtThrottle(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{PerMinute: 600, RecoverAfter: 4}, newFakeClock())
	p.Throttled("alice", 0)
	for range 40 {
		p.Succeeded("alice")
	}
	p.Throttled("alice", 0)
	start := p.Rate("alice")
	p.Succeeded("alice")
	if got, hold := p.Rate("alice"), 0.9*p.lookup("alice").peak; !(got > start && got < hold) {
		t.Errorf("Rate one success after the second throttle = %v, want between %v and %v", got, start, hold)
	}
}

// TestBusyPeriodRefinesRefusedRate checks that the goodput of a busy period replaces the
// refused rate when the quota's window held the user back for long.
func TestBusyPeriodRefinesRefusedRate(t *testing.T) {
	t.Parallel()
	type event struct {
		at       time.Duration
		throttle bool
	}
	burst := func(from time.Duration) []event { // 20 successes at 20 a second
		var es []event
		for _, d := range every(50*time.Millisecond, 20) {
			es = append(es, event{at: from + d})
		}
		return es
	}
	tests := map[string]struct {
		cfg      Config
		events   []event
		wantPeak float64
		wantRate float64
	}{
		// 20 through in the first second, then nothing until 2 s: 21 successes in 2 s.
		"burst, then a stall": {
			events:   append(burst(0), event{time.Second, true}, event{1200 * time.Millisecond, true}, event{2 * time.Second, false}),
			wantPeak: 630, wantRate: 0.9 * 630,
		},
		"a short stall keeps the refused rate": {
			events:   append(burst(0), event{time.Second, true}, event{1050 * time.Millisecond, false}),
			wantPeak: 1200, wantRate: 1080 - 240*0.729,
		},
		"an idle spell starts a new period": {
			events: append(append(burst(0), burst(2*time.Minute)...),
				event{2*time.Minute + time.Second, true}, event{2*time.Minute + 2*time.Second, false}),
			wantPeak: 630, wantRate: 0.9 * 630,
		},
		"a period that began throttled is not refined": {
			events:   []event{{0, true}, {time.Second, false}},
			wantPeak: AssumedPerMinute, wantRate: 42 + 12*(1-0.729),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, tc.cfg, clock)
			for _, e := range tc.events {
				clock.Advance(t0.Add(e.at).Sub(clock.Now()))
				if e.throttle {
					p.Throttled("alice", 0)
				} else {
					p.Succeeded("alice")
				}
			}
			if got := p.lookup("alice").peak; !cmp.Equal(got, tc.wantPeak, approx) {
				t.Errorf("refused rate = %v, want %v", got, tc.wantPeak)
			}
			if got := p.Rate("alice"); !cmp.Equal(got, tc.wantRate, approx) {
				t.Errorf("Rate = %v, want %v", got, tc.wantRate)
			}
		})
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
