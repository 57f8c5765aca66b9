// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// simQuota is a per-user write quota as the emulator (peopletest.Quota) keeps it: at most n
// admitted requests in any window of length per, rejected requests not counted. From
// changeAt on (if set) the limit is changeTo. If other is set, another client of the same user
// sends a request every other, admitted when the window has room.
type simQuota struct {
	n      int
	per    time.Duration
	writes []time.Time

	changeAt time.Duration
	changeTo int

	other      time.Duration
	nextOther  time.Time
	otherFrom  time.Duration // when the other client starts, from t0; may be negative
	otherUntil time.Duration // when it stops, from t0; 0 for never

	spurious, tries int // if set, every spurious-th request is refused, whatever the window
}

func (q *simQuota) admit(now time.Time) bool {
	if q.other > 0 {
		if q.nextOther.IsZero() {
			q.nextOther = t0.Add(q.otherFrom)
		}
		for !q.nextOther.After(now) && (q.otherUntil == 0 || q.nextOther.Before(t0.Add(q.otherUntil))) {
			q.try(q.nextOther)
			q.nextOther = q.nextOther.Add(q.other)
		}
	}
	q.tries++
	if q.spurious > 0 && q.tries%q.spurious == 0 {
		return false
	}
	return q.try(now)
}

func (q *simQuota) try(now time.Time) bool {
	n := q.n
	if q.changeAt > 0 && now.Sub(t0) >= q.changeAt {
		n = q.changeTo
	}
	cutoff := now.Add(-q.per)
	keep := 0
	for keep < len(q.writes) && !q.writes[keep].After(cutoff) {
		keep++
	}
	q.writes = q.writes[keep:]
	if len(q.writes) >= n {
		return false
	}
	q.writes = append(q.writes, now)
	return true
}

// simResult counts what a simulated import met.
type simResult struct {
	ok, rejected         int
	lateOK, lateRejected int // once adapted: after the first simAdapt of the run
	lateElapsed          time.Duration
	elapsed              time.Duration
	finalRate            float64
}

// simCase is one simulated import: requests sequential write requests, each attempt taking a
// latency drawn uniformly from [latMin, latMax], the server counting it halfway through. A
// throttled attempt is reported to the Pacer, then retried after the SDK's backoff after a
// refusal: half to all of backoff doubling per attempt, capped at 32 × backoff.
type simCase struct {
	cfg            Config
	quota          simQuota
	latMin, latMax time.Duration
	requests       int
	backoff        time.Duration
	adapt          time.Duration // how long pacing may take to adapt: a few quota windows
}

func simulate(t *testing.T, sc simCase, seed uint64) simResult {
	t.Helper()
	clock := newFakeClock()
	p := newPacer(t, sc.cfg, clock)
	q := sc.quota
	rnd := rand.New(rand.NewPCG(seed, 42))
	var r simResult
	for range sc.requests {
		for attempt := 0; ; attempt++ {
			turn, err := p.Wait(t.Context(), "u")
			if err != nil {
				t.Fatalf("Wait = %v", err)
			}
			lat := sc.latMin + time.Duration(rnd.Int64N(int64(sc.latMax-sc.latMin)+1))
			clock.Advance(lat / 2)
			admitted := q.admit(clock.Now())
			clock.Advance(lat - lat/2)
			late := clock.Now().Sub(t0) > sc.adapt
			if admitted {
				r.ok++
				if late {
					r.lateOK++
				}
				turn.Succeeded()
				break
			}
			r.rejected++
			if late {
				r.lateRejected++
			}
			turn.Throttled(Throttle{})
			step := min(32*sc.backoff, sc.backoff<<attempt)
			clock.Advance(time.Duration((0.5 + 0.5*rnd.Float64()) * float64(step)))
		}
	}
	r.elapsed = clock.Now().Sub(t0)
	r.lateElapsed = r.elapsed - sc.adapt
	r.finalRate = p.Rate("u")
	return r
}

