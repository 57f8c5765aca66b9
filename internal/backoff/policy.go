// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"math"
	"math/rand/v2"
	"time"
)

// Defaults used by [Policy] for its zero fields. They follow Google's
// Workspace guidance (start at 1 s, double, cap at 32 s).
const (
	// DefaultInitial is the cap of the first retry's wait when Policy.Initial is zero.
	DefaultInitial = time.Second
	// DefaultMax is the largest cap of any wait when Policy.Max is zero.
	DefaultMax = 32 * time.Second
	// DefaultMultiplier is the growth of the cap per retry when Policy.Multiplier is zero.
	DefaultMultiplier = 2.0
)

// Policy is exponential backoff with full jitter. The zero value is ready to
// use and means the documented defaults. A Policy is a small value: copy it
// freely; it is safe for concurrent use if its Rand is.
type Policy struct {
	// Initial caps the wait before the first retry (attempt 0).
	// Zero or negative means DefaultInitial.
	Initial time.Duration
	// Max caps every wait. Zero or negative means DefaultMax.
	// When Max is below Initial, every wait is capped by Max.
	Max time.Duration
	// Multiplier is how much the cap grows per retry. Zero, negative or NaN
	// means DefaultMultiplier; a value between 0 and 1 is treated as 1
	// (a constant cap), so waits never shrink as attempts grow.
	Multiplier float64
	// Rand returns a number in [0, 1). Nil means math/rand/v2's Float64.
	// Values outside [0, 1) are clamped into it, so a faulty source cannot
	// produce a negative wait or one above the cap.
	Rand func() float64
}

// Delay returns the wait before retry number attempt (0 for the first
// retry): a random duration in [0, min(Max, Initial×Multiplier^attempt)).
// A negative attempt counts as 0. Delay never returns a negative duration
// and never overflows, however large attempt is.
func (p Policy) Delay(attempt int) time.Duration {
	initial, maxWait, mult := p.Initial, p.Max, p.Multiplier
	if initial <= 0 {
		initial = DefaultInitial
	}
	if maxWait <= 0 {
		maxWait = DefaultMax
	}
	switch {
	case mult <= 0 || math.IsNaN(mult):
		mult = DefaultMultiplier
	case mult < 1:
		mult = 1
	}
	attempt = max(attempt, 0)

	// Work in float64: Pow saturates to +Inf instead of wrapping, and the
	// negated comparison also catches NaN.
	ceiling := float64(initial) * math.Pow(mult, float64(attempt))
	if !(ceiling < float64(maxWait)) {
		ceiling = float64(maxWait)
	}
	// r < 1 keeps r×ceiling below 2^63, so the conversion cannot overflow.
	return time.Duration(p.fraction() * ceiling)
}

// fraction returns the jitter factor in [0, 1).
func (p Policy) fraction() float64 {
	if p.Rand == nil {
		return rand.Float64()
	}
	r := p.Rand()
	switch {
	case !(r >= 0): // negative or NaN
		return 0
	case r >= 1:
		return math.Nextafter(1, 0)
	}
	return r
}
