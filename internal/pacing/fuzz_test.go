// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"testing"
	"time"
)

// FuzzPacer drives a Pacer through any sequence of turns, replies and clock steps, and checks
// that it never panics, never asks for a negative or endless wait, and keeps its rate finite.
// Each byte is one step: its low two bits pick the step, the rest its size.
func FuzzPacer(f *testing.F) {
	f.Add([]byte{0, 1, 0, 1, 0, 2, 0, 2, 0, 1, 3, 0, 1})
	f.Add([]byte{4, 0, 1, 0, 1, 0, 1, 0, 2, 0, 2, 255, 0, 1, 0, 2, 0, 2})
	f.Add([]byte{0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2})
	f.Fuzz(func(t *testing.T, steps []byte) {
		clock := newFakeClock()
		cfg := Config{Windows: []time.Duration{10 * time.Millisecond, time.Second, time.Minute}}
		if len(steps) > 0 && steps[0]&4 != 0 {
			cfg.PerMinute = float64(steps[0])
		}
		p := newPacer(t, cfg, clock)
		var turns []Turn
		for _, b := range steps {
			n := int(b >> 2)
			switch b & 3 {
			case 0: // take a turn
				clock.Slept()
				turn := take(t, p, "u")
				for _, d := range clock.Slept() {
					if d < 0 || d > 24*time.Hour+2*time.Minute {
						t.Fatalf("Wait slept %v", d)
					}
				}
				turns = append(turns, turn)
			case 1: // the oldest turn without a reply succeeded
				if len(turns) > 0 {
					turns[0].Succeeded()
					turns = turns[1:]
				}
			case 2: // the oldest turn without a reply was throttled, with a hint if n is odd, by
				// the project's quota if its second bit is set
				if len(turns) > 0 {
					turns[0].Throttled(Throttle{Hint: time.Duration(n%2) * time.Duration(n) * time.Second, Scope: Scope(n >> 1 % 2)})
					turns = turns[1:]
				}
			case 3: // time passes: up to about a minute and a half
				clock.Advance(time.Duration(n*n) * 25 * time.Millisecond)
			}
			if d := p.Delay("u"); d < 0 || d > 24*time.Hour+2*time.Minute {
				t.Fatalf("Delay = %v", d)
			}
			if r := p.Rate("u"); math.IsNaN(r) || math.IsInf(r, 0) || r < 0 {
				t.Fatalf("Rate = %v", r)
			}
		}
	})
}
