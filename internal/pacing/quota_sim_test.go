// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// simQuota is a per-user write quota as the emulator (peopletest.Quota) keeps it: at most n
// admitted requests in any window of length per, rejected requests not counted.
type simQuota struct {
	n      int
	per    time.Duration
	writes []time.Time
}

func (q *simQuota) admit(now time.Time) bool {
	cutoff := now.Add(-q.per)
	keep := 0
	for keep < len(q.writes) && !q.writes[keep].After(cutoff) {
		keep++
	}
	q.writes = q.writes[keep:]
	if len(q.writes) >= q.n {
		return false
	}
	q.writes = append(q.writes, now)
	return true
}

// simResult counts what a simulated import met.
type simResult struct {
	ok, rejected         int
	lateOK, lateRejected int // once adapted: simAdaptN admitted requests after the first 429
	elapsed              time.Duration
	finalRate            float64
}

// simAdaptN is how many admitted requests after the first 429 pacing may take to adapt
// before its 429s count against it.
const simAdaptN = 20

// simulate runs an import of requests sequential write requests through a Pacer made from cfg,
// on a fake clock, against quota q. Each attempt takes a latency drawn uniformly from
// [latMin, latMax]; the server counts it against the quota halfway through. A throttled
// attempt is reported to the Pacer, then retried after the SDK's backoff: full jitter over
// backoffMin doubling per attempt, capped at backoffMax.
func simulate(t *testing.T, cfg Config, q simQuota, latMin, latMax, backoffMin, backoffMax time.Duration, requests int, seed uint64) simResult {
	t.Helper()
	clock := newFakeClock()
	p := newPacer(t, cfg, clock)
	rnd := rand.New(rand.NewPCG(seed, 42))
	var r simResult
	adaptedAt := -1 // r.ok once adapted
	for range requests {
		for attempt := 0; ; attempt++ {
			if err := p.Wait(t.Context(), "u"); err != nil {
				t.Fatalf("Wait = %v", err)
			}
			lat := latMin + time.Duration(rnd.Int64N(int64(latMax-latMin)+1))
			clock.Advance(lat / 2)
			admitted := q.admit(clock.Now())
			clock.Advance(lat - lat/2)
			late := adaptedAt >= 0 && r.ok >= adaptedAt
			if admitted {
				r.ok++
				if late {
					r.lateOK++
				}
				p.Succeeded("u")
				break
			}
			r.rejected++
			if adaptedAt < 0 {
				adaptedAt = r.ok + simAdaptN
			}
			if late {
				r.lateRejected++
			}
			p.Throttled("u", 0)
			backoff := time.Duration(rnd.Float64() * float64(min(backoffMax, backoffMin<<attempt)))
			clock.Advance(backoff)
		}
	}
	r.elapsed = clock.Now().Sub(t0)
	r.finalRate = p.Rate("u")
	return r
}

// TestSimulatedQuota runs imports against simulated per-user quotas, from a configured rate and
// from off, and checks that once pacing has adapted (after the first 20 admitted requests) at
// most one request in 20 is throttled, and that pacing does not buy that by crawling.
func TestSimulatedQuota(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg            Config
		quota          simQuota
		latMin, latMax time.Duration
		requests       int
		backoff        time.Duration // initial backoff; the cap is 32 times as long
		minShare       float64       // of the quota (or of PerMinute, if lower) that pacing must reach
	}{
		// The emulator test of package people: 20 per second, requests of about 30 ms, and
		// the window and the backoff both sixty times shorter than at the real service.
		"20/s, configured at the quota": {Config{PerMinute: 1200}, simQuota{n: 20, per: time.Second}, 20 * time.Millisecond, 40 * time.Millisecond, 100, time.Second / 60, 0.7},
		"20/s, from off":                {Config{}, simQuota{n: 20, per: time.Second}, 20 * time.Millisecond, 40 * time.Millisecond, 100, time.Second / 60, 0.7},
		"20/s, configured far above":    {Config{PerMinute: 6000}, simQuota{n: 20, per: time.Second}, 5 * time.Millisecond, 10 * time.Millisecond, 100, time.Second / 60, 0.7},
		"20/s, configured below":        {Config{PerMinute: 900}, simQuota{n: 20, per: time.Second}, 20 * time.Millisecond, 40 * time.Millisecond, 100, time.Second / 60, 0.7},
		"20/s, long run from off":       {Config{}, simQuota{n: 20, per: time.Second}, 20 * time.Millisecond, 40 * time.Millisecond, 500, time.Second / 60, 0.7},
		// A backoff far longer than the window makes pacing underrate the quota, never
		// overrun it.
		"20/s, from off, 1 s backoff": {Config{}, simQuota{n: 20, per: time.Second}, 20 * time.Millisecond, 40 * time.Millisecond, 100, time.Second, 0.4},
		// The real service: about 90 per minute per user, requests of 200 contacts taking a
		// fraction of a second, the SDK's default backoff.
		"90/min, configured at the quota": {Config{PerMinute: 90}, simQuota{n: 90, per: time.Minute}, 200 * time.Millisecond, 600 * time.Millisecond, 300, time.Second, 0.7},
		"90/min, from off":                {Config{}, simQuota{n: 90, per: time.Minute}, 200 * time.Millisecond, 600 * time.Millisecond, 300, time.Second, 0.7},
		"90/min, long run from off":       {Config{}, simQuota{n: 90, per: time.Minute}, 200 * time.Millisecond, 600 * time.Millisecond, 1000, time.Second, 0.7},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			quotaRate := float64(tc.quota.n) / tc.quota.per.Minutes()
			limit := quotaRate
			if tc.cfg.PerMinute > 0 {
				limit = min(limit, tc.cfg.PerMinute)
			}
			for seed := range uint64(8) {
				r := simulate(t, tc.cfg, tc.quota, tc.latMin, tc.latMax, tc.backoff, 32*tc.backoff, tc.requests, seed)
				achieved := float64(r.ok) / r.elapsed.Minutes()
				msg := fmt.Sprintf("seed %d: %d requests, %d 429s (%d in the %d after adapting for %d), %v, %.0f%% of the quota, final rate %.0f/min",
					seed, r.ok, r.rejected, r.lateRejected, r.lateOK, simAdaptN, r.elapsed.Round(time.Millisecond), 100*achieved/quotaRate, r.finalRate)
				t.Log(name + ": " + msg)
				if r.lateRejected*20 > r.lateOK {
					t.Errorf("%s: more than one 429 per 20 requests once adapted", msg)
				}
				if achieved < tc.minShare*limit {
					t.Errorf("%s: below %.0f%% of what the quota allows", msg, 100*tc.minShare)
				}
			}
		})
	}
}
