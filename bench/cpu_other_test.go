// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

//go:build !unix

package bench

import "time"

// cpuTime is not available on this system.
func cpuTime() (time.Duration, bool) { return 0, false }
