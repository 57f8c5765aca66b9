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
// The rate adapts like aws-sdk-go-v2's adaptive retry mode, with a simpler
// additive recovery instead of CUBIC:
//
//   - On a throttle the rate is multiplied by Config.Decrease (0.7, the CUBIC
//     beta AWS uses), never below Config.Floor, and the user's not-before
//     time moves to now + the hint (the server's Retry-After or RetryInfo
//     delay, or the caller's backoff). It never moves earlier.
//   - After Config.RecoverAfter consecutive successes with no throttle, the
//     rate grows by a tenth of its ceiling, never above the ceiling. From the
//     floor back to the ceiling therefore takes at most ten steps.
//
// With Config.PerMinute > 0 every user starts paced at PerMinute, which is
// also the ceiling. With PerMinute 0 pacing starts disabled, like AWS's
// adaptive mode: a user's requests are not delayed until that user's first
// throttle. Until then the Pacer only counts the user's successes over about
// the last minute. The first throttle switches pacing on at Decrease × the
// measured rate (or, with fewer than two successes in the last minute, at
// Decrease × [AssumedPerMinute]), and the ceiling becomes twice that measured
// or assumed rate: the server refused that rate once, so growth stops at a
// bound near it rather than lifting pacing altogether. Once paced, a user
// stays paced.
//
// A rate change applies to turns not yet taken. A caller already waiting
// keeps its place in the bucket, but also waits for a not-before time set
// while it slept.
//
// # Memory
//
// A user's state is created by its first Wait (when paced), Succeeded or
// Throttled, and kept for the Pacer's lifetime; [Pacer.Rate] and
// [Pacer.Delay] never create one. Each state is about 200 bytes plus the key,
// so a Pacer serving a client's users needs no eviction; create a new Pacer
// to forget them.
package pacing
