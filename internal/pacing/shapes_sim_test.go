// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// The kinds of quota a simulated server keeps.
const (
	slidingWindow = iota // at most n admitted in any window of length per
	fixedWindow          // at most n admitted in each window [k·per, (k+1)·per), k counted from phase
	tokenBucket          // n tokens per per, up to burst stored; each admitted request takes one
)

// The hints a simulated server puts on its 429s.
const (
	hintNone       = iota
	hintRetryAfter // whole seconds, rounded up, as an HTTP Retry-After header
	hintRetryInfo  // the exact delay, as a google.rpc.RetryInfo
)

var hintNames = []string{"no hint", "Retry-After", "RetryInfo"}

// quotaShape is a quota as a server keeps it, for one user or for a whole project.
type quotaShape struct {
	kind  int
	n     int
	per   time.Duration
	burst int           // tokenBucket only
	phase time.Duration // fixedWindow only: where the windows start, from t0
}

func (s quotaShape) String() string {
	switch s.kind {
	case fixedWindow:
		return fmt.Sprintf("fixed %d/%v", s.n, s.per)
	case tokenBucket:
		return fmt.Sprintf("bucket %d/%v burst %d", s.n, s.per, s.burst)
	}
	return fmt.Sprintf("sliding %d/%v", s.n, s.per)
}

// perMinute is the rate the quota sustains.
func (s quotaShape) perMinute() float64 { return float64(s.n) / s.per.Minutes() }

// quotaServer keeps one quotaShape.
type quotaServer struct {
	quotaShape
	writes   []time.Time // slidingWindow
	winStart time.Time   // fixedWindow
	winCount int
	tokens   float64 // tokenBucket
	last     time.Time
}

func newQuotaServer(s quotaShape) *quotaServer {
	return &quotaServer{quotaShape: s, tokens: float64(s.burst), last: t0, winStart: t0.Add(s.phase - s.per)}
}

// admit counts a request at now, or refuses it and says how long until it would be admitted.
func (q *quotaServer) admit(now time.Time) (bool, time.Duration) {
	switch q.kind {
	case fixedWindow:
		for !now.Before(q.winStart.Add(q.per)) {
			q.winStart, q.winCount = q.winStart.Add(q.per), 0
		}
		if q.winCount >= q.n {
			return false, q.winStart.Add(q.per).Sub(now)
		}
		q.winCount++
		return true, 0
	case tokenBucket:
		rate := float64(q.n) / float64(q.per) // tokens per nanosecond
		q.tokens = min(float64(q.burst), q.tokens+rate*float64(now.Sub(q.last)))
		q.last = now
		if q.tokens < 1 {
			return false, time.Duration(math.Ceil((1 - q.tokens) / rate))
		}
		q.tokens--
		return true, 0
	}
	cutoff := now.Add(-q.per)
	keep := 0
	for keep < len(q.writes) && !q.writes[keep].After(cutoff) {
		keep++
	}
	q.writes = q.writes[keep:]
	if len(q.writes) >= q.n {
		return false, q.writes[len(q.writes)-q.n].Add(q.per).Sub(now)
	}
	q.writes = append(q.writes, now)
	return true, 0
}

// hintFor is the delay a server with the given hint kind puts on a refusal that wait would clear.
func hintFor(kind int, wait time.Duration) time.Duration {
	switch kind {
	case hintRetryAfter:
		return time.Duration(math.Ceil(wait.Seconds())) * time.Second
	case hintRetryInfo:
		return wait
	}
	return 0
}

// shapeCase is one simulated import for one user, sequential requests with latencies drawn from
// [latMin, latMax], counted by the server halfway through; a refused attempt is retried after the
// SDK's backoff (half to all of 1 s doubling, capped at 32 s) or the hint, whichever is longer.
type shapeCase struct {
	shape          quotaShape
	latMin, latMax time.Duration
	adapt          time.Duration // learning time allowed
	run            time.Duration // the whole import
}

type shapeResult struct {
	learning429, late429, lateOK int
	lateRate                     float64 // admitted per minute once adapted
}

// simTurn is a turn of the pacer a simulation drives: a Pacer's [Turn], or a controller's that
// it is measured against.
type simTurn interface {
	Succeeded()
	Throttled(Throttle)
}

func simulateShape(t *testing.T, sc shapeCase, hint int, seed uint64) shapeResult {
	t.Helper()
	return simulateShapeWith(t, sc, hint, seed, func(clock *fakeClock) func() simTurn {
		p := newPacer(t, Config{}, clock)
		return func() simTurn { return take(t, p, "u") }
	})
}

