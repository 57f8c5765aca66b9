// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"strconv"
	"strings"
	"time"
)

// maxProtoSeconds is the largest seconds value of a google.protobuf.Duration
// (about 10,000 years).
const maxProtoSeconds = 315_576_000_000

// ParseDuration reads a google.protobuf.Duration in its JSON form, as found
// in the retryDelay field of a google.rpc.RetryInfo error detail:
// decimal seconds with up to nine fractional digits and an "s" suffix,
// such as "12s", "1.5s" or "0.000000001s".
//
// It returns (0, false) for anything else: a negative duration ("-1s"), a
// missing suffix or digits ("1", "s", ".5s", "1.s"), more than nine
// fractional digits, signs, spaces, exponents, or seconds outside the range
// protobuf allows. A valid duration longer than [MaxHint] gives
// (MaxHint, true), including those too long for a time.Duration.
func ParseDuration(s string) (time.Duration, bool) {
	num, ok := strings.CutSuffix(s, "s")
	if !ok {
		return 0, false
	}
	whole, frac, hasFrac := strings.Cut(num, ".")
	if !isDigits(whole) || (hasFrac && (len(frac) > 9 || !isDigits(frac))) {
		return 0, false
	}
	secs, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || secs > maxProtoSeconds {
		return 0, false
	}
	var nanos int64
	if hasFrac {
		// Pad to nine digits: "5" means 500000000 ns. At most nine digits
		// always fit in an int64.
		nanos, _ = strconv.ParseInt(frac+strings.Repeat("0", 9-len(frac)), 10, 64)
	}
	if secs >= int64(MaxHint/time.Second) {
		return MaxHint, true
	}
	return capHint(time.Duration(secs)*time.Second + time.Duration(nanos)), true
}
