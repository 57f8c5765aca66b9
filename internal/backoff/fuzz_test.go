// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"net/http"
	"testing"
	"time"
)

func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, time.March, 4, 10, 0, 0, 0, time.UTC)
	for _, seed := range []string{
		"0", "120", "007", " 5 ", "-1", "1.5", "", "99999999999999999999", "9223372036", "9223372037",
		now.Add(90 * time.Second).Format(http.TimeFormat),
		now.Add(90 * time.Second).Format(time.RFC850),
		now.Add(90 * time.Second).Format(time.ANSIC),
		"Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
	} {
		f.Add(seed, int64(0))
	}
	f.Add("120", int64(-1<<62))
	f.Add("Thu, 01 Jan 1970 00:00:00 GMT", int64(1<<62))
	f.Fuzz(func(t *testing.T, h string, offset int64) {
		at := now.Add(time.Duration(offset))
		d, ok := ParseRetryAfter(h, at)
		if !ok && d != 0 {
			t.Errorf("ParseRetryAfter(%q) = %v, false; want 0 when not ok", h, d)
		}
		if d < 0 || d > MaxHint {
			t.Errorf("ParseRetryAfter(%q) = %v, want within [0, MaxHint]", h, d)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, seed := range []string{
		"0s", "1.5s", "12.5s", "0.000000001s", "-1s", "315576000000s", "315576000001s",
		"99999999999999999999s", ".5s", "1.s", "1e3s", "s", "", "86400s",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDuration(s)
		if !ok && d != 0 {
			t.Errorf("ParseDuration(%q) = %v, false; want 0 when not ok", s, d)
		}
		if d < 0 || d > MaxHint {
			t.Errorf("ParseDuration(%q) = %v, want within [0, MaxHint]", s, d)
		}
		// Whatever parses must be in the documented grammar: digits, at most
		// one dot, and the "s" suffix.
		if ok && (len(s) < 2 || s[len(s)-1] != 's' || !isDigits(s[:1])) {
			t.Errorf("ParseDuration(%q) accepted a value outside the grammar", s)
		}
		// Below the cap, the standard library reads the same grammar exactly.
		if ok && d < MaxHint {
			if want, err := time.ParseDuration(s); err != nil || want != d {
				t.Errorf("ParseDuration(%q) = %v; time.ParseDuration = %v, %v", s, d, want, err)
			}
		}
	})
}