// simulateShapeWith runs the import of simulateShape with the pacer that pacer returns for the
// simulation's clock: a function that waits for a turn and takes it.
func simulateShapeWith(t *testing.T, sc shapeCase, hint int, seed uint64, pacer func(*fakeClock) func() simTurn) shapeResult {
	t.Helper()
	clock := newFakeClock()
	takeTurn := pacer(clock)
	q := newQuotaServer(sc.shape)
	rnd := rand.New(rand.NewPCG(seed, 16))
	var r shapeResult
	for clock.Now().Sub(t0) < sc.run {
		for attempt := 0; ; attempt++ {
			turn := takeTurn()
			lat := sc.latMin + time.Duration(rnd.Int64N(int64(sc.latMax-sc.latMin)+1))
			clock.Advance(lat / 2)
			ok, wait := q.admit(clock.Now())
			clock.Advance(lat - lat/2)
			late := clock.Now().Sub(t0) > sc.adapt
			if ok {
				if late {
					r.lateOK++
				}
				turn.Succeeded()
				break
			}
			if late {
				r.late429++
			} else {
				r.learning429++
			}
			h := hintFor(hint, wait-(lat-lat/2))
			turn.Throttled(Throttle{Hint: h})
			step := min(32*time.Second, time.Second<<attempt)
			clock.Advance(max(h, time.Duration((0.5+0.5*rnd.Float64())*float64(step))))
		}
	}
	r.lateRate = float64(r.lateOK) / (clock.Now().Sub(t0) - sc.adapt).Minutes()
	return r
}

// shapeCases are the quota shapes the pacer must converge on without being told the quota.
func shapeCases() map[string]shapeCase {
	ms, s, m := time.Millisecond, time.Second, time.Minute
	fast := func(q quotaShape) shapeCase { return shapeCase{q, 20 * ms, 40 * ms, 0, 0} }
	slow := func(q quotaShape) shapeCase { return shapeCase{q, 200 * ms, 600 * ms, 0, 0} }
	cases := []shapeCase{
		fast(quotaShape{kind: fixedWindow, n: 20, per: s, phase: 300 * ms}),
		fast(quotaShape{kind: fixedWindow, n: 30, per: 10 * s, phase: 3 * s}),
		slow(quotaShape{kind: fixedWindow, n: 90, per: m, phase: 17 * s}),
		slow(quotaShape{kind: fixedWindow, n: 150, per: 100 * s, phase: 41 * s}),
		fast(quotaShape{kind: slidingWindow, n: 20, per: s}),
		fast(quotaShape{kind: slidingWindow, n: 30, per: 10 * s}),
		slow(quotaShape{kind: slidingWindow, n: 90, per: m}),
		slow(quotaShape{kind: slidingWindow, n: 150, per: 100 * s}),
		fast(quotaShape{kind: slidingWindow, n: 45, per: 30 * s}),
		fast(quotaShape{kind: tokenBucket, n: 2, per: s, burst: 1}),
		fast(quotaShape{kind: tokenBucket, n: 2, per: s, burst: 10}),
		fast(quotaShape{kind: tokenBucket, n: 2, per: s, burst: 120}),
		fast(quotaShape{kind: tokenBucket, n: 20, per: s, burst: 1}),
		fast(quotaShape{kind: tokenBucket, n: 20, per: s, burst: 20}),
		slow(quotaShape{kind: tokenBucket, n: 90, per: m, burst: 1}),
		slow(quotaShape{kind: tokenBucket, n: 90, per: m, burst: 90}),
	}
	out := make(map[string]shapeCase, len(cases))
	for _, c := range cases {
		// Learning may take a few of the quota's windows (for a bucket, the time its burst
		// takes to drain and refill).
		span := c.shape.per
		if c.shape.kind == tokenBucket {
			span = max(10*s, time.Duration(float64(c.shape.burst)/float64(c.shape.n)*float64(c.shape.per)))
		}
		span = max(span, 10*s)
		// The 429s per 100 requests once adapted are counted over ten spans, and over at
		// least 600 requests, so that one 429 more or less does not decide them.
		c.adapt = 4 * span
		c.run = c.adapt + max(10*span, time.Duration(600/c.shape.perMinute()*float64(m)))
		out[c.shape.String()] = c
	}
	return out
}

// shapeBound is what the pacer must reach on a shape, over seeds and hint kinds. A shape marked
// targets must meet the targets on every run: at least 0.95× the sustainable rate once
// adapted (see sustainableShare), at most 4 429s while learning and fewer than 1 per 100
// requests after. The others are held to what is reached today, so that it cannot slip: the
// mean share of the sustainable rate once adapted, the most 429s while learning and the most
// per 100 requests after in any one run (BENCHMARKS.md lists them, and why).
type shapeBound struct {
	targets  bool
	mean     float64
	learning int
	after    float64
}

