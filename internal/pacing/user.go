// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// userState is the pacing state of one user key.
type userState struct {
	mu        sync.Mutex
	lim       *rate.Limiter // nil while unpaced
	perMinute float64       // current rate; 0 while unpaced
	ceiling   float64       // highest rate growth may reach
	notBefore time.Time     // no turn starts before this
	peak      float64       // rate refused by the last throttle; 0 before the first
	start     float64       // rate the last throttle set
	successes int32         // successes since the last throttle
	busyCount int32         // successes in the busy period
	meter     meter         // recent intervals between replies

	// The busy period: replies with no idle spell between them, as Unix nanoseconds.
	busySince      int64 // first reply of the period
	busyThrottleAt int64 // first throttle of the period; 0 before it
	refine         bool  // the next success ends the period's first throttle
	lastThrottled  bool  // the latest reply was a throttle: the pause after it is a backoff
}

// idleAfter is the longest interval between two replies of one busy period: the People
// API's quotas are per minute, so a minute without a request empties any window of theirs.
// A shorter interval also ends a period when it is more than idleFactor times the median
// interval, so that a quota with a shorter window, such as the emulator's, is covered too.
const (
	idleAfter  = time.Minute
	idleFactor = 16
)

// reply records a reply at now, a throttle or a success, in the meter and the busy period.
// The pause after a throttle is the caller's backoff, not an idle spell. The caller holds
// u.mu.
func (u *userState) reply(now time.Time, throttled bool) {
	t := now.UnixNano()
	if u.meter.last == 0 {
		u.busySince = t
	} else if !u.lastThrottled {
		gap := time.Duration(t - u.meter.last)
		med, ok := u.meter.median()
		if gap >= idleAfter || (ok && gap > idleFactor*med) {
			u.busySince, u.busyCount, u.busyThrottleAt, u.refine = t, 0, 0, false
		}
	}
	u.meter.add(now)
	u.lastThrottled = throttled
}

// reserve takes the user's next turn at or after now and returns the
// reservation (nil while unpaced) and how long to wait for it.
func (u *userState) reserve(now time.Time) (*rate.Reservation, time.Duration) {
	u.mu.Lock()
	defer u.mu.Unlock()
	start := later(now, u.notBefore)
	if u.lim == nil {
		return nil, start.Sub(now)
	}
	r := u.lim.ReserveN(start, 1)
	return r, r.DelayFrom(now)
}

// delay returns what reserve would wait, without taking the turn.
func (u *userState) delay(now time.Time) time.Duration {
	u.mu.Lock()
	defer u.mu.Unlock()
	start := later(now, u.notBefore)
	d := start.Sub(now)
	if u.lim == nil {
		return d
	}
	// The same arithmetic as rate.Limiter's reservation for one token.
	if missing := 1 - u.lim.TokensAt(start); missing > 0 {
		d += time.Duration(missing / float64(u.lim.Limit()) * float64(time.Second))
	}
	return d
}

// untilNotBefore returns how long from now until the user's not-before time.
func (u *userState) untilNotBefore(now time.Time) time.Duration {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.notBefore.Sub(now)
}

// setRate paces the user at perMinute from now on, creating the limiter if
// the user was unpaced. The caller holds u.mu or owns u exclusively.
func (u *userState) setRate(now time.Time, perMinute float64) {
	u.perMinute = perMinute
	limit := rate.Limit(perMinute / 60)
	if u.lim == nil {
		u.lim = rate.NewLimiter(limit, 1)
		return
	}
	u.lim.SetLimitAt(now, limit)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
