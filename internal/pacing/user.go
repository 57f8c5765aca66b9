// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"sync"
	"time"
)

// The phases of learning a user's quota (see the package doc).
const (
	unknown uint8 = iota // never throttled, or no window explained the last throttle
	probing              // throttled: trying the windows from the shortest
	settled              // a window's edge admitted a request: pacing follows it
)

// minLimit is the fewest requests in a window for a throttle to say anything about it: a
// throttle that meets fewer of the user's requests comes from elsewhere (another client using
// the quota, a passing refusal), and pacing that window at so few would crawl.
const minLimit = 3

// recoverAfter is how many lengths of the followed window must pass without a throttle,
// while the user sends as fast as the limit allows, before a limit that a throttle lowered
// grows back by a quarter, up to the highest limit known to pass.
const recoverAfter = 3

// userState is the pacing state of one user key. Times are nanoseconds since the Pacer's
// epoch, on the monotonic clock when the Pacer's clock has one.
type userState struct {
	mu        sync.Mutex
	log       turnLog
	notBefore int64 // no turn starts before this (a server's hint)
	tat       int64 // when the spacing has a turn free again: GCRA's theoretical arrival time

	phase        uint8
	throttled    int64            // when the latest throttle without a hint came
	wasThrottled bool             // throttled is set
	active       int8             // window that pacing follows, an index into settings.windows; -1 none
	ruledOut     [maxWindows]bool // windows the throttles of this episode excluded
	limits       [maxWindows]int  // what each window held at the episode's first throttle
	limit        int              // the followed window's limit now
	top          int              // the highest limit known to pass
	changedAt    int64            // when limit last changed
}

func newUserState() *userState { return &userState{active: -1} }

// slack widens a window when deciding whether it has room: a turn is granted before the
// request reaches the server, and the network's jitter must not bring it inside the window
// of the request it replaces.
func slack(w time.Duration) time.Duration { return w / 50 }

// spacing returns the interval between turns: the configured one, or that of Margin × the
// learned limit per window if longer. The caller holds u.mu.
func (u *userState) spacing(cfg *settings) time.Duration {
	d := cfg.spacing
	if u.active >= 0 {
		w := cfg.windows[u.active]
		d = max(d, time.Duration(float64(w)/(Margin*float64(u.limit))))
	}
	return d
}

// catchUp is how many turns the spacing lets through at once while a learned window guards
// the quota: a user whose replies were slow for a while catches up, within the window's
// limit. Without a learned window the spacing alone guards the quota, one turn at a time.
const catchUp = 4

// burst returns how many turns the spacing lets through at once. The caller holds u.mu.
func (u *userState) burst() int {
	if u.active >= 0 {
		return catchUp
	}
	return 1
}

// earliest returns when the next turn may start, at or after now. The caller holds u.mu.
func (u *userState) earliest(cfg *settings, now int64) int64 {
	t := max(now, u.notBefore)
	if d := u.spacing(cfg); d > 0 {
		t = max(t, u.tat-int64(u.burst()-1)*int64(d))
	}
	if u.active >= 0 {
		w := cfg.windows[u.active]
		t = u.log.opensAt(t, w+slack(w), u.limit)
	}
	return t
}

// grant takes a turn at now and returns its number. The caller holds u.mu.
func (u *userState) grant(cfg *settings, now int64) uint64 {
	u.log.prune(now - 2*int64(cfg.windows[len(cfg.windows)-1]))
	if d := u.spacing(cfg); d > 0 {
		u.tat = max(u.tat, now) + int64(d)
	}
	return u.log.add(now)
}

