// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"sync"
	"time"
)

// The phases of learning a user's quota (see the package doc).
const (
	unknown uint8 = iota // never throttled, or no window explained the last throttle
	probing              // throttled: trying the windows from the shortest
	settled              // a window's edge admitted a request: pacing follows it
	rated                // one request at a time (a bucket without burst): pacing follows an interval
	holding              // throttled: waiting for the edge of a fixed window (see fixed.go)
)

// minLimit is the fewest requests in a window for a throttle to say anything about it: a
// throttle that meets fewer of the user's requests comes from elsewhere (another client using
// the quota, a passing refusal), and pacing that window at so few would crawl.
const minLimit = 3

// recoverAfter is how many lengths of the followed window must pass without a throttle,
// while the user sends as fast as the limit allows, before a limit that a throttle lowered
// grows back by a quarter, up to the highest limit known to pass, or before a limit is raised
// above the highest known to pass once a raise has been refused.
const recoverAfter = 3

// maxGap bounds the windows between raises of a limit: raises refused one after the other
// double the gap up to this.
const maxGap = 64

// minRaiseGap is the least time between raises of a limit while no raise has been refused,
// and the time before the first raise under a window no longer than it: the first raise may
// cost a 429 when the learned limit was right.
const minRaiseGap = 10 * time.Second

// probeRequests is the fewest turns between two raises of a limit above one that a throttle
// showed too high: each such raise may cost a 429, and fewer than one in a hundred requests
// may meet one once the quota is learned.
const probeRequests = 200

// userState is the pacing state of one user key. Times are nanoseconds since the Pacer's
// epoch, on the monotonic clock when the Pacer's clock has one.
type userState struct {
	mu        sync.Mutex
	log       turnLog
	notBefore int64 // no turn starts before this (a server's hint)
	tat       int64 // when the spacing has a turn free again: GCRA's theoretical arrival time
	lastTurn  int64 // when the latest turn was granted

	phase        uint8
	throttled    int64            // when the latest throttle without a hint came
	wasThrottled bool             // throttled is set
	active       int8             // window that pacing follows, an index into settings.windows; -1 none
	ruledOut     [maxWindows]bool // windows the throttles of this episode excluded
	limits       [maxWindows]int  // what each window held at the episode's first throttle
	limit        int              // the followed window's limit now
	top          int              // the highest limit known to pass
	first        int              // the limit the episode settled on
	settledAt    int64            // when it settled
	bad          int              // the lowest limit a throttle showed too high; 0 if none
	gap          int              // windows between raises once bad is known; 0 means recoverAfter
	lessCatchUp  int8             // turns taken off catchUp: all of them once a catch-up turn was throttled
	shared       bool             // the project's state: Config.PerMinute is per user, not for it
	changedAt    int64            // when limit last changed

	// While rated: the interval between turns, the longest interval that met a throttle (0 if
	// none yet: the interval shrinks after each admitted turn), the interval before a probe of a
	// shorter one (0 if not probing), and the turns admitted since the interval last changed.
	interval, tooShort, beforeProbe int64
	passed, probeWait               int

	// The fixed-window reading of the quota (fixed.go): the latest time the fixed window that
	// refused the episode's first throttle can have begun and the fewest turns it held, the
	// windows whose fixed reading is ruled out, the window the user is held for (while
	// holding) or whose edge admitted it (if wasReopened, at reopened), and whether the limit
	// probed under that window is what a fixed window held from its edge.
	edgeFrom    int64
	leastHeld   int
	fixedOut    [maxWindows]bool
	held        int8
	reopened    int64
	wasReopened bool
	exact       bool

	// Whether the episode began at a throttle that the window followed could not explain (far
	// below the limit its edge had admitted, or with too few turns in it): a token bucket's
	// burst, not a window, may have filled it.
	unexplained bool
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
	if u.shared {
		d = 0
	}
	if u.active >= 0 {
		w := cfg.windows[u.active]
		d = max(d, time.Duration(float64(w)/(Margin*float64(u.limit))))
	}
	if u.phase == rated {
		d = max(d, time.Duration(u.interval))
	}
	return d
}

// catchUp is how many turns the spacing lets through at once while a learned window guards
// the quota: a user whose replies were slow for a while catches up, within the window's
// limit. Without a learned window the spacing alone guards the quota, one turn at a time.
const catchUp = 2

