// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

//go:build !race

package pacing

// raceEnabled reports whether the race detector is on: it makes the million-user test take
// minutes, so that test then passes a tenth of the users.
const raceEnabled = false
