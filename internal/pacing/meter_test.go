// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestMeter(t *testing.T) {
	t.Parallel()
	type result struct {
		PerMinute float64
		OK        bool
	}
	tests := map[string]struct {
		replies []time.Duration // offsets from t0
		want    result
	}{
		"empty":                     {nil, result{0, false}},
		"one reply":                 {[]time.Duration{0}, result{0, false}},
		"two at once":               {[]time.Duration{0, 0}, result{0, false}},
		"two a second apart":        {[]time.Duration{0, time.Second}, result{60, true}},
		"two per second":            {every(500*time.Millisecond, 60), result{120, true}},
		"twenty per second":         {every(50*time.Millisecond, 30), result{1200, true}},
		"thirty per minute":         {every(2*time.Second, 30), result{30, true}},
		"a backoff does not count":  {append(every(50*time.Millisecond, 10), 1450*time.Millisecond, 1500*time.Millisecond), result{1200, true}},
		"an idle spell does not":    {append(every(time.Second, 5), time.Hour, time.Hour+time.Second, time.Hour+2*time.Second), result{60, true}},
		"only the last seven count": {append(every(time.Second, 20), 19500*time.Millisecond, 20*time.Second, 20500*time.Millisecond, 21*time.Second, 21500*time.Millisecond), result{120, true}},
		"clock went back":           {[]time.Duration{time.Minute, 0, 30 * time.Second}, result{2, true}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m meter
			for _, at := range tc.replies {
				m.add(t0.Add(at))
			}
			var got result
			got.PerMinute, got.OK = m.perMinute()
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("perMinute mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMeterKeepsItsIntervals checks that measuring does not reorder the
// intervals it keeps.
func TestMeterKeepsItsIntervals(t *testing.T) {
	t.Parallel()
	var m meter
	for _, at := range []time.Duration{0, 3 * time.Second, 4 * time.Second, 6 * time.Second} {
		m.add(t0.Add(at))
	}
	m.perMinute()
	want := [meterSize]time.Duration{3 * time.Second, time.Second, 2 * time.Second}
	if m.gaps != want {
		t.Errorf("gaps = %v, want %v", m.gaps, want)
	}
}
