// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package pacing spaces out each user's write requests on the client, so
// that a bulk import stays under the server's per-user write quota instead of
// finding it through 429 RESOURCE_EXHAUSTED replies.
//
// # Model
//
// A [Pacer] keeps one small state per user key; users never affect each
// other, because the People API throttles per user (aws-sdk-go-v2 warns that
// one adaptive limiter shared across tenants lets one tenant's throttling slow
// the others). Each state holds:
//
//   - a token bucket ([golang.org/x/time/rate.Limiter], burst 1) refilled at
//     the user's current rate, so consecutive requests are at least
//     1/rate apart and no burst builds up while the user is idle;
//   - a "not before" time set by the last throttle: no request for that user
//     starts before it, whatever the bucket holds.
//
// Callers take one turn per attempt, retries included: [Pacer.Wait] before
// sending, then [Pacer.Succeeded] or [Pacer.Throttled] after the reply.
//
// # Adapting
//
// The rate adapts like aws-sdk-go-v2's adaptive retry mode, with CUBIC's
// memory of the rate that was refused, and with growth counted in successes
// rather than seconds, so that it behaves the same whether the quota's
// window is a minute (the People API) or a second (the emulator in tests).
//
//   - On a throttle the user's rate is taken as the rate refused: its paced
//     rate, or the measured rate of its recent replies if that is lower.
//     Pacing continues at Config.Decrease (0.7, the CUBIC beta AWS uses) ×
//     that rate, never below Config.Floor, and the user's not-before time
//     moves to now + the hint (the server's Retry-After or RetryInfo delay,
//     or the caller's backoff); it never moves earlier. A rate refused below
//     the one refused last time means the quota is lower than that suggested:
//     the refused rate is then taken as (1 + Decrease) / 2 of it, CUBIC's
//     fast convergence. Throttles with no success between them are the
//     retries of one request meeting one full window: only the first changes
//     the rate.
//   - On each success the rate moves along a curve counted from the last
//     throttle, with n = Config.RecoverAfter (10): over n successes it climbs
//     back along a concave cubic to 0.9 × the refused rate, quickly at first,
//     then slowly; it holds there for 8n successes; then it probes higher
//     along a convex cubic, slowly at first, passing the refused rate about
//     4n successes later, never above the ceiling. A quota window learns of
//     an excess only once it has filled, so the hold and the probe are long:
//     with the defaults a user settles 10% below the rate that was refused
//     and meets the quota again about once every 130 requests, not every 20.
//
// A window quota lets a burst through and then nothing until the burst has
// left the window, so the rate at which a fast user is first refused says
// little about the quota. The Pacer therefore also follows each user's busy
// period, its replies with no idle spell between them (a minute, or 16 times
// the median interval between replies, whichever is shorter; the wait after
// a throttle is backoff, not idleness). At the first success after the busy
// period's first throttle, if the wait for it took more than a tenth of the
// period, the window has let the period's successes through in the period's
// length: that rate, if lower, becomes the refused rate, and recovery starts
// at 0.9 × it. The estimate errs low when the caller's backoff is long next
// to the quota's window; probing then finds the rest.
//
// With Config.PerMinute > 0 every user starts paced at PerMinute, which is
// also the ceiling. With PerMinute 0 pacing starts disabled, like AWS's
// adaptive mode: a user's requests are not delayed until that user's first
// throttle. Until then the Pacer only measures the intervals between the
// user's replies: the median of the last seven. The first throttle switches
// pacing on at Decrease × the measured rate (or, with no interval measured
// yet, at Decrease × [AssumedPerMinute]), and the ceiling becomes twice that
// measured or assumed rate. Once paced, a user stays paced.
//
// A rate change applies to turns not yet taken. A caller already waiting
// keeps its place in the bucket, but also waits for a not-before time set
// while it slept.
//
// # Memory
//
// A user's state is created by its first Wait (when paced), Succeeded or
// Throttled, and kept for the Pacer's lifetime; [Pacer.Rate] and
// [Pacer.Delay] never create one. Each state is at most 256 bytes plus the key,
// so a Pacer serving a client's users needs no eviction; create a new Pacer
// to forget them.
package pacing
