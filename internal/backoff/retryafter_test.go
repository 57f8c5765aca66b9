// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, time.March, 4, 10, 0, 0, 0, time.UTC)
	in90s := now.Add(90 * time.Second)
	type result struct {
		d  time.Duration
		ok bool
	}
	tests := map[string]struct {
		h    string
		want result
	}{
		"delta seconds":                 {"120", result{2 * time.Minute, true}},
		"zero":                          {"0", result{0, true}},
		"leading zeros":                 {"007", result{7 * time.Second, true}},
		"surrounding spaces and tabs":   {" \t 5 \t", result{5 * time.Second, true}},
		"longer than MaxHint is capped": {"604800", result{MaxHint, true}},
		"largest representable":         {"9223372036", result{MaxHint, true}},
		"just past representable":       {"9223372037", result{0, false}},
		"overflows int64":               {"99999999999999999999", result{0, false}},
		"negative":                      {"-1", result{0, false}},
		"plus sign":                     {"+5", result{0, false}},
		"fraction":                      {"1.5", result{0, false}},
		"exponent":                      {"1e3", result{0, false}},
		"empty":                         {"", result{0, false}},
		"only spaces":                   {"   ", result{0, false}},
		"unit suffix":                   {"5s", result{0, false}},
		"inner space":                   {"1 2", result{0, false}},
		"garbage":                       {"soon", result{0, false}},
		"non-ASCII digit":               {"١٢", result{0, false}},
		"IMF-fixdate":                   {in90s.Format(http.TimeFormat), result{90 * time.Second, true}},
		"RFC 850":                       {in90s.Format(time.RFC850), result{90 * time.Second, true}},
		"ANSI C asctime":                {in90s.Format(time.ANSIC), result{90 * time.Second, true}},
		"date now":                      {now.Format(http.TimeFormat), result{0, true}},
		"date in the past":              {now.Add(-time.Hour).Format(http.TimeFormat), result{0, true}},
		"date far in the past":          {"Mon, 01 Jan 0001 00:00:00 GMT", result{0, true}},
		"date beyond MaxHint is capped": {now.Add(72 * time.Hour).Format(http.TimeFormat), result{MaxHint, true}},
		"date in year 9999 overflows":   {"Fri, 31 Dec 9999 23:59:59 GMT", result{0, false}},
		"date with trailing garbage":    {in90s.Format(http.TimeFormat) + " x", result{0, false}},
		"date without zone":             {"Wed, 04 Mar 2026 10:01:30", result{0, false}},
		"ISO 8601 is not HTTP-date":     {in90s.Format(time.RFC3339), result{0, false}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, ok := ParseRetryAfter(tc.h, now)
			if got := (result{d, ok}); got != tc.want {
				t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.h, d, ok, tc.want.d, tc.want.ok)
			}
		})
	}
}
