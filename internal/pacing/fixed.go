// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"time"
)

// A fixed quota window admits n requests in each window [k·w, (k+1)·w) and refuses the rest
// until its next edge. A burst into it fills one window after the end of another: a sliding
// interval of length w then holds up to 2n, so the sliding reading of a throttle (learn) rules
// such a window out, or takes what the burst saved up for its limit. The fixed reading holds
// the user instead until the latest edge the window can have, and learns its limit from the
// window that follows.
//
// At a throttle that starts an episode, the window that refused began after the last refused
// turn before it, and held at least as many of the run of counted turns since then as the
// window before it did. So it began no later than the middle turn of the run (edgeFrom), and
// only a window longer than the time from that turn to the throttle fits; its next edge comes
// by edgeFrom + w. Held until then (and the slack), the user's next turn is admitted if the
// quota is that window; if it is refused, the window is ruled out and the next reading is
// tried. Admitted, the user runs unpaced from that edge (reopened) until the window fills: at
// that throttle the turns since the edge are exactly what the window holds, and learn reads
// only those, under the window held for or longer ones.

// readFixed sets up the fixed reading of the throttle of turn s, which starts an episode, under
// the windows from cfg.windows[shorter] on: a throttle with a hint needs none (the hint tells
// when the quota has room), nor a window shorter than minRaiseGap (a token bucket refills
// within it as an edge would come), nor the project's state (its throttles come in bunches of
// turns that many users had in flight, which tell nothing of an edge). Which windows fit the
// run is left to next: the window's latest edge must be still to come. The caller holds u.mu.
func (u *userState) readFixed(cfg *settings, s uint64, hint time.Duration, shorter int8) {
	mid, least, ok := u.log.runMiddle(s)
	for i, w := range cfg.windows {
		u.fixedOut[i] = u.shared || hint > 0 || !ok || int8(i) < shorter || w < minRaiseGap
	}
	u.edgeFrom, u.leastHeld = mid, least
}

// sinceEdge returns, at the throttle of turn s granted at at that starts an episode, from when
// learn counts the turns (math.MinInt64 for all of them), the shortest window it may follow,
// and the shortest whose fixed reading may be tried. After a fixed window's edge admitted the
// user, only the turns since count, under that window or a longer one, if the throttle came
// within that window's length of the edge and the window held at least as many as the one
// before it: the user then ran unpaced from the edge until the window filled. The caller
// holds u.mu.
func (u *userState) sinceEdge(cfg *settings, s uint64, at int64) (since int64, shorter, fixedFrom int8) {
	if u.phase != unknown || !u.wasReopened {
		return math.MinInt64, 0, 0
	}
	u.wasReopened = false
	w := cfg.windows[u.held]
	if at-u.reopened > int64(w+slack(w)) || u.log.countBefore(s, time.Duration(at-u.reopened)+1) < u.leastHeld {
		// Refused after that window would have ended, or with fewer turns in it than the
		// window before held: not that window.
		return math.MinInt64, 0, u.held + 1
	}
	// Its next edge comes by reopened + w, when its sliding reading has room: its fixed
	// reading has nothing more to try.
	return min(u.reopened, at), u.held, u.held + 1
}

// holdEnd returns the latest time a fixed window of cfg.windows[i] that refused the episode's
// first throttle has its next edge, with the window's slack. The caller holds u.mu.
func (u *userState) holdEnd(cfg *settings, i int8) int64 {
	w := cfg.windows[i]
	return u.edgeFrom + int64(w+slack(w))
}

// runMiddle returns when the middle turn was granted of the run of counted turns before turn s
// since the last refused one, and how many turns of the run were granted from it: the latest
// time a fixed window that refused turn s can have begun, if it held at least as many of them
// as the window before it, and the fewest it held. It reports false if the run holds fewer
// than minLimit turns.
func (l *turnLog) runMiddle(s uint64) (int64, int, bool) {
	n := 0
	for o := s; o > l.first; n++ {
		o--
		if !l.get(o).counted() {
			break
		}
	}
	if n < minLimit {
		return 0, 0, false
	}
	// The run is turns s-n to s-1; the middle one leaves at least as many after it as before.
	return l.get(s - uint64(n) + uint64(n/2)).at, n - n/2, true
}

// closedStill learns from a throttle, while settled, of a turn that followed a refused one
// with none admitted between, when that one's throttle lowered the limit: the quota is still
// closed, as a fixed window is until its edge, where a sliding window would have room under
// the lowered limit. Lowering it again by the few turns that left the window since would meet
// the closed quota at every retry; instead the limit falls to the highest known to pass (the
// one refused is too high), and the user is held until the window has room under it: the
// edge of a fixed window that held that many. The caller holds u.mu.
func (u *userState) closedStill(cfg *settings, now int64) {
	w := cfg.windows[u.active]
	if u.limit > u.top && (u.bad == 0 || u.limit < u.bad) {
		u.bad = u.limit // a limit the closure refused is too high
	}
	u.limit = max(1, min(u.limit, u.top))
	u.notBefore = max(u.notBefore, u.log.opensAt(now, w+slack(w), u.limit))
	u.changedAt = now
}

// afterRefused reports whether the turn before s is refused.
func (l *turnLog) afterRefused(s uint64) bool {
	prev := l.get(s - 1)
	return s > l.first && prev != nil && prev.state == turnRefused
}

// ruleOutRoomy rules out, at the throttle of a turn granted at at, the sliding reading of every
// window that had room for it under its limit: that window cannot be what refused it. The
// caller holds u.mu.
func (u *userState) ruleOutRoomy(cfg *settings, at int64) {
	for i, w := range cfg.windows {
		if !u.ruledOut[i] && u.limits[i] > 0 && u.log.opensAt(at, w+slack(w), u.limits[i]) <= at {
			u.ruledOut[i] = true
		}
	}
}

// refusedAtCap learns, while settled under a window shorter than minRaiseGap, from the throttle
// of turn s sent as fast as the limit prev allowed, with held turns in the window and more in
// the window before: it reports whether it did. A fixed window that short refuses each turn
// past its limit after an edge that the sliding count does not see: the count then holds the
// turns that the window before admitted too, as many as pacing let through, one below prev or
// so at every throttle. So the count says only that prev is too high, and lowering the limit
// to it would step down by one 429 at a time. Instead the limit steps back to where it was
// before the step that was refused (to the highest known to pass after a raise, a fifth down
// otherwise), and the next raise waits twice as long. The caller holds u.mu.
func (u *userState) refusedAtCap(cfg *settings, s uint64, held, prev int) bool {
	w := cfg.windows[u.active]
	if w >= minRaiseGap || u.log.countBefore(s, 2*w) == held {
		return false // no edge hides in the count: the user sent nothing in the window before
	}
	switch {
	case prev > u.top && held+1 >= prev:
		u.limit = min(u.limit, u.top)
	case prev <= u.top && float64(held) >= Margin*float64(prev)-2:
		u.limit = min(u.limit, prev-max(1, prev/5))
	default:
		return false
	}
	u.limit = max(1, u.limit)
	u.top = min(u.top, u.limit)
	u.gap = min(maxGap, 2*max(u.gap, recoverAfter))
	return true
}
