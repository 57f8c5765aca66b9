// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	t.Parallel()
	type result struct {
		d  time.Duration
		ok bool
	}
	tests := map[string]struct {
		s    string
		want result
	}{
		"whole seconds":              {"12s", result{12 * time.Second, true}},
		"fraction":                   {"1.5s", result{1500 * time.Millisecond, true}},
		"fraction of twelve":         {"12.5s", result{12500 * time.Millisecond, true}},
		"one nanosecond":             {"0.000000001s", result{1, true}},
		"milliseconds form":          {"0.250s", result{250 * time.Millisecond, true}},
		"microseconds form":          {"3.000001s", result{3*time.Second + time.Microsecond, true}},
		"zero":                       {"0s", result{0, true}},
		"zero with fraction":         {"0.000s", result{0, true}},
		"leading zeros":              {"007s", result{7 * time.Second, true}},
		"just under MaxHint":         {"86399.999999999s", result{MaxHint - 1, true}},
		"MaxHint":                    {"86400s", result{MaxHint, true}},
		"above MaxHint is capped":    {"90000.5s", result{MaxHint, true}},
		"too long for Duration":      {"315576000000s", result{MaxHint, true}},
		"max protobuf with fraction": {"315576000000.999999999s", result{MaxHint, true}},
		"beyond protobuf range":      {"315576000001s", result{0, false}},
		"overflows int64":            {"99999999999999999999s", result{0, false}},
		"negative":                   {"-1s", result{0, false}},
		"negative fraction":          {"-0.5s", result{0, false}},
		"plus sign":                  {"+1s", result{0, false}},
		"ten fractional digits":      {"0.0000000001s", result{0, false}},
		"no suffix":                  {"1.5", result{0, false}},
		"other unit":                 {"1.5ms", result{0, false}},
		"Go syntax":                  {"1m30s", result{0, false}},
		"only suffix":                {"s", result{0, false}},
		"empty":                      {"", result{0, false}},
		"no whole part":              {".5s", result{0, false}},
		"empty fraction":             {"1.s", result{0, false}},
		"two dots":                   {"1.2.3s", result{0, false}},
		"exponent":                   {"1e3s", result{0, false}},
		"spaces":                     {" 1s", result{0, false}},
		"trailing space":             {"1s ", result{0, false}},
		"double suffix":              {"1ss", result{0, false}},
		"quoted":                     {`"1s"`, result{0, false}},
		"non-ASCII digit":            {"١s", result{0, false}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, ok := ParseDuration(tc.s)
			if got := (result{d, ok}); got != tc.want {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v, %v", tc.s, d, ok, tc.want.d, tc.want.ok)
			}
		})
	}
}
