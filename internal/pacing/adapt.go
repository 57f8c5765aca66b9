// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import "time"

// growthStep is the share of the ceiling added to a user's rate at each
// growth step.
const growthStep = 0.1

// maxNotBefore bounds a throttle's hint, so that adding it to a time cannot
// overflow. Callers surface such long waits instead of sleeping on them.
const maxNotBefore = 24 * time.Hour

// Throttled reports that the server throttled one of user's requests
// (429 RESOURCE_EXHAUSTED or a rate-limit 403). It multiplies the user's
// rate by Config.Decrease, never below Config.Floor, and makes the user wait
// at least hint from now before the next turn: pass the server's Retry-After
// or RetryInfo delay, or the backoff the caller chose; 0 or less adds no
// wait. The not-before time never moves earlier, and hints above 24 hours
// count as 24 hours. For an unpaced user it switches pacing on, as the
// package doc describes.
func (p *Pacer) Throttled(user string, hint time.Duration) {
	u := p.state(user)
	now := p.cfg.now()
	u.mu.Lock()
	defer u.mu.Unlock()

	if u.lim == nil {
		base, ok := u.meter.perMinute(now)
		if !ok {
			base = AssumedPerMinute
		}
		u.meter = meter{}
		u.ceiling = max(2*base, p.cfg.floor)
		u.setRate(now, max(p.cfg.floor, base*p.cfg.decrease))
	} else {
		u.setRate(now, max(p.cfg.floor, u.perMinute*p.cfg.decrease))
	}
	u.streak = 0
	if hint > 0 {
		u.notBefore = later(u.notBefore, now.Add(min(hint, maxNotBefore)))
	}
}

// Succeeded reports that one of user's requests got through without being
// throttled. For a paced user below its ceiling, every Config.RecoverAfter
// consecutive successes grow the rate by a tenth of the ceiling, never above
// it. For an unpaced user it counts the success toward the measured rate.
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

	if u.lim == nil {
		u.meter.add(now)
		return
	}
	if u.perMinute >= u.ceiling {
		u.streak = 0
		return
	}
	u.streak++
	if u.streak < p.cfg.recoverAfter {
		return
	}
	u.streak = 0
	u.setRate(now, min(u.ceiling, u.perMinute+growthStep*u.ceiling))
}
