// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"slices"
	"testing"
	"time"
)

// rateCtl is the rate controller of issue 16's second design: it estimates the sustainable rate
// directly and spaces turns evenly at it, one at a time.
//
// Unpaced until throttled, it learns from the first closure of the quota (a throttle until
// the next admission): a closure that room ends within a couple of seconds is a rate limit
// (a token bucket's, or a short window's) whose rate the admitted count between two throttles
// over their interval estimates; a longer one is a window that the burst before it filled,
// whose edge came between the last refused attempt and the first admitted one: the burst's
// count over the time from its first turn to the edge estimates the rate. Without a hint the
// edge is found by holding the user: its turns are spaced from the burst's first turn at a
// third of the burst's rate, then at a third of that, so that each guess costs one 429.
//
// Paced, it keeps bounds on the rate: lo, a rate that turns kept to for a span (the quota's
// time, as the first closure showed it, longer under a rate limit whose burst could carry a
// rate 5% too high) without a throttle, and hi, a ceiling that throttles showed. A rate that
// passes becomes lo and the next is halfway to hi (geometrically), or twice lo with no hi; a
// pass above hi raises hi by a step that doubles with each such pass (the quota rose, or a
// bucket's stock carried the rate). A throttle cuts to what was admitted since the previous
// one, no lower than lo (unless lo itself was throttled), and sets hi from what the rate
// throttled admitted. Once lo and hi are within probeStep, a probe above lo comes at most once
// per probeTurns. A retry refused again holds the user until the oldest turn within a span has
// left it (and, under a window, makes the span at least as long as the closure).
//
// It is a prototype measured in simulation (TestShapesRate): it takes one turn at a time and
// reports each before the next, as simulateShapeWith does.
type rateCtl struct {
	clock *fakeClock
	trace bool
	t     *testing.T

	rate      float64 // turns per second the turns are spaced at; 0 while unpaced
	tat       int64   // when the spacing has a turn free again
	notBefore int64

	adm    []int64 // the admitted turns' grants
	anchor int64   // the first turn's grant
	began  bool

	closed      bool    // throttled since the last admission
	closedAt    int64   // the first throttle of the closure
	refusedAt   int64   // the latest throttle (its grant)
	burstN      int     // admitted before the closure, since the anchor
	learned     bool    // the first closure has ended
	pendingPair bool    // a short first closure: the rate is learnt at the next throttle
	hinted      bool    // a throttle of the closure had a hint
	roundHint   bool    // in whole seconds, as Retry-After is
	slack       float64 // how many turns a count between two throttles may be off: a window's limit, or 1

	lastAt int64 // the latest throttle, and the admitted count then
	lastN  int

	lo, hi        float64 // bounds on the sustainable rate; 0 if unknown
	minSince      float64 // the lowest rate since the latest throttle
	climb         float64 // the step of the latest raise above the ceiling
	firstClosedAt int64   // when the first closure began
	stock         float64 // a rate limit's burst, as the first burst showed it; 0 for a window
	openAt        int64   // when the latest closure ended, and the admitted count before
	openN         int
	span          int64 // the quota's time: how long a rate must hold to pass
	changedAt     int64 // when rate last changed, and the admitted count then
	changedN      int
	probes        int // admitted turns since the last probe above lo
}

type rateTurn struct {
	c     *rateCtl
	at    int64
	paced bool
}

// The rate controller's parameters.
const (
	holdFactor = 3.0  // a hold's guess of the rate is the burst's / holdFactor, then again / holdFactor
	windowGap  = 2e9  // a closure longer than this (ns) is a window's
	probeStep  = 1.02 // a probe above lo once lo and hi are within it
	probeTurns = 200  // admitted turns between two such probes
	passTurns  = 8    // admitted turns, and one span, before a rate counts as passing
)

func (c *rateCtl) now() int64 { return int64(c.clock.Now().Sub(t0)) }

func (c *rateCtl) logf(format string, args ...any) {
	if c.trace {
		c.t.Logf("%8.3fs "+format, append([]any{float64(c.now()) / 1e9}, args...)...)
	}
}