// TestSimulatedQuota runs imports against simulated per-user quotas, from a configured rate and
// from unknown, and checks the targets once pacing has adapted: fewer than one 429 per 100
// requests, and at least a given share of the rate the quota allows.
func TestSimulatedQuota(t *testing.T) {
	t.Parallel()
	const (
		ms = time.Millisecond
		s  = time.Second
	)
	tests := map[string]struct {
		simCase
		available float64 // requests per minute left to us, if not the quota's
		minShare  float64 // of available (or of PerMinute, if lower) once adapted
		maxLate   float64 // 429s per 100 requests once adapted
	}{
		// The emulator tests of package people: 20 per second, requests of about 30 ms, and
		// a backoff sixty times shorter than at the real service.
		"20/s, configured at the quota": {simCase: simCase{Config{PerMinute: 1200}, simQuota{n: 20, per: s}, 20 * ms, 40 * ms, 100, s / 60, 2 * s}, minShare: 0.95, maxLate: 1},
		"20/s, from unknown":            {simCase: simCase{Config{}, simQuota{n: 20, per: s}, 20 * ms, 40 * ms, 100, s / 60, 2 * s}, minShare: 0.95, maxLate: 1},
		"20/s, configured far above":    {simCase: simCase{Config{PerMinute: 6000}, simQuota{n: 20, per: s}, 5 * ms, 10 * ms, 100, s / 60, 2 * s}, minShare: 0.95, maxLate: 1},
		"20/s, configured below":        {simCase: simCase{Config{PerMinute: 900}, simQuota{n: 20, per: s}, 20 * ms, 40 * ms, 100, s / 60, 2 * s}, minShare: 0.95, maxLate: 1},
		"20/s, long run from unknown":   {simCase: simCase{Config{}, simQuota{n: 20, per: s}, 20 * ms, 40 * ms, 1000, s / 60, 2 * s}, minShare: 0.95, maxLate: 1},
		"20/s, from unknown, 1 s backoff": {simCase: simCase{Config{}, simQuota{n: 20, per: s}, 20 * ms, 40 * ms, 200, s, 3 * s},
			minShare: 0.95, maxLate: 1},
		// The real service: about 90 per minute per user, requests of 200 contacts taking a
		// fraction of a second, the SDK's default backoff.
		"90/min, configured at the quota": {simCase: simCase{Config{PerMinute: 90}, simQuota{n: 90, per: time.Minute}, 200 * ms, 600 * ms, 300, s, 2 * time.Minute}, minShare: 0.95, maxLate: 1},
		"90/min, from unknown":            {simCase: simCase{Config{}, simQuota{n: 90, per: time.Minute}, 200 * ms, 600 * ms, 300, s, 2 * time.Minute}, minShare: 0.95, maxLate: 1},
		"90/min, long run from unknown":   {simCase: simCase{Config{}, simQuota{n: 90, per: time.Minute}, 200 * ms, 600 * ms, 1000, s, 2 * time.Minute}, minShare: 0.95, maxLate: 1},
		"90/min, replies of 0.1 to 1 s":   {simCase: simCase{Config{}, simQuota{n: 90, per: time.Minute}, 100 * ms, s, 600, s, 3 * time.Minute}, minShare: 0.95, maxLate: 1},
		// Windows of the other lengths the Pacer considers.
		"150/100s, from unknown": {simCase: simCase{Config{}, simQuota{n: 150, per: 100 * s}, 200 * ms, 600 * ms, 600, s, 4 * time.Minute}, minShare: 0.95, maxLate: 1},
		"30/10s, from unknown":   {simCase: simCase{Config{}, simQuota{n: 30, per: 10 * s}, 50 * ms, 150 * ms, 600, s, 30 * s}, minShare: 0.95, maxLate: 1},
		// A window the Pacer does not consider: pacing errs slow, never into a storm of
		// 429s.
		"45/30s, from unknown": {simCase: simCase{Config{}, simQuota{n: 45, per: 30 * s}, 50 * ms, 150 * ms, 600, s, 2 * time.Minute}, minShare: 0.75, maxLate: 1},
		// Another client of the same user takes a third of the quota: pacing settles on
		// what is left, with a few 429s while the other client's share is found.
		"90/min, a third taken by another client": {simCase: simCase{Config{}, simQuota{n: 90, per: time.Minute, other: 2 * s}, 200 * ms, 600 * ms, 600, s, 3 * time.Minute},
			available: 60, minShare: 0.85, maxLate: 2},
		// An earlier run of the import used 80 of the 90 in the minute before this one
		// starts, so the first throttle shows a quota of 10. Configured, the quota comes
		// back once the earlier run's requests have left the window; learned, raising the
		// limit finds it again, at the cost of a 429 or two.
		"90/min configured, an earlier run just before": {simCase: simCase{Config{PerMinute: 90}, simQuota{n: 90, per: time.Minute, other: 750 * ms, otherFrom: -time.Minute, otherUntil: -time.Nanosecond}, 200 * ms, 600 * ms, 1000, s, 6 * time.Minute},
			minShare: 0.7, maxLate: 1},
		"90/min, an earlier run just before": {simCase: simCase{Config{}, simQuota{n: 90, per: time.Minute, other: 750 * ms, otherFrom: -time.Minute, otherUntil: -time.Nanosecond}, 200 * ms, 600 * ms, 1000, s, 6 * time.Minute},
			minShare: 0.7, maxLate: 1},
		// No quota worth the name, but a 429 now and then: pacing stays out of the way. A
		// throttle in the first window of a user's requests teaches a quota (most quotas
		// refuse first there, and learning from the first throttle saves a 429 on every
		// shape), so 429s that come while the window still holds the throttles' requests
		// slow the user a little.
		"no quota, a 429 every 500 requests": {simCase: simCase{Config{}, simQuota{n: 1 << 30, per: time.Minute, spurious: 500}, 200 * ms, 600 * ms, 2000, s, 0},
			available: 60 / 0.4, minShare: 0.9, maxLate: 1},
		"no quota, a 429 every 200 requests": {simCase: simCase{Config{}, simQuota{n: 1 << 30, per: time.Minute, spurious: 200}, 200 * ms, 600 * ms, 1000, s, 0},
			available: 60 / 0.4, minShare: 0.8, maxLate: 1},
		// The quota halves after five minutes: pacing follows it down.
		"90/min, halved after 5 min": {simCase: simCase{Config{}, simQuota{n: 90, per: time.Minute, changeAt: 5 * time.Minute, changeTo: 45}, 200 * ms, 600 * ms, 1000, s, 7 * time.Minute},
			available: 45, minShare: 0.9, maxLate: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			q := tc.quota
			available := tc.available
			if available == 0 {
				available = float64(q.n) / q.per.Minutes()
			}
			if tc.cfg.PerMinute > 0 {
				available = min(available, tc.cfg.PerMinute)
			}
			for seed := range uint64(8) {
				r := simulate(t, tc.simCase, seed)
				late := float64(r.lateOK) / r.lateElapsed.Minutes()
				whole := float64(r.ok) / r.elapsed.Minutes()
				per100 := 100 * float64(r.lateRejected) / float64(max(1, r.lateOK))
				msg := fmt.Sprintf("seed %d: %d requests in %v, %d 429s; once adapted %d requests, %d 429s (%.1f per 100), %.1f%% of the available rate (whole run %.1f%%); final rate %.1f/min",
					seed, r.ok, r.elapsed.Round(ms), r.rejected, r.lateOK, r.lateRejected, per100, 100*late/available, 100*whole/available, r.finalRate)
				t.Log(name + ": " + msg)
				if r.lateOK < 20 {
					t.Fatalf("%s: too few requests once adapted to judge", msg)
				}
				if per100 >= tc.maxLate {
					t.Errorf("%s: %.1f or more 429s per 100 requests once adapted", msg, tc.maxLate)
				}
				if late < tc.minShare*available {
					t.Errorf("%s: below %.0f%% of the available rate once adapted", msg, 100*tc.minShare)
				}
			}
		})
	}
}