// seedBase is the first of the seeds TestShapes runs, 0 unless PACING_SEEDS sets it: other
// seeds check that the pacer is not fitted to these.
var seedBase = func() uint64 {
	n, _ := strconv.ParseUint(os.Getenv("PACING_SEEDS"), 10, 64)
	return n
}()

// The targets.
const (
	targetShare    = 0.95
	targetLearning = 4
	targetAfter    = 1.0
)

var shapeBounds = map[string]shapeBound{
	"bucket 2/1s burst 1":     {targets: true},
	"bucket 2/1s burst 10":    {targets: true},
	"bucket 2/1s burst 120":   {targets: true},
	"bucket 20/1s burst 1":    {targets: true},
	"bucket 20/1s burst 20":   {targets: true},
	"bucket 90/1m0s burst 1":  {targets: true},
	"bucket 90/1m0s burst 90": {targets: true},
	"fixed 150/1m40s":         {targets: true},
	"fixed 20/1s":             {targets: true},
	"fixed 30/10s":            {targets: true},
	"fixed 90/1m0s":           {targets: true},
	"sliding 150/1m40s":       {targets: true},
	"sliding 20/1s":           {targets: true},
	"sliding 30/10s":          {targets: true},
	"sliding 45/30s":          {targets: true},
	"sliding 90/1m0s":         {targets: true},
}

// sustainableShare returns the share of sc's quota rate that turns spaced evenly at it, told
// the quota, hold with fewer than targetAfter 429s per 100 requests once adapted, over every
// hint kind and seed: 1 if 0.98× does, else the highest share in steps of 0.01. Under a
// token bucket without burst, the network's jitter, not the pacer, sets it: two requests
// spaced 1/rate apart arrive closer than that half the time.
func sustainableShare(t *testing.T, sc shapeCase, seeds uint64) float64 {
	t.Helper()
	for pct := 98; pct >= 50; pct-- {
		share := float64(pct) / 100
		late, ok := 0, 0
		for hint := range hintNames {
			for seed := range seeds {
				r := simulateShapeWith(t, sc, hint, seed, func(clock *fakeClock) func() simTurn {
					c := &evenSpacing{clock: clock, rate: share * sc.shape.perMinute() / 60}
					return c.take
				})
				late, ok = late+r.late429, ok+r.lateOK
			}
		}
		if 100*float64(late)/float64(max(1, ok)) < targetAfter {
			if pct == 98 {
				return 1
			}
			return share
		}
	}
	return 0.5
}

// TestShapes runs imports against every quota shape, with each kind of hint, over seeds, and
// checks each shape against the targets or, if it does not meet them yet, its bound.
// It logs a row per shape: the least and the mean share of the sustainable rate once adapted,
// the most 429s while learning and per 100 requests after, and whether the targets are met.
func TestShapes(t *testing.T) {
	t.Parallel()
	const seeds = 4
	for name, sc := range shapeCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, ok := shapeBounds[name]
			if !ok {
				t.Fatalf("no bound for shape %q", name)
			}
			sustainable := sustainableShare(t, sc, seeds)
			least, sum, runs, learning, after := math.Inf(1), 0.0, 0, 0, 0.0
			for hint := range hintNames {
				for seed := range uint64(seeds) {
					seed += seedBase
					r := simulateShape(t, sc, hint, seed)
					share := r.lateRate / (sustainable * sc.shape.perMinute())
					per100 := 100 * float64(r.late429) / float64(max(1, r.lateOK))
					least, sum, runs = min(least, share), sum+share, runs+1
					learning, after = max(learning, r.learning429), max(after, per100)
					switch {
					case b.targets && (share < targetShare || r.learning429 > targetLearning || per100 >= targetAfter):
						t.Errorf("%s, seed %d: %.3f× the sustainable rate, %d 429s while learning, %.2f per 100 after; want at least %v×, at most %d, under %v",
							hintNames[hint], seed, share, r.learning429, per100, targetShare, targetLearning, targetAfter)
					case !b.targets && (r.learning429 > b.learning || per100 > b.after):
						t.Errorf("%s, seed %d: %d 429s while learning, %.2f per 100 after; bound %d, %.2f",
							hintNames[hint], seed, r.learning429, per100, b.learning, b.after)
					}
				}
			}
			mean := sum / float64(runs)
			met := least >= targetShare && learning <= targetLearning && after < targetAfter
			t.Logf("%-24s sustainable %.2f×, least %.3f× mean %.3f× of it, at most %d 429s learning, %.2f per 100 after; targets met: %v",
				name, sustainable, least, mean, learning, after, met)
			if !b.targets && mean < b.mean {
				t.Errorf("mean share %.3f× once adapted; bound %.2f×", mean, b.mean)
			}
		})
	}
}