func (c *rateCtl) take() simTurn {
	now := c.now()
	at := max(now, c.notBefore)
	if c.rate > 0 {
		at = max(at, c.tat)
	}
	c.clock.Advance(time.Duration(at - now))
	if !c.began {
		c.anchor, c.began = at, true
	}
	if c.rate > 0 {
		c.tat = max(c.tat, at) + int64(float64(time.Second)/c.rate)
	}
	return rateTurn{c, at, c.rate > 0}
}

// admittedSince returns how many turns granted after t were admitted.
func (c *rateCtl) admittedSince(t int64) int {
	i, _ := slices.BinarySearch(c.adm, t+1)
	return len(c.adm) - i
}

func (c *rateCtl) setRate(r float64, why string) {
	c.rate = r
	c.minSince = min(c.minSince, r)
	c.changedAt, c.changedN = c.now(), len(c.adm)
	c.logf("rate %.3f/s (%s) lo %.3f hi %.3f span %.1fs", r, why, c.lo, c.hi, float64(c.span)/1e9)
}

func secs(ns int64) float64 { return float64(ns) / 1e9 }

func (t rateTurn) Succeeded() {
	c := t.c
	now := c.now()
	i, _ := slices.BinarySearch(c.adm, t.at)
	c.adm = slices.Insert(c.adm, i, t.at)
	if c.closed {
		c.openAt, c.openN = t.at, len(c.adm)-1
		if c.learned && c.refusedAt > c.closedAt && c.slack > 1 {
			// A window closed through a retry: it is at least as long as it was closed.
			c.span = max(c.span, t.at-c.closedAt)
		}
	}
	if c.closed && !c.learned {
		c.closed = false
		c.endFirstClosure(t.at, now)
		return
	}
	c.closed = false
	if c.rate == 0 {
		return
	}
	c.probes++
	if len(c.adm)-c.changedN < passTurns || now-c.changedAt < c.passFor() {
		return
	}
	c.lo = max(c.lo, c.rate)
	if c.hi > 0 && c.hi <= c.lo {
		// Above the ceiling and no throttle: the quota rose, a throttle came from
		// elsewhere, or a bucket's stock carried the rate. Raise the ceiling by a step that
		// doubles with each such pass.
		c.climb = max(2*c.climb, probeStep-1)
		c.hi = c.lo * (1 + c.climb) / Margin
		c.setRate(c.lo*(1+c.climb), "above ceiling")
		return
	}
	switch {
	case c.hi == 0:
		c.setRate(2*c.rate, "no ceiling")
	case c.lo*probeStep < c.hi*Margin:
		c.setRate(math.Sqrt(c.lo*c.hi*Margin), "bisect")
	case c.rate < c.lo:
		c.setRate(c.lo, "passed")
	case c.probes >= probeTurns:
		c.probes = 0
		c.setRate(c.lo*probeStep, "probe")
	}
}

// endFirstClosure learns from the first closure of the quota, ended by the admission of a
// turn granted at at.
func (c *rateCtl) endFirstClosure(at, now int64) {
	c.learned = true
	closure := at - c.closedAt
	burstFor := c.closedAt - c.anchor
	if closure < windowGap {
		// A rate limit: what was admitted from the first throttle to the next (or to this
		// admission) over that interval.
		c.span = max(burstFor, int64(windowGap))
		c.slack = 1
		c.hi = float64(c.burstN) / secs(max(burstFor, 1))
		c.pendingPair = true // learnt at the next throttle
		return
	}
	// A window that the burst filled: its edge came after the latest refused attempt (with a
	// hint, within the network's latency of this one) and no later than this one.
	lower := c.refusedAt - c.anchor
	if c.hinted {
		lower = at - c.anchor
		if c.roundHint {
			lower -= int64(time.Second) // Retry-After is rounded up to whole seconds
		}
	}
	upper := at - c.anchor
	c.slack = float64(c.burstN)
	c.span = int64(math.Sqrt(float64(lower) * float64(upper)))
	c.hi = float64(c.burstN) / secs(lower)
	c.lo = 0
	c.setRate(Margin*float64(c.burstN)/secs(c.span), "window edge")
	c.tat = at + int64(1e9/c.rate)
}