// refused learns from the throttle of turn s, granted under window cand (-1 for none). The
// caller holds u.mu.
func (u *userState) refused(cfg *settings, s uint64, cand int8, now int64) {
	e := u.log.get(s)
	if e == nil || e.state != turnPending {
		return // granted too long ago to tell anything, or reported already
	}
	e.state = turnRefused
	// A lone throttle may be one that the caller's backoff clears: a full quota window
	// refuses again soon, after the backoff or at the next burst; a passing refusal does not.
	lone := !u.wasThrottled || now-u.throttled > int64(cfg.windows[len(cfg.windows)-1])
	u.throttled, u.wasThrottled = now, true
	switch u.phase {
	case unknown:
		if lone {
			return
		}
		u.learn(cfg, s, now)
	case probing:
		if cand == u.active {
			u.ruledOut[cand] = true
			u.next(cand, now)
		}
	case settled:
		held := u.log.countBefore(s, cfg.windows[u.active])
		if held < minLimit && !lone {
			// Throttled again with too few of the user's requests in the window followed
			// for it to be what refused them: learn the window anew.
			u.learn(cfg, s, now)
			return
		}
		if held < minLimit || (lone && 2*held < u.limit) {
			// A lone throttle, with too few requests in the window, or far below the
			// limit the window has been passing.
			return
		}
		switch {
		case u.limit < u.top:
			// Recovering after a throttle, and throttled again: expect less than before.
			u.top = max(held, (u.top+held)/2)
			u.limit = min(u.limit, held)
		default:
			// At the known limit: another client takes part of the quota, or it was
			// lowered.
			u.limit = min(u.limit, held)
		}
		u.changedAt = now
	}
}

// forget marks turn s refused without learning from it. The caller holds u.mu.
func (u *userState) forget(s uint64) {
	if e := u.log.get(s); e != nil {
		e.state = turnRefused
	}
}

// learn starts an episode at the throttle of turn s: under each window, the quota is at most
// what the window held when this turn arrived, and more than what it held when any turn it
// admitted arrived. A window under which both cannot hold, or that held fewer than minLimit,
// is ruled out; the shortest left is probed. The caller holds u.mu.
func (u *userState) learn(cfg *settings, s uint64, now int64) {
	for i, w := range cfg.windows {
		n := u.log.countBefore(s, w)
		u.limits[i] = max(1, n)
		u.ruledOut[i] = n < minLimit || u.log.admittedPeak(w) >= n
	}
	u.phase = probing
	u.next(-1, now)
}

// next moves probing to the shortest window after `after` not ruled out, or back to unknown
// if there is none. The caller holds u.mu.
func (u *userState) next(after int8, now int64) {
	for i := after + 1; int(i) < len(u.limits); i++ {
		if u.limits[i] > 0 && !u.ruledOut[i] {
			u.active, u.limit, u.changedAt = i, u.limits[i], now
			return
		}
	}
	u.phase, u.active = unknown, -1
	u.limits, u.ruledOut = [maxWindows]int{}, [maxWindows]bool{}
}

// admitted learns from the success of turn s, granted under window cand. The caller holds
// u.mu.
func (u *userState) admitted(cfg *settings, s uint64, cand int8, now int64) {
	e := u.log.get(s)
	if e != nil {
		if e.state != turnPending {
			return // reported already
		}
		e.state = turnAdmitted
	}
	switch {
	case u.phase == probing && cand == u.active:
		u.phase, u.top, u.changedAt = settled, u.limit, now
		if w := cfg.windows[u.active]; w == time.Minute && cfg.perMinute > 0 {
			// A configured quota is per minute: a throttle that showed less (another
			// client, or an earlier run, using part of the window) passes.
			u.top = max(u.top, int(cfg.perMinute))
		}
	case u.phase == settled && e != nil:
		w := cfg.windows[u.active]
		held := u.log.countBefore(s, w)
		if float64(held) < Margin*float64(u.limit)-2 {
			return // the user sends slower than the limit: nothing tells that it is too low
		}
		if u.limit < u.top && (now-u.changedAt)/int64(w) >= recoverAfter {
			u.limit = min(u.top, u.limit+max(1, u.limit/4))
			u.changedAt = now
		}
	}
}
