// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import "time"

// Pacing a quota of one request at a time by an interval (the package doc's "A quota of one
// request at a time").
const (
	// firstInterval is the interval a rated user starts from without an exact hint: the
	// retries' backoff, which such a quota admitted.
	firstInterval = int64(time.Second)
	// shrink is the factor the interval shrinks by until a throttle, and grow the factor it
	// grows by at a throttle of an interval that had passed (grow twice if it had passed
	// fewer than 10 turns).
	shrink, grow = 0.9, 1.05
	// rampStep is how long turns must pass at an interval before it shrinks, until a
	// throttle: where the network's jitter decides, an interval that passes a few turns may
	// still meet the quota now and then, one that passes for a while rarely does.
	rampStep = int64(600 * time.Millisecond)
	// firstProbeWait is how many turns pass at an interval before a shorter one is tried, once
	// a throttle has shown one too short, doubled after each try that a throttle refused up to
	// maxProbeWait: each try may cost a 429.
	firstProbeWait, maxProbeWait = 10, 200
	// tripShare is the share of a refused request's round trip that a throttle soon after
	// another adds to the interval at least (no more than the interval itself): a request
	// may reach the server sooner after the one before than their turns were apart, by up to
	// its way there, which slow replies make far more than two steps of grow. A third
	// measured best at 90 a minute with replies of 0.2–0.6 s: half settled lower, a quarter
	// left a 429 more while learning.
	tripShare = 3
	// forgetWaits is how many times probeWait (maxProbeWait at least) must pass at an interval
	// before the longest interval shown too short is forgotten by a twentieth; probeWait
	// doubles past maxProbeWait up to maxForgetWait, so that where the jitter meets the quota
	// a twentieth below, forgetting costs a 429 after 800 turns, then after 1,600, up to 6,400.
	forgetWaits, maxForgetWait = 4, 1600
)

// rate starts pacing by an interval at the throttle, reported at now, of a turn granted at at
// that followed an admitted turn granted at prev, itself after a refused turn or none: a quota
// of one request at a time, such as a token bucket without burst, which windows model badly.
//
// An exact hint (RetryInfo) says when the next request is due, counted from prev; the interval
// starts a tenth above that. The due time also holds the admitted request's way to the server,
// which the network's jitter varies: taking half the round trip from prev to at off it leaves
// the quota's own interval, which is too short whenever a request arrives sooner than the one
// before (half the time). Probes may go down to a tenth below the due time, but not below that
// interval, nor stop more than 1/0.9² (about a quarter) above it, where the jitter rather than the quota
// decides. The caller holds u.mu.
func (u *userState) rate(prev, at int64, hint time.Duration, now int64) {
	u.phase, u.active = rated, -1
	u.interval, u.tooShort, u.beforeProbe, u.passed, u.probeWait = firstInterval, 0, 0, 0, firstProbeWait
	if hint > 0 && hint%time.Second != 0 {
		due := float64(now + int64(hint) - prev)
		quota := due - float64(at-prev)/2 // in (due/2, due]: at is at most now
		u.interval = int64(due / shrink)
		u.tooShort = int64(max(quota, min(quota/shrink/shrink, due*shrink)))
	}
	u.changedAt = now
}

// rateAdmitted learns from admitted turn s while rated, if it was sent as soon as the interval
// allowed: the interval shrinks until a throttle shows one too short; then, after probeWait
// turns (maxProbeWait at most), a probe halfway to the longest shown too short, kept if it
// passes half as many; and after forgetWaits times probeWait turns (maxProbeWait at least),
// the longest shown too short is forgotten by a twentieth, as the quota may have grown. The
// caller holds u.mu.
func (u *userState) rateAdmitted(s uint64) {
	if gap, ok := u.log.gapBefore(s); !ok || float64(gap) > 1.05*float64(u.interval) {
		return // sent slower than the interval: it passing says nothing of the interval
	}
	u.passed++
	switch {
	case u.tooShort == 0 && int64(u.passed)*u.interval >= rampStep:
		u.interval = int64(float64(u.interval) * shrink)
		u.passed = 0
	case u.tooShort == 0:
	case u.beforeProbe != 0 && u.passed >= max(3, min(u.probeWait, maxProbeWait)/2):
		u.beforeProbe = 0 // the probe passed
	case u.passed >= min(u.probeWait, maxProbeWait) && float64(u.interval) > 1.04*float64(u.tooShort):
		u.beforeProbe, u.interval, u.passed = u.interval, (u.interval+u.tooShort)/2, 0
	case u.passed >= forgetWaits*max(u.probeWait, maxProbeWait):
		u.tooShort = int64(float64(u.tooShort) * 0.95) // the quota may have grown
		u.passed = maxProbeWait
	}
}

// rateRefused learns from a throttle, reported at now, of a turn granted at at while rated:
// the longest interval shown too short grows to the interval; the first throttle sends the
// interval back to the last that passed, a probe's back to the interval before it (and
// doubles the turns before the next probe, and before the next forgetting), another grows
// it, soon after the last change by tripShare of the turn's round trip at least. The
// caller holds u.mu.
func (u *userState) rateRefused(at, now int64) {
	first := u.tooShort == 0
	u.tooShort = max(u.tooShort, u.interval)
	switch {
	case first:
		// The interval shrank past the quota's: back above the last that passed.
		u.interval = int64(float64(u.interval) / shrink)
	case u.beforeProbe != 0:
		u.probeWait = min(maxForgetWait, 2*u.probeWait)
		u.interval = u.beforeProbe
	case u.passed < 10:
		// Throttled again soon: the network's jitter meets the quota at this interval.
		u.interval = max(int64(float64(u.interval)*grow*grow), u.interval+min((now-at)/tripShare, u.interval))
	default:
		u.interval = int64(float64(u.interval) * grow)
	}
	u.beforeProbe, u.passed, u.changedAt = 0, 0, now
}
