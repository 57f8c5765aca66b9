// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewRejectsInvalidConfig(t *testing.T) {
	t.Parallel()
	tests := map[string]Config{
		"negative PerMinute":     {PerMinute: -1},
		"NaN PerMinute":          {PerMinute: math.NaN()},
		"infinite PerMinute":     {PerMinute: math.Inf(1)},
		"negative Floor":         {Floor: -1},
		"NaN Floor":              {Floor: math.NaN()},
		"infinite Floor":         {Floor: math.Inf(1)},
		"Floor above PerMinute":  {PerMinute: 10, Floor: 11},
		"Decrease 1":             {Decrease: 1},
		"Decrease above 1":       {Decrease: 1.5},
		"negative Decrease":      {Decrease: -0.1},
		"NaN Decrease":           {Decrease: math.NaN()},
		"negative RecoverAfter":  {RecoverAfter: -1},
		"negative and valid mix": {PerMinute: 600, Floor: 10, Decrease: 0.5, RecoverAfter: -3},
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
		PerMinute, Floor, Decrease float64
		RecoverAfter               int
	}
	tests := map[string]struct {
		cfg  Config
		want resolved
	}{
		"zero value":            {Config{}, resolved{0, DefaultFloor, DefaultDecrease, DefaultRecoverAfter}},
		"paced":                 {Config{PerMinute: 600}, resolved{600, DefaultFloor, DefaultDecrease, DefaultRecoverAfter}},
		"PerMinute below floor": {Config{PerMinute: 0.5}, resolved{0.5, 0.5, DefaultDecrease, DefaultRecoverAfter}},
		"all set": {Config{PerMinute: 600, Floor: 10, Decrease: 0.5, RecoverAfter: 3},
			resolved{600, 10, 0.5, 3}},
		"floor equals PerMinute": {Config{PerMinute: 10, Floor: 10}, resolved{10, 10, DefaultDecrease, DefaultRecoverAfter}},
		"floor without pacing":   {Config{Floor: 30}, resolved{0, 30, DefaultDecrease, DefaultRecoverAfter}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, tc.cfg, nil)
			got := resolved{p.cfg.perMinute, p.cfg.floor, p.cfg.decrease, p.cfg.recoverAfter}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("resolved config mismatch (-want +got):\n%s", diff)
			}
			if p.cfg.now == nil || p.cfg.sleep == nil {
				t.Error("Now or Sleep left nil")
			}
		})
	}
}
