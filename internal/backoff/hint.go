// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import "time"

// MaxHint is the longest wait the parsers in this package report. A server
// asking for more is reported as asking for MaxHint: waits that long mean a
// daily quota, and callers hand them back to the user rather than sleep.
const MaxHint = 24 * time.Hour

// capHint limits a parsed, non-negative wait to MaxHint.
func capHint(d time.Duration) time.Duration {
	return min(d, MaxHint)
}

// isDigits reports whether s is non-empty and made only of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
