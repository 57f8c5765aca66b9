// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package backoff holds the small, pure pieces of the SDK's retry timing:
// how long to wait before a retry, how to read the server's own wait hints,
// and how to wait without ignoring cancellation.
//
// # Computed waits
//
// [Policy.Delay] is exponential backoff with full jitter, the scheme of gax-go
// and aws-sdk-go-v2: the wait before retry n (n = 0 for the first retry) is a
// random duration in [0, min(Max, Initial×Multiplier^n)). Jitter spreads
// clients that failed together so that they do not retry together. The
// random source lives on the Policy so tests can fix it.
//
// # Server hints
//
// A throttled server may say how long to wait, either in a Retry-After header
// ([ParseRetryAfter]) or in the retryDelay of a google.rpc.RetryInfo error
// detail ([ParseDuration]). Both parsers never panic, never return a negative
// wait, and reject what they cannot read, including a Retry-After too large
// for a time.Duration. A valid wait longer than [MaxHint] is reported as
// MaxHint. The caller decides what to do with a long wait; the SDK hands it
// back as "retry at T" rather than sleeping on an unbounded header.
//
// # Waiting
//
// [Sleep] waits on a timer and the context together, so a cancelled call
// stops waiting at once instead of finishing a backoff that no one needs.
//
// Nothing in this package starts a goroutine or keeps global mutable state.
package backoff
