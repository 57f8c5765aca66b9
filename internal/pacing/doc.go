// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package pacing spaces out each user's write requests on the client, so that a bulk import
// runs as close to the server's per-user write quota as it can without being throttled.
//
// # Model
//
// The People API limits each user to a number of write requests (90 per minute by default; the
// shape of the limit, window or token bucket, is not documented), and answers 429
// RESOURCE_EXHAUSTED, with no hint of when to come back, to a request over it. Requests it
// refuses do not count against the quota. Google's quotas also have limits per Cloud project,
// over all users; the 429's ErrorInfo names the limit that refused (a [Throttle]'s Scope). A
// [Pacer] keeps one small state per user key, so that users never affect each other, and one
// for the project, which paces every user's turns once a project's limit has been learned:
//
//   - a log of the user's recent turns, each marked admitted, refused or not reported (a
//     request whose fate is unknown may have counted, so it does);
//   - the spacing between turns: Margin × Config.PerMinute when the quota is configured, or
//     Margin × the learned limit per window (or the learned interval), whichever is slower;
//   - once learned, the quota's window and limit: a turn waits until fewer than limit
//     counted turns lie in the window (widened by 2% for the network's jitter);
//   - a "not before" time set by a throttle's hint (Retry-After or RetryInfo): no turn starts
//     before it. A hint says when the quota has room, not how fast to go: a hinted throttle
//     also teaches the quota, as an unhinted one does.
//
// Callers take one [Turn] per attempt, retries included, with [Pacer.Wait] before sending,
// and report [Turn.Succeeded] or [Turn.Throttled] after the reply. A throttle of the
// project's limit (ScopeProject) teaches the project's state, from all users' turns; the
// user's own state does not count that request.
//
// # Learning the quota
//
// A quota window of length w and limit q refuses a request when the window already holds q;
// so at a throttle, under each window length considered (Config.Windows: a second, ten
// seconds, a minute, a hundred seconds by default), the limit is at most the number of the
// user's counted turns in the window before the refused one, and more than the number before
// any turn it admitted. The first throttle starts an episode (a quota refuses first right
// after the user's first burst; waiting for a second throttle would cost a 429 on every
// quota), unless it shows a quota of one request at a time (below):
//
//   - it rules out every window under which an admitted turn saw at least as many turns as
//     the refused one (a steady burst rules out every window shorter than itself), every
//     window that held fewer than three of the user's turns (another client's requests, not
//     this user's, filled it), and, when the throttle carries a hint, every window shorter
//     than the hint (any window has room within its length) or whose room would come at
//     another time;
//   - then it probes the windows left, shortest first: the next attempt waits until that
//     window has room under its limit, that is until the oldest turns have left it. If the
//     window's edge admits the attempt, pacing settles on that window and limit; if it is
//     refused, the window is ruled out and the next one is probed. Without a hint, a
//     window whose probe was refused, and once no window is left every window, is then
//     read as a fixed one (below). With none left, the user is unpaced again until its
//     next throttles.
//
// Settled, the user's turns are spaced for Margin × limit per window, with one more at once
// to catch up after a slow reply, and never more than limit in the window. A throttle while
// settled (another client of the same user, a quota lowered) lowers the limit to what the
// window held, unless it is lone (no other throttle within the longest window) and far below
// the limit; under a window shorter than ten seconds, a throttle of a turn sent as fast as the
// limit allowed, after sending in the window before too, steps it back instead, to where it was before the step refused, as a short
// fixed window's count is no guide (see "Fixed windows"). Under a window of ten seconds or
// more, in an episode that began at a throttle the window before could not explain (below), a
// doubling raise refused within the first four windows after settling, when the quota admitted
// a tenth less than the highest limit known to pass since the throttle before, is not taken
// back to what the window held: a token bucket's saved-up burst carried the raise until it was
// spent, and its retry at that count would be refused too. The rate the quota admitted is at
// most the bucket's (a bucket that filled wasted tokens), the count at least: the limit goes
// halfway between them, no higher than the highest known to pass. Within the first four windows after settling, a throttle soon after another
// lowers it further, to what the quota admitted between the two if the user kept sending:
// the limit may rest on a burst that a token bucket had saved up, and a bucket spent at both
// throttles admitted its rate between them, give or take a token. After three windows in
// which the user sent as fast as the limit allows, the limit grows back by a quarter, no
// higher than the highest limit known to pass, which stays below any limit a throttle
// refused (and, for a one-minute window, no lower than a configured PerMinute); under a
// window of ten seconds or more, steps that bring it within a quarter of a refused limit are
// at least 200 turns apart (a token bucket passes its burst in one window, not in the next),
// but not spaced further by the raises refused before, as they stay under the limit known
// to pass. A new episode starts at throttles that the window followed cannot explain: within
// its first length after settling, far below the limit it had admitted (a bucket's burst,
// not a window, filled it); with fewer than three of the user's turns in it; or meeting turns
// bunched into bursts (a longer window holding less than half of what turns spread evenly
// would put in it). A throttle of a catch-up turn near the limit ends catch-up instead: a
// token bucket with a small burst refuses two turns close together whatever the rate (under
// a window shorter than ten seconds, it steps the limit back too, as above).
//
// The limit learned may be too low: a quota another client or an earlier run had partly
// used, a token bucket whose first refusals came at the retries' backoff, a window that is
// none of those considered. So the limit is raised, above the highest known to pass, once
// the user has sent as fast as it allows for a window (ten seconds at least) without a
// throttle: doubled, and doubled again after each window that passes, until a
// throttle shows a limit too high; from then on raised halfway to the lowest limit shown
// too high: after three windows (ten seconds at least) while the limit is under four fifths
// of it, then at most once per 200 turns and with gaps that double after each refused raise
// (up to 64 windows). Each raise costs at most one 429; a limit under-estimated by any
// factor is back within a few windows.
//
// An unpaced user that bursts into a per-minute quota of 90 thus meets one 429, waits for
// the minute's edge, and then runs at 0.98 × the quota, with a 429 for each raise above it
// (about one per 270 requests). A quota whose
// window is not among those considered is paced under a longer one: slower than it allows,
// never into repeated 429s. So is a quota that another client, or an earlier run, had
// partly used when the episode began: the limit learned is what this user could send, and
// it never grows above it unless PerMinute says the quota is higher.
//
// # Fixed windows
//
// A fixed window admits its limit in each window [k·w, (k+1)·w) and refuses the rest until its
// next edge. A burst fills the end of one window and the start of the next, so a sliding
// interval of its length may hold twice its limit: the first throttle rules such a window out,
// or the limit learned is what the two windows held. Read as fixed, the window that refused
// began after the last refused turn and held at least as many of the turns since as the window
// before it, so no later than the middle one of those turns; its next edge comes at the latest
// a window's length after that turn. Without a hint, a window of ten seconds or more (shorter
// ones are met as well by a token bucket that refills) whose sliding reading was refused, or
// any such window once none is left, is tried so: the user is held until that edge (with the
// slack); refused there, the window is ruled out and the next reading tried. Admitted, the
// user runs unpaced from the edge until the window fills, and at that throttle only the turns
// since the edge count, under that window or a longer one: if it came within the window's
// length and after as many turns as the window before held, they are exactly the limit, which
// is probed at the next edge and settled on; raises above it then start halfway to one more,
// not by doubling. Otherwise the window was not the quota, and the throttle is learned from as
// any other. The project's state, whose throttles come in bunches of turns that many users had
// in flight, keeps the sliding reading.
//
// A fixed window refuses every retry until its edge. Settled, a retry refused after a
// throttle had lowered the limit (the window still closed, where a sliding one would have room
// under the lowered limit) lowers it to the highest known to pass and holds the user until the
// window has room under that: the edge of a fixed window that held that many, where lowering
// it by the few turns that left the window would meet the closed quota at each retry.
//
// Without a hint, a fixed window of 100 s and 150 requests is thus learned with 3 or 4 429s
// and paced at 0.96–0.99 × its rate once adapted, and a fixed minute of 90 with 3 and 0.99 ×.
// The price is a 429 more while learning a sliding window whose minute's probe was refused
// (150 per 100 s: 4 where it was 3), as the fixed minute is tried before the 100 s window.
//
// A fixed window shorter than ten seconds is read as a sliding one, and the limit learned from
// the burst that filled the end of one window and the start of the next is too high. Settled,
// each throttle of a turn sent at that limit finds the sliding count one below it or so (the
// turns the window before admitted, as many as pacing let through) and lowering the limit to
// it steps down by one 429 at a time. So there, a throttle of a turn sent as fast as the
// limit allowed (a raise refused with the window one below it; a step of recovery or a
// catch-up turn refused with the window holding Margin × it), when the user sent in the
// window before too (an edge can hide in the count only then), steps the limit back to where
// it was before the step: to the highest known to pass after a raise, a fifth down
// otherwise; the next raise waits twice as long, and the rate between the two throttles,
// which the retry's backoff leaves idle, does not lower it further. A fixed window of 20 a
// second is thus learned with 4 429s (7 to 10 before) and paced at 0.93–0.96 × its rate on
// the least run (paced under ten seconds there), 0.96–0.97 × on the mean.
//
// # A quota of one request at a time
//
// A token bucket without burst admits one request and refuses the next until its token is
// back; no window models it well (the few requests the retries' backoff spaces out look like
// a window of ten seconds holding three). A first throttle of a turn that followed an
// admitted turn, itself after a refused turn or none, shows such a quota: the user is then
// paced by an interval alone, with no window. The interval starts at a second and shrinks by a
// tenth after each 600 ms of turns that pass at it, until a throttle: it then grows back to
// the last that passed. A throttle soon after grows it by a tenth, or by a third of the
// refused request's round trip if more, up to twice (where the network's jitter, not the
// quota, decides, a request spaced just above the bucket's interval arrives inside it now
// and then, sooner after the one before by up to its way to the server, which slow replies
// make far more than a tenth), a later one by a twentieth; after 10 turns pass, doubling after
// each probe refused up to 200, a probe halfway to the longest interval shown too short,
// while they are 4% apart. After 800 turns, doubling after each probe refused up to 6,400,
// the longest shown too short is forgotten by a twentieth, as the quota may have grown: each
// forgetting may cost a 429 where the jitter meets the quota, and each such 429 doubles the
// turns before the next.
//
// After an exact hint (RetryInfo), the interval starts a tenth above the time from the
// admitted turn to when the hint says the next is due, and the longest shown too short a
// tenth below it. That time also holds the admitted request's way to the server: taking off
// half the round trip from the admitted turn to the refused one leaves the bucket's own
// interval, which the longest shown too short stays between and 1/0.9² of (a due time that
// the jitter made long must not keep the probes far above the bucket's interval).
//
// A bucket of 2 a second, with replies of 20–40 ms, is paced at 0.96–0.97 × its rate with no
// 429 once adapted; one of 20 a second at 0.81–0.82 ×, where even spacing told the rate
// reaches 0.85 ×; one of 90 a minute, with replies of 0.2–0.6 s, at 0.76–0.78 ×, where even
// spacing reaches 0.80 ×, with at most 4 429s while learning (5 when a throttle soon after
// grew the interval by a tenth only, each step through the jitter costing a 429).
//
// # Memory
//
// A user's state is created by its first Wait. It holds the turns of the last two longest
// windows, at most 4,096 of 16 bytes, and is dropped once nothing in it can affect a decision:
// no turn within the longest window, no hint or spacing still to wait out. The Pacer drops
// such users at least every half longest window and whenever its users have doubled, and
// makes its map anew once most have gone, so that the memory of idle users is given back.
// What was learned of a user goes with its state: a user back after the longest window
// learns its quota anew.
//
// # Sharing a user between processes
//
// [State] is a user's state as plain values; [Pacer.Export] and [Pacer.Import] move it out
// of and into a Pacer, so that a store shared by several processes can hold it: read before
// the user's turn is taken, written back once the turn's reply is reported, by the holder of
// the user's turn only.
package pacing
