// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

// Defaults used for a [Config]'s zero fields, and the assumption made when a
// user is throttled before any rate could be measured.
const (
	// DefaultFloor is the lowest rate, per minute, when Config.Floor is zero
	// (or Config.PerMinute, if that is lower).
	DefaultFloor = 1.0
	// DefaultDecrease is the factor applied to a user's rate on each throttle
	// when Config.Decrease is zero; it is the CUBIC beta of aws-sdk-go-v2.
	DefaultDecrease = 0.7
	// DefaultRecoverAfter is, when Config.RecoverAfter is zero, how many
	// successes after a throttle the rate takes to climb back to just below
	// the rate that was throttled.
	DefaultRecoverAfter = 10
	// AssumedPerMinute is the rate taken as the user's rate when pacing is
	// off and the user is throttled before two replies could be measured.
	// Pacing then starts at DefaultDecrease × 60 = 42 requests per minute,
	// growing toward 54 and probing up to 120.
	AssumedPerMinute = 60.0
)

// ErrInvalidConfig is matched, with errors.Is, by the error [New] returns
// for a Config value outside its documented range.
var ErrInvalidConfig = errors.New("pacing: invalid Config")

// Config sets up a [Pacer]. The zero value turns pacing off until a user is
// throttled, with the documented defaults.
type Config struct {
	// PerMinute is the starting and highest rate of write requests per
	// minute for each user. Zero turns pacing off: Wait returns at once for
	// a user until that user's first throttle (see the package doc).
	// It must be finite and not negative.
	PerMinute float64
	// Floor is the lowest rate per minute a throttle can bring a user to.
	// Zero means DefaultFloor, or PerMinute if that is lower. It must not
	// be negative or above a non-zero PerMinute.
	Floor float64
	// Decrease multiplies a user's rate on each throttle. Zero means
	// DefaultDecrease. It must be above 0 and below 1.
	Decrease float64
	// RecoverAfter is how many successes after a throttle the user's rate
	// takes to climb back to just below the rate that was throttled, and
	// how many more it holds there before probing higher (see the package
	// doc). Zero means DefaultRecoverAfter. It must not be negative.
	RecoverAfter int
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
	perMinute    float64
	floor        float64
	decrease     float64
	recoverAfter int
	now          func() time.Time
	sleep        func(ctx context.Context, d time.Duration) error
}

// resolve validates c and fills in its defaults.
func (c Config) resolve() (settings, error) {
	s := settings{
		perMinute:    c.PerMinute,
		floor:        c.Floor,
		decrease:     c.Decrease,
		recoverAfter: c.RecoverAfter,
		now:          c.Now,
		sleep:        c.Sleep,
	}
	switch {
	case !isFinite(c.PerMinute) || c.PerMinute < 0:
		return s, fmt.Errorf("%w: PerMinute %v is not a finite rate ≥ 0", ErrInvalidConfig, c.PerMinute)
	case !isFinite(c.Floor) || c.Floor < 0:
		return s, fmt.Errorf("%w: Floor %v is not a finite rate ≥ 0", ErrInvalidConfig, c.Floor)
	case c.PerMinute > 0 && c.Floor > c.PerMinute:
		return s, fmt.Errorf("%w: Floor %v is above PerMinute %v", ErrInvalidConfig, c.Floor, c.PerMinute)
	case !(c.Decrease >= 0 && c.Decrease < 1): // also rejects NaN
		return s, fmt.Errorf("%w: Decrease %v is not a factor between 0 and 1", ErrInvalidConfig, c.Decrease)
	case c.RecoverAfter < 0:
		return s, fmt.Errorf("%w: RecoverAfter %d is negative", ErrInvalidConfig, c.RecoverAfter)
	}
	if s.floor == 0 {
		s.floor = DefaultFloor
		if c.PerMinute > 0 {
			s.floor = min(s.floor, c.PerMinute)
		}
	}
	if s.decrease == 0 {
		s.decrease = DefaultDecrease
	}
	if s.recoverAfter == 0 {
		s.recoverAfter = DefaultRecoverAfter
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.sleep == nil {
		s.sleep = backoff.Sleep
	}
	return s, nil
}

func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