func (t rateTurn) Throttled(th Throttle) {
	c := t.c
	now := c.now()
	th.Hint = max(th.Hint, 0)
	if th.Hint > 0 {
		c.notBefore = max(c.notBefore, now+int64(th.Hint))
	}
	wasClosed := c.closed
	c.refusedAt = t.at
	if !c.closed {
		c.closed, c.closedAt, c.hinted = true, t.at, false
	}
	c.hinted = c.hinted || th.Hint > 0
	c.roundHint = th.Hint > 0 && th.Hint%time.Second == 0
	defer func() { c.lastAt, c.lastN, c.minSince = now, len(c.adm), c.rate }()
	if !c.learned {
		if !wasClosed {
			c.burstN = c.admittedSince(c.anchor - 1)
			c.firstClosedAt = t.at
			c.logf("first throttle, %d admitted", c.burstN)
			return
		}
		if th.Hint == 0 {
			// Refused again: hold, at a third of the burst's rate (then of that) from its
			// first turn.
			r := float64(c.burstN) / secs(max(t.at-c.anchor, 1)) / holdFactor
			c.setRate(r, "hold")
			c.tat = max(c.tat, c.anchor+int64(float64(c.burstN)/r*1e9))
		}
		return
	}
	if c.pendingPair && !wasClosed {
		// A rate limit, throttled again: what was admitted since the previous throttle over
		// that interval is its rate, within a token (less if it could not store what it
		// earned while the retry waited).
		c.pendingPair = false
		T := secs(max(now-c.lastAt, 1))
		pair := float64(len(c.adm)-c.lastN) / T
		// Since the retry was admitted, the count is above the rate by what the quota
		// stored while it waited: the two bound the rate.
		open := float64(len(c.adm)-c.openN) / secs(max(now-c.openAt, 1))
		c.hi = min(c.hi, max(pair+1/T, open))
		c.stock = max(1, float64(c.burstN)-pair*secs(c.firstClosedAt-c.anchor))
		c.setRate(pair*Margin, "rate limit")
		return
	}
	if !t.paced || c.rate == 0 {
		return
	}
	if wasClosed && th.Hint == 0 && c.span > 0 {
		// The retry of a refusal refused too: the quota's window is at least as long as it
		// has been closed, and room comes once the oldest turn admitted within a span has
		// left it.
		i, _ := slices.BinarySearch(c.adm, now-c.span)
		if i < len(c.adm) {
			c.notBefore = max(c.notBefore, c.adm[i]+c.span+c.span/50)
			c.logf("retry refused: hold %.1fs", secs(c.notBefore-now))
		}
	}
	if t.at < c.changedAt || wasClosed {
		return // granted at an older rate, or the retry of a refusal that cut already
	}
	if c.rate <= c.lo*1.001 {
		c.lo = 0 // a rate that passed fails now: it passed on a bucket's stock, or the quota fell
	}
	// Cut to what was admitted since the previous throttle, no lower than lo: both at an
	// exhausted quota, the count over the interval is the quota's rate, give or take a
	// window's limit (a bucket's token), and less if the turns were slower than the quota
	// for a while.
	admitted := float64(len(c.adm)-c.lastN) / secs(max(now-c.lastAt, 1))
	r := min(c.rate*Margin, max(c.rate/holdFactor, admitted*Margin))
	r = max(r, c.lo)
	if r >= c.rate {
		r = c.rate * Margin
	}
	// The ceiling: what was admitted at the rate throttled, with the count's error: turns
	// faster than the quota take all it has, and no more than its stock (a window's limit, a
	// bucket's token) on top.
	since := max(c.changedAt, c.lastAt)
	atRate := (float64(c.admittedSince(since-1)) + c.slack) / secs(max(now-since, 1))
	c.hi = min(c.rate, max(r/Margin, atRate))
	if open := float64(len(c.adm)-c.openN) / secs(max(now-c.openAt, 1)); c.openAt > c.lastAt && c.minSince >= open {
		// Every rate since the previous closure ended was above what was admitted since: the
		// quota was exhausted all along, and the count is its rate, within a token.
		c.hi = min(c.hi, open+1/secs(max(now-c.openAt, 1)))
	}
	c.lo = min(c.lo, r)
	c.climb = 0
	c.setRate(r, "throttled")
}

// passFor is how long a rate must hold without a throttle to count as passing: a span, and
// under a rate limit with a burst long enough for its stock to carry a rate 5% above the
// quota's (up to maxPass).
func (c *rateCtl) passFor() int64 {
	return max(c.span, min(maxPass, int64(c.stock/(0.05*c.rate)*1e9)))
}

const maxPass = int64(30 * time.Second)
