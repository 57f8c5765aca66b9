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
		successes []time.Duration // offsets from t0
		at        time.Duration
		want      result
	}{
		"empty":                  {nil, 0, result{0, false}},
		"one success":            {[]time.Duration{0}, time.Second, result{0, false}},
		"two at once":            {[]time.Duration{0, 0}, 0, result{12, true}},
		"two per second":         {every(500*time.Millisecond, 60), 30 * time.Second, result{120, true}},
		"steady, window full":    {every(500*time.Millisecond, 600), 300 * time.Second, result{120, true}},
		"mid-bucket":             {every(time.Second, 65), 65 * time.Second, result{60, true}},
		"burst over ten seconds": {every(time.Millisecond, 50), 100 * time.Millisecond, result{300, true}},
		"all expired":            {every(time.Second, 10), 10 * time.Minute, result{0, false}},
		"partly expired":         {[]time.Duration{0, time.Second, 61 * time.Second, 62 * time.Second}, 70 * time.Second, result{12, true}},
		"idle gap restarts":      {[]time.Duration{0, 5 * time.Minute, 5*time.Minute + 30*time.Second}, 5*time.Minute + 30*time.Second, result{4, true}},
		"clock went back":        {[]time.Duration{time.Minute, 0, 30 * time.Second}, 30 * time.Second, result{18, true}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m meter
			for _, at := range tc.successes {
				m.add(t0.Add(at))
			}
			r, ok := m.perMinute(t0.Add(tc.at))
			if diff := cmp.Diff(tc.want, result{r, ok}, approx); diff != "" {
				t.Errorf("perMinute mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBucketOf(t *testing.T) {
	t.Parallel()
	tests := map[int64]int64{0: 0, 9: 0, 10: 1, -1: -1, -10: -1, -11: -2}
	for sec, want := range tests {
		if got := bucketOf(time.Unix(sec, 0)); got != want {
			t.Errorf("bucketOf(%ds) = %d, want %d", sec, got, want)
		}
		if s := slot(bucketOf(time.Unix(sec, 0))); s < 0 || s >= meterBuckets {
			t.Errorf("slot for %ds = %d, out of range", sec, s)
		}
	}
}

// TestMeterBeforeEpoch checks that fake clocks at the zero time work.
func TestMeterBeforeEpoch(t *testing.T) {
	t.Parallel()
	var m meter
	start := time.Time{}
	for i := range 20 {
		m.add(start.Add(time.Duration(i) * time.Second))
	}
	r, ok := m.perMinute(start.Add(20 * time.Second))
	if !ok || !cmp.Equal(r, 60.0, approx) {
		t.Errorf("perMinute = %v, %v; want 60, true", r, ok)
	}
}
