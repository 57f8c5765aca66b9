// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxDeltaSeconds is the largest delta-seconds value a time.Duration holds.
const maxDeltaSeconds = math.MaxInt64 / int64(time.Second)

// ParseRetryAfter reads a Retry-After header value (RFC 9110 §10.2.3) and
// returns how long to wait from now.
//
// The value is either delta-seconds (a non-negative decimal integer) or an
// HTTP-date in any form [http.ParseTime] accepts (IMF-fixdate, RFC 850,
// ANSI C asctime). Surrounding spaces and tabs are ignored. A date in the past
// gives (0, true). A wait longer than [MaxHint] gives (MaxHint, true).
//
// It returns (0, false) for an empty or unreadable value, a negative or
// fractional number, and a value too large for a time.Duration (more than
// about 292 years, such as a 20-digit number or a date in year 9999).
func ParseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.Trim(h, " \t")
	if isDigits(h) {
		secs, err := strconv.ParseInt(h, 10, 64)
		if err != nil || secs > maxDeltaSeconds {
			return 0, false
		}
		return capHint(time.Duration(secs) * time.Second), true
	}
	t, err := http.ParseTime(h)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	switch {
	case d <= 0:
		return 0, true
	case d == math.MaxInt64: // Sub saturated: the date is out of range.
		return 0, false
	}
	return capHint(d), true
}
