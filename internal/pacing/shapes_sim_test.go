// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"math"
	"math/rand/v2"
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

func simulateShape(t *testing.T, sc shapeCase, hint int, seed uint64) shapeResult {
	t.Helper()
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	q := newQuotaServer(sc.shape)
	rnd := rand.New(rand.NewPCG(seed, 16))
	var r shapeResult
	for clock.Now().Sub(t0) < sc.run {
		for attempt := 0; ; attempt++ {
			turn := take(t, p, "u")
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
		// takes to drain and refill); then the import runs ten more.
		span := c.shape.per
		if c.shape.kind == tokenBucket {
			span = max(10*s, time.Duration(float64(c.shape.burst)/float64(c.shape.n)*float64(c.shape.per)))
		}
		span = max(span, 10*s)
		c.adapt, c.run = 4*span, 14*span
		out[c.shape.String()] = c
	}
	return out
}

// shapeBound is what the pacer reaches on a shape, over seeds and hint kinds: the mean share of
// the sustainable rate once adapted, the most 429s while learning and the most per 100 requests
// after, in any one run. The targets are 0.95×, 4 and under 1; shapes that miss them
// are listed in BENCHMARKS.md, and these bounds keep what is reached from slipping.
type shapeBound struct {
	mean     float64
	learning int
	after    float64
}

var shapeBounds = map[string]shapeBound{
	"bucket 2/1s burst 1":     {mean: 0.51, learning: 6, after: 2.8},
	"bucket 2/1s burst 10":    {mean: 0.85, learning: 11, after: 3.9},
	"bucket 2/1s burst 120":   {mean: 0.96, learning: 18, after: 2.2},
	"bucket 20/1s burst 1":    {mean: 0.14, learning: 6, after: 2.5},
	"bucket 20/1s burst 20":   {mean: 0.91, learning: 4, after: 1.1},
	"bucket 90/1m0s burst 1":  {mean: 0.67, learning: 6, after: 3.9},
	"bucket 90/1m0s burst 90": {mean: 0.97, learning: 17, after: 1.1},
	"fixed 150/1m40s":         {mean: 0.93, learning: 19, after: 1.7},
	"fixed 20/1s":             {mean: 0.79, learning: 19, after: 2.5},
	"fixed 30/10s":            {mean: 0.78, learning: 7, after: 2.7},
	"fixed 90/1m0s":           {mean: 0.9, learning: 6, after: 1.5},
	"sliding 150/1m40s":       {mean: 0.94, learning: 8, after: 1.3},
	"sliding 20/1s":           {mean: 0.91, learning: 7, after: 1.2},
	"sliding 30/10s":          {mean: 0.85, learning: 6, after: 1.7},
	"sliding 45/30s":          {mean: 0.8, learning: 6, after: 2.4},
	"sliding 90/1m0s":         {mean: 0.92, learning: 5, after: 1.3},
}

// TestShapes runs imports against every quota shape, with each kind of hint, over seeds, and
// checks each shape against its bound. It logs a row per shape: the least and the mean share of
// the sustainable rate once adapted, the most 429s while learning and per 100 requests after,
// and whether the targets are met.
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
			least, sum, runs, learning, after := math.Inf(1), 0.0, 0, 0, 0.0
			for hint := range hintNames {
				for seed := range uint64(seeds) {
					r := simulateShape(t, sc, hint, seed)
					share := r.lateRate / sc.shape.perMinute()
					per100 := 100 * float64(r.late429) / float64(max(1, r.lateOK))
					least, sum, runs = min(least, share), sum+share, runs+1
					learning, after = max(learning, r.learning429), max(after, per100)
					if r.learning429 > b.learning || per100 > b.after {
						t.Errorf("%s, seed %d: %d 429s while learning, %.2f per 100 after; bound %d, %.2f",
							hintNames[hint], seed, r.learning429, per100, b.learning, b.after)
					}
				}
			}
			mean := sum / float64(runs)
			met := least >= 0.95 && learning <= 4 && after < 1
			t.Logf("%-24s least %.3f× mean %.3f×, at most %d 429s learning, %.2f per 100 after; targets met: %v",
				name, least, mean, learning, after, met)
			if mean < b.mean {
				t.Errorf("mean share %.3f× once adapted; bound %.2f×", mean, b.mean)
			}
		})
	}
}
