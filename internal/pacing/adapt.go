// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"time"
)

// The shape of recovery after a throttle (see the package doc).
const (
	// approach is the share of the refused rate that recovery climbs back to and holds:
	// far enough below it that the spacing of requests absorbs the jitter of their arrival
	// at the server, whose quota window counts arrivals, not departures. At 0.9, twenty
	// requests spaced for 0.9 × a quota of twenty per window span 11% more than the window.
	approach = 0.9
	// holdFor and probeOver, times Config.RecoverAfter, are how many successes the rate
	// holds before probing higher, and the scale of the probe. They are long because a
	// quota window learns of an excess only once the window has filled: a minute of
	// requests at the real service.
	holdFor   = 8
	probeOver = 6
)

// maxNotBefore bounds a throttle's hint, so that adding it to a time cannot
// overflow. Callers surface such long waits instead of sleeping on them.
const maxNotBefore = 24 * time.Hour

// Throttled reports that the server throttled one of user's requests
// (429 RESOURCE_EXHAUSTED or a rate-limit 403). It remembers the rate the
// user was sending at (its paced rate, or the measured rate of its recent
// replies if that is lower) as the rate the quota refused, multiplies it by
// Config.Decrease, never below Config.Floor, and makes the user wait at
// least hint from now before the next turn: pass the server's Retry-After
// or RetryInfo delay, or the backoff the caller chose; 0 or less adds no
// wait. The not-before time never moves earlier, and hints above 24 hours
// count as 24 hours. A throttle that follows another with no success
// between them changes only the not-before time. For an unpaced user it
// switches pacing on, as the package doc describes.
func (p *Pacer) Throttled(user string, hint time.Duration) {
	u := p.state(user)
	now := p.cfg.now()
	u.mu.Lock()
	defer u.mu.Unlock()

	measured, ok := u.meter.perMinute()
	u.reply(now, true)
	if hint > 0 {
		u.notBefore = later(u.notBefore, now.Add(min(hint, maxNotBefore)))
	}
	if u.lim != nil && u.peak != 0 && u.successes == 0 {
		// Throttled again before any success: the retry of a request met the same full
		// quota window. The rate it refused is known already; lowering it again for
		// every retry would punish the backoff's short first waits.
		return
	}
	var at float64
	if u.lim == nil {
		at = AssumedPerMinute
		if ok {
			at = measured
		}
		u.ceiling = max(2*at, p.cfg.floor)
	} else {
		at = u.perMinute
		if ok && measured < at {
			at = measured
		}
	}
	if u.peak != 0 && at < u.peak {
		// Refused below the rate refused last time: the quota is lower than that
		// suggested, or its window still held the excess of the last probe. Aim lower
		// than the rate just refused, as CUBIC's fast convergence does.
		at *= (1 + p.cfg.decrease) / 2
	}
	u.peak = max(at, p.cfg.floor)
	u.start = min(u.ceiling, max(p.cfg.floor, at*p.cfg.decrease))
	u.successes = 0
	u.setRate(now, u.start)
	if u.busyThrottleAt == 0 {
		u.busyThrottleAt = now.UnixNano()
		u.refine = u.busyCount >= 2
	}
}

// Succeeded reports that one of user's requests got through without being
// throttled. For a throttled user it moves the rate along the recovery curve
// that the package doc describes, after refining the refused rate at the end
// of a busy period's first throttle. For an unpaced user it only measures.
func (p *Pacer) Succeeded(user string) {
	u := p.lookup(user)
	if u == nil {
		if p.cfg.perMinute > 0 {
			return // a new paced user is at its ceiling already
		}
		u = p.state(user)
	}
	now := p.cfg.now()
	u.mu.Lock()
	defer u.mu.Unlock()

	u.reply(now, false)
	if u.busyCount < math.MaxInt32 {
		u.busyCount++
	}
	if u.lim == nil || u.peak == 0 {
		return // unpaced, or paced at the ceiling and never throttled
	}
	if u.refine {
		u.refine = false
		p.refinePeak(u, now.UnixNano())
	}
	if u.successes < math.MaxInt32 {
		u.successes++
	}
	if r := p.recovered(u); r != u.perMinute {
		u.setRate(now, r)
	}
}

// refinePeak runs at the first success after the first throttle of a busy period. When the
// quota's window visibly held the user back, the wait for that success taking more than a
// tenth of the period, the period's goodput is a better measure of the quota than the rate
// refused: a window quota lets a burst through and then nothing until the burst leaves the
// window, so a user that found it by going fast was refused at a rate that says little about
// the quota, whereas busyCount successes since the period began is about what the window
// allows in that time. Goodput only lowers the peak; recovery then starts at the rate it
// would hold. The caller holds u.mu.
func (p *Pacer) refinePeak(u *userState, now int64) {
	period, stalled := now-u.busySince, now-u.busyThrottleAt
	if period <= 0 || stalled*10 <= period {
		return
	}
	g := float64(u.busyCount) * float64(time.Minute) / float64(period)
	if g < u.peak {
		u.peak = max(g, p.cfg.floor)
		u.start = min(u.start, max(p.cfg.floor, approach*u.peak))
	}
}

// recovered returns the rate of a throttled user after u.successes successes since the
// throttle, with n = Config.RecoverAfter and hold = approach × peak:
//
//   - successes 0 to n: from start up to hold along a concave cubic, quick at first and
//     flattening as it nears the rate that was refused;
//   - the next holdFor × n: hold;
//   - after that, a convex cubic above hold, slow at first, that probes for a quota grown
//     since: with the defaults it passes the refused rate about 43 successes into the probe
//     (0.72 × probeOver × n).
//
// Each is clamped to the floor and the ceiling. The caller holds u.mu.
func (p *Pacer) recovered(u *userState) float64 {
	n := float64(p.cfg.recoverAfter)
	k := float64(u.successes)
	hold := max(u.start, approach*u.peak)
	var r float64
	switch {
	case k <= n:
		x := 1 - k/n
		r = hold - (hold-u.start)*x*x*x
	case k <= n+holdFor*n:
		r = hold
	default:
		x := (k - n - holdFor*n) / (probeOver * n)
		r = hold * (1 + (1-p.cfg.decrease)*x*x*x)
	}
	return min(u.ceiling, max(p.cfg.floor, r))
}
