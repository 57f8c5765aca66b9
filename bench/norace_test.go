// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

//go:build !race

package bench

// raceEnabled reports whether the race detector is on: timings and ratios mean nothing then.
const raceEnabled = false
