// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// aimd is the controller the window model is measured against (issue 16): it estimates the
// sustainable rate directly and spaces turns evenly at it, additive increase and multiplicative
// decrease as in TCP and aws-sdk-go-v2's adaptive retry. Unpaced until its second throttle, it
// then paces at beta × what was admitted over the last 100 s (or since its first turn). At each
// later throttle (once per spacing: the retries of one refusal cut once) the rate is cut to
// beta × what was admitted since the previous cut, if that is below the rate and above an
// eighth of it (a window that admits nothing until its edge says nothing of the rate), else to
// beta × the rate; a hint delays the next turn. Each admitted turn raises the rate by the
// factor grow, so that a probe above the quota, costing one 429, comes every
// ln(1/beta)/ln(grow) turns (about 100 for 0.95 and 1.0005).
type aimd struct {
	clock      *fakeClock
	beta, grow float64

	rate      float64 // turns per second; 0 while unpaced
	next      time.Time
	notBefore time.Time
	cutAt     time.Time
	since     int // admitted since cutAt
	cut       bool
	first     time.Time   // the first turn's
	admitted  []time.Time // the admitted turns' grants, while unpaced
}

type aimdTurn struct {
	c  *aimd
	at time.Time
}

func (c *aimd) take() simTurn {
	now := c.clock.Now()
	at := now
	if c.rate > 0 && c.next.After(at) {
		at = c.next
	}
	if c.notBefore.After(at) {
		at = c.notBefore
	}
	c.clock.Advance(at.Sub(now))
	if c.first.IsZero() {
		c.first = at
	}
	if c.rate > 0 {
		c.next = at.Add(time.Duration(float64(time.Second) / c.rate))
	}
	return aimdTurn{c, at}
}

func (t aimdTurn) Succeeded() {
	c := t.c
	c.since++
	if c.rate == 0 {
		c.admitted = append(c.admitted, t.at)
	}
	if c.rate > 0 {
		c.rate *= c.grow
	}
}

func (t aimdTurn) Throttled(th Throttle) {
	c := t.c
	now := c.clock.Now()
	if n := now.Add(th.Hint); n.After(c.notBefore) {
		c.notBefore = n
	}
	if c.cut && c.rate > 0 && now.Sub(c.cutAt) < time.Duration(float64(time.Second)/c.rate) {
		return
	}
	switch {
	case c.rate == 0 && c.cut:
		// The first estimate: what was admitted over the last 100 s, or since the first turn.
		from := now.Add(-100 * time.Second)
		if c.first.After(from) {
			from = c.first
		}
		n := 0
		for _, at := range c.admitted {
			if at.After(from) {
				n++
			}
		}
		c.rate = c.beta * max(float64(n)/now.Sub(from).Seconds(), 1/60.0)
	case c.rate > 0:
		// What was admitted since the last cut, if it is plausibly the quota's rate (a window
		// that admits nothing until its edge is not), else a cut by beta.
		if d := now.Sub(c.cutAt).Seconds(); d > 0 {
			if admitted := float64(c.since) / d; admitted < c.rate && admitted > c.rate/8 {
				c.rate = admitted
			}
		}
		c.rate *= c.beta
	}
	c.cut, c.cutAt, c.since = true, now, 0
}

// TestShapesAIMD measures the aimd controller on the shapes of TestShapes, for BENCHMARKS.md's
// comparison with the window model. It runs when PACING_COMPARE is set.
func TestShapesAIMD(t *testing.T) {
	if os.Getenv("PACING_COMPARE") == "" {
		t.Skip("set PACING_COMPARE=1 to compare the window model with AIMD")
	}
	for _, params := range [][2]float64{{0.9, 1.001}, {0.95, 1.0005}} {
		cases := shapeCases()
		for _, name := range slices.Sorted(maps.Keys(cases)) {
			sc := cases[name]
			least, sum, runs, learning, after := math.Inf(1), 0.0, 0, 0, 0.0
			for hint := range hintNames {
				for seed := range uint64(4) {
					r := simulateShapeWith(t, sc, hint, seed, func(clock *fakeClock) func() simTurn {
						c := &aimd{clock: clock, beta: params[0], grow: params[1]}
						return c.take
					})
					share := r.lateRate / sc.shape.perMinute()
					least, sum, runs = min(least, share), sum+share, runs+1
					learning = max(learning, r.learning429)
					after = max(after, 100*float64(r.late429)/float64(max(1, r.lateOK)))
				}
			}
			t.Logf("beta %.2f grow %.4f  %-24s least %.3f× mean %.3f×, at most %d 429s learning, %.2f per 100 after",
				params[0], params[1], name, least, sum/float64(runs), learning, after)
		}
	}
}

// evenSpacing is a pacer told the sustainable rate: it spaces turns evenly at rate, and a hint
// delays the next turn. It bounds what any pacer can reach on a shape at the simulation's
// latencies.
type evenSpacing struct {
	clock     *fakeClock
	rate      float64 // turns per second
	next      time.Time
	notBefore time.Time
}

type evenTurn struct{ c *evenSpacing }

func (c *evenSpacing) take() simTurn {
	now := c.clock.Now()
	at := now
	if c.next.After(at) {
		at = c.next
	}
	if c.notBefore.After(at) {
		at = c.notBefore
	}
	c.clock.Advance(at.Sub(now))
	c.next = at.Add(time.Duration(float64(time.Second) / c.rate))
	return evenTurn{c}
}

func (evenTurn) Succeeded() {}

func (t evenTurn) Throttled(th Throttle) {
	if n := t.c.clock.Now().Add(th.Hint); n.After(t.c.notBefore) {
		t.c.notBefore = n
	}
}

// TestShapesEvenSpacing measures turns spaced evenly at a share of the sustainable rate, told,
// on every shape: where even spacing at 0.95× meets 429s, no pacer meets the targets.
// It runs when PACING_COMPARE is set.
func TestShapesEvenSpacing(t *testing.T) {
	if os.Getenv("PACING_COMPARE") == "" {
		t.Skip("set PACING_COMPARE=1 to measure even spacing")
	}
	cases := shapeCases()
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		sc := cases[name]
		var per100 []string
		for _, share := range []float64{0.98, 0.95, 0.9, 0.85, 0.8} {
			late, ok := 0, 0
			for hint := range hintNames {
				for seed := range uint64(4) {
					r := simulateShapeWith(t, sc, hint, seed, func(clock *fakeClock) func() simTurn {
						c := &evenSpacing{clock: clock, rate: share * sc.shape.perMinute() / 60}
						return c.take
					})
					late, ok = late+r.late429, ok+r.lateOK
				}
			}
			per100 = append(per100, fmt.Sprintf("%.2f× %.2f", share, 100*float64(late)/float64(max(1, ok))))
		}
		t.Logf("%-24s 429s per 100 once adapted, spaced at %s", name, strings.Join(per100, ", "))
	}
}
