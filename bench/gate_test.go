// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"os"
	"testing"
)

// timingEnv turns on the timing runs: the tests that measure and log wall time, CPU time or
// rates (TestRatios, TestLatencyBound, TestQuotaRate, TestUsersParallel). They assert only
// that the run was valid, and take seconds to minutes, so a plain go test ./... skips them.
const timingEnv = "PEOPLEBATCH_TIMING"

// longEnv turns on the long timing runs (2 s latency, bigger imports, longer quota runs), and
// with them every timing run.
const longEnv = "PEOPLEBATCH_LONG"

// long reports whether the long runs were asked for.
func long() bool { return os.Getenv(longEnv) != "" }

// skipUnlessTiming skips a timing run unless timingEnv or longEnv is set, and always with
// -short.
func skipUnlessTiming(t *testing.T) {
	t.Helper()
	if testing.Short() || (os.Getenv(timingEnv) == "" && !long()) {
		t.Skip("timing run: set " + timingEnv + "=1 (or " + longEnv + "=1 for the long runs) to run it")
	}
}
