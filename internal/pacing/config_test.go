// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNewRejectsInvalidConfig(t *testing.T) {
	t.Parallel()
	tests := map[string]Config{
		"negative PerMinute": {PerMinute: -1},
		"NaN PerMinute":      {PerMinute: math.NaN()},
		"infinite PerMinute": {PerMinute: math.Inf(1)},
		"no windows":         {Windows: []time.Duration{}},
		"window too short":   {Windows: []time.Duration{time.Minute, time.Microsecond}},
		"window too long":    {Windows: []time.Duration{2 * time.Hour}},
		"negative window":    {Windows: []time.Duration{-time.Second}},
		"too many windows":   {Windows: []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9}},
	}
	for name, cfg := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p, err := New(cfg)
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("New(%+v) = %v, %v; want an error matching ErrInvalidConfig", cfg, p, err)
			}
			if !strings.HasPrefix(err.Error(), "pacing: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	t.Parallel()
	type resolved struct {
		Spacing time.Duration
		Windows []time.Duration
	}
	s, m := time.Second, time.Minute
	tests := map[string]struct {
		cfg  Config
		want resolved
	}{
		"zero value":          {Config{}, resolved{0, []time.Duration{s, 10 * s, m, 100 * s}}},
		"paced":               {Config{PerMinute: 600}, resolved{spaced(600), []time.Duration{s, 10 * s, m, 100 * s}}},
		"windows sorted":      {Config{Windows: []time.Duration{m, s, m}}, resolved{0, []time.Duration{s, m}}},
		"one window":          {Config{Windows: []time.Duration{time.Hour}}, resolved{0, []time.Duration{time.Hour}}},
		"very high PerMinute": {Config{PerMinute: 1e12}, resolved{1, []time.Duration{s, 10 * s, m, 100 * s}}},
		"very low PerMinute":  {Config{PerMinute: 1e-300}, resolved{24 * time.Hour, []time.Duration{s, 10 * s, m, 100 * s}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, tc.cfg, nil)
			got := resolved{p.cfg.spacing, p.cfg.windows}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("resolved config mismatch (-want +got):\n%s", diff)
			}
			if p.cfg.now == nil || p.cfg.sleep == nil {
				t.Error("Now or Sleep left nil")
			}
		})
	}
	// The defaults are not shared: sorting a Config's windows leaves DefaultWindows alone.
	if DefaultWindows[0] != s || len(DefaultWindows) != 4 {
		t.Errorf("DefaultWindows changed: %v", DefaultWindows)
	}
}