// burst returns how many turns the spacing lets through at once. The caller holds u.mu.
func (u *userState) burst() int {
	if u.active >= 0 {
		return catchUp - int(u.lessCatchUp)
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
	if u.phase == holding {
		t = max(t, u.holdEnd(cfg, u.held))
	}
	return t
}

// grant takes a turn at now and returns its number. The caller holds u.mu.
func (u *userState) grant(cfg *settings, now int64) uint64 {
	u.log.prune(now - 2*int64(cfg.windows[len(cfg.windows)-1]))
	early := false
	if d := u.spacing(cfg); d > 0 {
		early = u.tat > now // taken from the catch-up burst, before the spacing's schedule
		u.tat = max(u.tat, now) + int64(d)
	}
	u.lastTurn = now
	return u.log.add(now, early)
}

// idle reports whether nothing in u can affect a decision from now on: no turn in the
// longest window, no hint or spacing still to wait out. The caller holds u.mu.
func (u *userState) idle(cfg *settings, now int64) bool {
	return now-u.lastTurn > int64(cfg.windows[len(cfg.windows)-1])+int64(slack(cfg.windows[len(cfg.windows)-1])) &&
		u.notBefore <= now && u.tat <= now
}

// refused learns from the throttle of turn s, granted under window cand (-1 for none). The
// caller holds u.mu.
func (u *userState) refused(cfg *settings, s uint64, cand int8, now int64, hint time.Duration) {
	e := u.log.get(s)
	if e == nil || e.state != turnPending {
		return // granted too long ago to tell anything, or reported already
	}
	e.state = turnRefused
	// A lone throttle may be one that the caller's backoff clears: a full quota window
	// refuses again soon, after the backoff or at the next burst; a passing refusal does not.
	lone := !u.wasThrottled || now-u.throttled > int64(cfg.windows[len(cfg.windows)-1])
	since := u.throttled
	u.throttled, u.wasThrottled = now, true
	switch u.phase {
	case unknown:
		if prev, ok := u.log.oneAtATime(s); ok {
			u.rate(prev, e.at, hint, now)
			return
		}
		u.learn(cfg, s, now, hint)
	case rated:
		u.rateRefused(e.at, now)
	case probing:
		if cand == u.active {
			u.ruledOut[cand] = true
			u.next(cfg, cand, hint > 0, now)
		}
	case holding:
		if e.at >= u.changedAt {
			// Held for the latest edge a fixed window of this length could have, and still
			// refused: the quota is not that window.
			u.fixedOut[u.held] = true
			u.ruleOutRoomy(cfg, e.at)
			u.next(cfg, u.held, true, now)
		}
	case settled:
		u.settledRefused(cfg, s, e, lone, since, now, hint)
	}
}

// savedUp reports whether a doubling raise to prev (no throttle had shown a limit too high),
// refused at the throttle of a turn granted at at, may have passed only on what a token bucket
// had saved up, and returns the rate the quota admitted since the throttle reported at since
// (see rateSince) if so: under a window of ten seconds or more, within its first four lengths
// after settling, in an episode that began at a throttle the window followed before could not
// explain, when the quota admitted a tenth less than the highest limit known to pass. A bucket
// whose burst outlasts the window passes such a raise until the burst is spent, so that the
// window then holds more than the bucket's rate, and the retry at that count is refused too.
// The rate admitted is at most the bucket's (a bucket that filled while the user sent slower
// wasted tokens), the count in the window at least (the user sent faster than the bucket's
// rate): the caller takes the limit halfway between, no higher than the highest known to pass.
// The caller holds u.mu.
func (u *userState) savedUp(cfg *settings, prev int, since, at, now int64) (int, bool) {
	w := cfg.windows[u.active]
	if w < minRaiseGap || !u.unexplained || prev <= u.top || u.bad != 0 || now-u.settledAt >= 4*int64(w) {
		return 0, false
	}
	est, ok := u.rateSince(cfg, since, at, since)
	return est, ok && est < u.top*9/10
}

// boundByRate lowers the limit, within the first four windows after settling, to what the
// quota admitted between a throttle reported at since and the throttle of a turn granted at at
// (see rateSince), if that is a tenth lower: the limit may rest on a burst that the quota had
// saved up, such as a token bucket's. It reports whether it lowered the limit. The caller
// holds u.mu.
func (u *userState) boundByRate(cfg *settings, since, at, changed, now int64) bool {
	if now-u.settledAt >= 4*int64(cfg.windows[u.active]) {
		return false
	}
	est, ok := u.rateSince(cfg, since, at, changed)
	if !ok || est >= u.limit*9/10 {
		return false
	}
	u.limit, u.top = est, min(u.top, est)
	return true
}

// rateSince returns, as a limit for the followed window, what the quota admitted between a
// throttle reported at since and the throttle of a turn granted at at: the quota was spent at
// both, so what it admitted between them is its rate, give or take a window's limit (a
// bucket's token). It holds only if the user kept sending, at least half as fast as the
// spacing allows, and the two throttles fell within one window or the limit, last changed at
// changed, stayed the same between them. The caller holds u.mu.
func (u *userState) rateSince(cfg *settings, since, at, changed int64) (int, bool) {
	w, span := int64(cfg.windows[u.active]), at-since
	turns, admitted := u.log.between(since, at)
	if span <= 0 || (span >= w && (changed > since || span >= 10*w)) || admitted < minLimit ||
		float64(turns) < 0.5*float64(span)/float64(u.spacing(cfg)) {
		return 0, false
	}
	return max(1, int(float64(admitted)*float64(w)/float64(span))), true
}

// settledRefused learns from the throttle of turn s, entry e, while settled: lone says no
// other throttle came within the longest window, since when the one before was reported. The
// caller holds u.mu.
func (u *userState) settledRefused(cfg *settings, s uint64, e *entry, lone bool, since, now int64, hint time.Duration) {
	held := u.log.countBefore(s, cfg.windows[u.active])
	if e.early && u.burst() > 1 && held >= u.limit-u.burst() {
		// The catch-up turn, near the limit, met the quota rather than the rate: no
		// catch-up from now, and a raise to try again.
		u.lessCatchUp = catchUp - 1
		if prev := u.limit; u.refusedAtCap(cfg, s, held, prev) {
			u.bad, u.changedAt = prev, now
			return
		}
		if u.limit > u.top {
			u.limit, u.changedAt = u.top, now
		}
		if !lone && u.boundByRate(cfg, since, e.at, u.changedAt, now) {
			u.changedAt = now
		}
		return
	}
	if w := cfg.windows[u.active]; now-u.settledAt < int64(w) && 3*held < 2*u.first {
		// The window's edge admitted the probe, but within its first length the quota
		// refused far below the limit it had admitted: not the quota's window (a token
		// bucket's burst filled it). Learn anew.
		u.learn(cfg, s, now, hint)
		u.unexplained = true
		return
	}
	if !u.shared && u.log.afterRefused(s) && u.changedAt == since {
		u.closedStill(cfg, now)
		return
	}
	if held < minLimit && !lone {
		// Throttled again with too few of the user's requests in the window followed
		// for it to be what refused them: learn the window anew.
		u.learn(cfg, s, now, hint)
		u.unexplained = true
		return
	}
	if held < minLimit || (lone && 2*held < u.limit) {
		// A lone throttle, with too few requests in the window, or far below the
		// limit the window has been passing.
		return
	}
	if u.bunched(cfg, s, held, now) {
		// The user's turns came in bursts that a longer window may have refused:
		// learn the window anew.
		u.learn(cfg, s, now, hint)
		return
	}
	prev, changedAt := u.limit, u.changedAt
	switch {
	case prev > u.top:
		// A raise refused: back to what the window held, and wait longer before the
		// next raise.
		u.gap = min(maxGap, 2*max(u.gap, recoverAfter))
	case prev < u.top:
		// Recovering after a throttle, and throttled again: expect less than before.
		u.top = max(held, (u.top+held)/2)
	}
	// At the known limit: another client takes part of the quota, or it was lowered.
	u.limit = min(prev, held)
	if est, ok := u.savedUp(cfg, prev, since, e.at, now); ok {
		// Between the two bounds on a token bucket's rate (see savedUp).
		u.limit = min(u.limit, u.top, (est+u.limit)/2)
	}
	atCap := u.refusedAtCap(cfg, s, held, prev)
	u.bad = prev
	if !lone && !atCap {
		u.boundByRate(cfg, since, e.at, changedAt, now)
	}
	if prev <= u.top {
		// A limit refused is not known to pass: recovery stops below it.
		u.top = max(1, min(u.top, prev-1))
	}
	u.changedAt = now
}

// bunched reports whether, at the throttle of turn s with held turns in the window followed,
// a longer window that the user's turns have covered since pacing settled holds less than
// half of what turns spread evenly at that rate would put in it: the turns came in bursts,
// such as those after a server's hint, and the longer window, not the rate inside the
// shorter one, may be the quota's. The caller holds u.mu.
func (u *userState) bunched(cfg *settings, s uint64, held int, now int64) bool {
	w := cfg.windows[u.active]
	for _, long := range cfg.windows[u.active+1:] {
		if now-u.settledAt < int64(long) {
			return false
		}
		if n := u.log.countBefore(s, long); float64(n) < float64(held)*float64(long)/float64(w)/2 {
			return true
		}
	}
	return false
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
func (u *userState) learn(cfg *settings, s uint64, now int64, hint time.Duration) {
	u.unexplained = false // the caller sets it for an episode the window followed cannot explain
	// After a fixed window's edge admitted the user, only the turns since count (fixed.go).
	at := u.log.get(s).at
	since, shorter, fixedFrom := u.sinceEdge(cfg, s, at)
	for i, w := range cfg.windows {
		span := w
		if since > at-int64(w) {
			span = time.Duration(at-since) + 1 // the turns granted at or after since
		}
		n := u.log.countBefore(s, span)
		u.limits[i] = max(1, n)
		edge := time.Duration(0)
		if hint%time.Second != 0 && 2*hint >= w {
			// After an exact hint (RetryInfo; Retry-After is rounded up to whole seconds)
			// that waited out most of a window, the turns resume right at its edge, where
			// the network's jitter decides which side of it an admitted turn fell: those
			// within the slack of the edge tell nothing.
			edge = slack(w)
		}
		u.ruledOut[i] = n < minLimit || u.log.admittedPeak(w-edge, since) >= n || int8(i) < shorter
	}
	if hint > 0 {
		u.matchHint(cfg, s, now, hint)
	}
	u.readFixed(cfg, s, hint, fixedFrom)
	u.phase, u.bad, u.gap = probing, 0, 0
	u.exact, u.held = since != math.MinInt64, shorter
	u.next(cfg, -1, true, now)
}

// matchHint rules out, at the throttle of turn s whose hint said the quota has room again
// after hint, the windows that would have room at another time: a window of length w that
// held n turns before turn s has room once the oldest of them leaves it, w after it was
// granted. Retry-After is in whole seconds, so a window matches within a second (and its
// slack) either way. If no window matches, the hint rules out nothing: the quota is of
// another shape, such as a token bucket. The caller holds u.mu.
func (u *userState) matchHint(cfg *settings, s uint64, now int64, hint time.Duration) {
	var miss [maxWindows]bool
	any := false
	for i, w := range cfg.windows {
		if u.ruledOut[i] {
			continue
		}
		oldest, ok := u.log.oldestBefore(s, w)
		if !ok {
			continue
		}
		room := time.Duration(oldest + int64(w) - now)
		tolerance := time.Second + slack(w)
		if w < hint-tolerance {
			// Any window, sliding or fixed, has room within its length: the quota that
			// refused is longer.
			u.ruledOut[i] = true
			continue
		}
		if room < hint-tolerance || room > hint+tolerance {
			miss[i] = true
		} else {
			any = true
		}
	}
	if !any {
		return
	}
	for i := range cfg.windows {
		u.ruledOut[i] = u.ruledOut[i] || miss[i]
	}
}

// next moves learning to the reading of the quota after window after's (its sliding reading,
// or its fixed one if fixed): the sliding reading of each window not ruled out, probed, in
// order; the fixed reading of a window (see fixed.go) right after its sliding reading was
// refused, or, once no sliding reading is left, of each window in order; back to unknown if
// there is none. The caller holds u.mu.
func (u *userState) next(cfg *settings, after int8, fixed bool, now int64) {
	from := 2*int(after) + 1
	if fixed {
		from++
	}
	for _, anyFixed := range []bool{false, true} {
		for pos := from; pos < 2*len(cfg.windows); pos++ {
			i := int8(pos / 2)
			switch {
			case pos%2 == 0 && u.limits[i] > 0 && !u.ruledOut[i]:
				u.phase, u.active, u.limit, u.changedAt = probing, i, u.limits[i], now
				return
			case pos%2 == 1 && (anyFixed || (i == after && !fixed)) && !u.fixedOut[i] && u.edgeFrom+int64(cfg.windows[i]) > now:
				u.phase, u.active, u.held, u.changedAt = holding, -1, i, now
				return
			}
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
		u.phase, u.top, u.first, u.changedAt, u.settledAt = settled, u.limit, u.limit, now, now
		if u.exact && u.active == u.held {
			// The limit is what a fixed window held from its edge until it filled: not a
			// lower bound, so raises above it start halfway, not by doubling.
			u.bad = u.limit + 1
		}
		u.exact = false
		if w := cfg.windows[u.active]; w == time.Minute && cfg.perMinute > 0 && !u.shared {
			// A configured quota is per minute: a throttle that showed less (another
			// client, or an earlier run, using part of the window) passes.
			u.top = max(u.top, int(cfg.perMinute))
		}
	case u.phase == settled && e != nil:
		u.raise(cfg, s, now)
	case u.phase == rated && e != nil:
		u.rateAdmitted(s)
	case u.phase == holding && e != nil && e.at >= u.changedAt:
		// A fixed window's edge came: the user runs unpaced until the window fills, which
		// tells its limit (see fixed.go).
		u.phase, u.reopened, u.wasReopened = unknown, e.at, true
	}
}

// raise moves the limit up once the user has sent as fast as it allows for long enough without
// a throttle: back towards the highest limit known to pass after a throttle lowered it, and
// above it, doubling while no throttle has shown a limit too high (the learned one may be an
// under-estimate: a quota partly used by another client, or a token bucket whose first
// refusals came at the retries' backoff), else halfway to the lowest that one did. The caller
// holds u.mu.
func (u *userState) raise(cfg *settings, s uint64, now int64) {
	w := cfg.windows[u.active]
	held := u.log.countBefore(s, w)
	if float64(held) < Margin*float64(u.limit)-2 {
		return // the user sends slower than the limit: nothing tells that it is too low
	}
	wait := recoverAfter * int64(w)
	switch {
	case u.limit < u.top && (u.bad == 0 || 4*u.bad > 5*u.limit || w < minRaiseGap):
	case u.limit < u.top:
		// Growing back, under a window of minRaiseGap or more, to within a quarter of a
		// limit refused: each step may cost a 429 (a token bucket passes its burst in one
		// window and refuses it in the next), so steps are at least probeRequests turns
		// apart; but no further apart for raises refused before, as the steps stay under
		// the highest limit known to pass.
		wait = int64(max(recoverAfter, (probeRequests+u.limit-1)/u.limit)) * int64(w)
	case u.bad == 0 && (u.limit > u.first || u.limit < 2*minLimit):
		// A raise passed, or the limit rests on a handful of turns: double after a window.
		wait = int64(w)
	case u.bad == 0 && w <= minRaiseGap:
		// A short window: after minRaiseGap, several of its lengths.
		wait = int64(minRaiseGap)
	case u.bad == 0:
		wait = max(int64(w), int64(minRaiseGap))
	case 4*u.bad > 5*u.limit:
		// The limit is far below the lowest refused: bisect after a few windows, as while
		// learning, at most one 429 each; few such raises narrow the range to a quarter.
		wait = max(wait, int64(minRaiseGap))
	default:
		wait = int64(max(u.gap, recoverAfter, (probeRequests+u.limit-1)/u.limit)) * int64(w)
	}
	if now-u.changedAt < wait {
		return
	}
	switch {
	case u.limit < u.top:
		u.limit = min(u.top, u.limit+max(1, u.limit/4))
	default:
		u.top = u.limit // it passed
		if u.bad <= u.limit {
			u.bad = 0 // the quota rose since that throttle
		}
		if u.bad == 0 {
			u.limit = min(maxLog, 2*u.limit)
		} else {
			u.limit += max(1, (u.bad-u.limit)/2)
		}
	}
	u.changedAt = now
}
