// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

// Margin is the share of a quota that the Pacer uses, configured or learned: requests are
// spaced for Margin × the quota, so that the jitter of clocks and networks does not meet the
// server's sliding window right at its edge.
const Margin = 0.98

// DefaultWindows are the quota windows a Pacer considers when Config.Windows is nil: Google's
// per-user quotas are per minute (the People API's) or, for older APIs, per 100 seconds; the
// two short ones cover test servers and per-second limits.
var DefaultWindows = []time.Duration{time.Second, 10 * time.Second, time.Minute, 100 * time.Second}

// maxSpacing bounds the interval between turns that a configured rate asks for.
const maxSpacing = 24 * time.Hour

// maxWindow bounds a window, so that adding it to a time cannot overflow and a user's log of
// turns stays small.
const maxWindow = time.Hour

// ErrInvalidConfig is matched, with errors.Is, by the error [New] returns
// for a Config value outside its documented range.
var ErrInvalidConfig = errors.New("pacing: invalid Config")

// Config sets up a [Pacer]. The zero value paces nobody until the server throttles a user,
// then learns that user's quota.
type Config struct {
	// PerMinute is the quota per user in requests per minute, when it is known. Each
	// user's requests are then spaced for Margin × PerMinute from the first; a lower
	// quota learned from throttles takes over. Zero means unknown: a user is not paced
	// until its first throttle. It must be finite and not negative.
	PerMinute float64
	// Windows are the lengths of quota window to consider, each from 1 ms to an hour,
	// in any order. Nil means DefaultWindows.
	Windows []time.Duration
	// Now returns the current time. Nil means time.Now.
	Now func() time.Time
	// Sleep waits for d or until ctx is done, returning ctx.Err() in that
	// case. Nil means backoff.Sleep. Tests pair it with Now: after
	// Sleep(ctx, d) returns nil, Now must have advanced by at least d.
	// Whatever the clock, Wait compares d with ctx's deadline on the real
	// clock, as context deadlines are wall-clock times.
	Sleep func(ctx context.Context, d time.Duration) error
}

// settings is a validated Config with its defaults filled in.
type settings struct {
	perMinute float64
	spacing   time.Duration   // between turns at Margin × PerMinute; 0 when unknown
	windows   []time.Duration // ascending, without repeats
	now       func() time.Time
	sleep     func(ctx context.Context, d time.Duration) error
}

// resolve validates c and fills in its defaults.
func (c Config) resolve() (settings, error) {
	s := settings{perMinute: c.PerMinute, now: c.Now, sleep: c.Sleep}
	if math.IsNaN(c.PerMinute) || math.IsInf(c.PerMinute, 0) || c.PerMinute < 0 {
		return s, fmt.Errorf("%w: PerMinute %v is not a finite rate ≥ 0", ErrInvalidConfig, c.PerMinute)
	}
	if c.PerMinute > 0 {
		// Computed in float64 and bounded before the conversion: a rate of less than one
		// request a day is spaced a day apart, and one too fast to tell 1 ns apart.
		d := min(float64(maxSpacing), max(1, float64(time.Minute)/(Margin*c.PerMinute)))
		s.spacing = time.Duration(d)
	}
	ws := c.Windows
	if ws == nil {
		ws = DefaultWindows
	}
	if len(ws) == 0 {
		return s, fmt.Errorf("%w: Windows is empty", ErrInvalidConfig)
	}
	for _, w := range ws {
		if w < time.Millisecond || w > maxWindow {
			return s, fmt.Errorf("%w: window %v is not between 1ms and 1h", ErrInvalidConfig, w)
		}
	}
	if len(ws) > maxWindows {
		return s, fmt.Errorf("%w: %d windows, at most %d", ErrInvalidConfig, len(ws), maxWindows)
	}
	s.windows = slices.Compact(slices.Sorted(slices.Values(ws)))
	if s.now == nil {
		s.now = time.Now
	}
	if s.sleep == nil {
		s.sleep = backoff.Sleep
	}
	return s, nil
}

// maxWindows bounds Config.Windows, so that a user's state has a fixed size.
const maxWindows = 8
