// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"math"
	"testing"
	"time"
)

// fixed returns a Rand that always yields r.
func fixed(r float64) func() float64 { return func() float64 { return r } }

// justBelowOne is the largest float64 below 1, the top of Rand's range.
var justBelowOne = math.Nextafter(1, 0)

func TestPolicyDelay(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		policy  Policy
		attempt int
		want    time.Duration
	}{
		"defaults, half of first cap":     {Policy{Rand: fixed(0.5)}, 0, 500 * time.Millisecond},
		"defaults, attempt 3 doubles":     {Policy{Rand: fixed(0.5)}, 3, 4 * time.Second},
		"defaults, capped at 32s":         {Policy{Rand: fixed(0.5)}, 10, 16 * time.Second},
		"rand 0 gives 0":                  {Policy{Rand: fixed(0)}, 4, 0},
		"custom initial and multiplier":   {Policy{Initial: 100 * time.Millisecond, Max: time.Hour, Multiplier: 3, Rand: fixed(0.5)}, 2, 450 * time.Millisecond},
		"custom max":                      {Policy{Initial: time.Second, Max: 5 * time.Second, Rand: fixed(0.5)}, 9, 2500 * time.Millisecond},
		"initial above max uses max":      {Policy{Initial: time.Minute, Max: time.Second, Rand: fixed(0.5)}, 0, 500 * time.Millisecond},
		"negative attempt counts as 0":    {Policy{Rand: fixed(0.5)}, -7, 500 * time.Millisecond},
		"multiplier below 1 is constant":  {Policy{Multiplier: 0.5, Rand: fixed(0.5)}, 5, 500 * time.Millisecond},
		"multiplier 1 is constant":        {Policy{Multiplier: 1, Rand: fixed(0.5)}, 50, 500 * time.Millisecond},
		"negative multiplier is default":  {Policy{Multiplier: -3, Rand: fixed(0.5)}, 1, time.Second},
		"NaN multiplier is default":       {Policy{Multiplier: math.NaN(), Rand: fixed(0.5)}, 1, time.Second},
		"infinite multiplier hits max":    {Policy{Multiplier: math.Inf(1), Rand: fixed(0.5)}, 1, 16 * time.Second},
		"infinite multiplier, attempt 0":  {Policy{Multiplier: math.Inf(1), Rand: fixed(0.5)}, 0, 500 * time.Millisecond},
		"negative durations are defaults": {Policy{Initial: -1, Max: -1, Rand: fixed(0.5)}, 0, 500 * time.Millisecond},
		"huge attempt, no overflow":       {Policy{Rand: fixed(0.5)}, math.MaxInt, 16 * time.Second},
		"huge attempt and max":            {Policy{Max: math.MaxInt64, Rand: fixed(0)}, math.MaxInt, 0},
		"rand below 0 clamps to 0":        {Policy{Rand: fixed(-0.5)}, 3, 0},
		"rand NaN clamps to 0":            {Policy{Rand: fixed(math.NaN())}, 3, 0},
		"rand 1 stays below the cap":      {Policy{Initial: time.Second, Max: time.Second, Rand: fixed(1)}, 0, time.Duration(justBelowOne * float64(time.Second))},
		"rand above 1 stays below the cap": {Policy{Initial: time.Second, Max: time.Second, Rand: fixed(7)}, 0,
			time.Duration(justBelowOne * float64(time.Second))},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := tc.policy.Delay(tc.attempt); got != tc.want {
				t.Errorf("Delay(%d) = %v, want %v", tc.attempt, got, tc.want)
			}
		})
	}
}

// TestPolicyDelayBounds checks the full-jitter range for every attempt up to
// far past the cap, with the top and bottom of the random range and with the
// real random source.
func TestPolicyDelayBounds(t *testing.T) {
	t.Parallel()
	sources := map[string]func() float64{
		"low":  fixed(0),
		"high": fixed(justBelowOne),
		"real": nil,
	}
	maxes := []time.Duration{0, time.Millisecond, time.Minute, math.MaxInt64}
	for name, src := range sources {
		for _, maxWait := range maxes {
			p := Policy{Initial: 10 * time.Millisecond, Max: maxWait, Rand: src}
			limit := maxWait
			if limit == 0 {
				limit = DefaultMax
			}
			for attempt := -1; attempt < 2000; attempt++ {
				d := p.Delay(attempt)
				if d < 0 || d > limit {
					t.Fatalf("%s, Max %v: Delay(%d) = %v, want within [0, %v]", name, maxWait, attempt, d, limit)
				}
			}
		}
	}
}

// TestPolicyDelayHighRandReachesCap checks that the cap grows as documented:
// with Rand just below 1 the wait is just below Initial×2^attempt.
func TestPolicyDelayHighRandReachesCap(t *testing.T) {
	t.Parallel()
	p := Policy{Initial: 100 * time.Millisecond, Max: 10 * time.Second, Rand: fixed(justBelowOne)}
	wantCaps := []time.Duration{
		100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond,
		1600 * time.Millisecond, 3200 * time.Millisecond, 6400 * time.Millisecond, 10 * time.Second, 10 * time.Second,
	}
	for attempt, capWant := range wantCaps {
		d := p.Delay(attempt)
		if d >= capWant || d < capWant-time.Microsecond {
			t.Errorf("Delay(%d) = %v, want just below %v", attempt, d, capWant)
		}
	}
}
