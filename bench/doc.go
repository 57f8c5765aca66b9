// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package bench holds the performance suite of peoplebatch-go; it has no API of its own.
//
// Its test files measure three things, as BENCHMARKS.md describes and reports:
//
//   - the client's own cost per contact (CPU time, bytes, allocations) against the official
//     generated client google.golang.org/api/people/v1, both talking to a loopback server
//     that answers from pre-encoded bytes (BenchmarkOurs, BenchmarkOfficial, TestRatios);
//   - throughput end to end on the emulator people/peopletest, against a per-request latency,
//     a per-user write quota, and many users in parallel (TestLatencyBound, TestQuotaRate,
//     TestUsersParallel);
//   - the memory the streaming form holds whatever the number of contacts
//     (TestStreamingMemoryBounded).
//
// Timing runs only with -bench, or with PEOPLEBATCH_TIMING=1 (the short versions of the
// timing tests) or PEOPLEBATCH_LONG=1 (the long ones); a plain go test ./bench/ skips them,
// runs the memory bound at a small size, and takes seconds.
package bench
