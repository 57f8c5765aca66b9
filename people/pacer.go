// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// Pacer paces write requests per user: each user has a rate of its own, which slows by
// about 30% whenever the server throttles that user and grows back after a run of successes.
// One user's throttling never slows another. Share a Pacer between clients that write for
// the same users, through Config.Pacer. It is safe for concurrent use.
type Pacer struct {
	p *pacing.Pacer
}

// NewPacer returns a Pacer that lets at most writesPerMinute requests start per minute for
// each user; it paces at 98% of that, a margin for the jitter of clocks and networks that
// would otherwise meet the server's quota window right at its edge. Zero starts unpaced: a user is paced from its first throttled request on. A
// negative or infinite rate, or NaN, counts as zero.
func NewPacer(writesPerMinute float64) *Pacer {
	p, err := pacing.New(pacing.Config{PerMinute: writesPerMinute * quotaMargin})
	if err != nil {
		p, _ = pacing.New(pacing.Config{})
	}
	return &Pacer{p: p}
}

// quotaMargin is the share of the configured rate that the pacer uses.
const quotaMargin = 0.98

// Rate returns user's current rate in requests per minute, or 0 when it is unpaced.
func (p *Pacer) Rate(user string) float64 { return p.p.Rate(user) }

// Delay returns how long the next request for user would wait now.
func (p *Pacer) Delay(user string) time.Duration { return p.p.Delay(user) }
