// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// Pacer paces write requests per user, so that an import runs close to the user's write
// quota without being throttled. Each user's requests are spaced for 98% of the quota, and
// never more than the quota lie in its window; 98% leaves a margin for the jitter of clocks
// and networks, which would otherwise meet the server's sliding window right at its edge.
//
// When the quota is not configured, a Pacer learns it from the user's throttled requests. A
// lone 429 teaches nothing (the retry's backoff may clear a passing refusal); at the second
// within 100 s, how many requests the user had sent in the last second, ten seconds, minute
// and hundred seconds tells which windows could have refused it; the next attempt waits for
// the shortest such window to have room, and the first window whose edge admits a request is
// the one the user is paced by from then on. A user that bursts into the People API's
// per-minute quota thus meets two to four 429s, waits for the minute's edge, and then runs at
// 98% of the quota. A later 429 (another client writing for the same user, a quota lowered)
// lowers the user's limit to what the window held; it grows back by a quarter after three
// windows in which the user sent as fast as the limit allowed.
//
// One user's throttling never slows another. Share a Pacer between clients that write for
// the same users, through [Config].Pacer. It is safe for concurrent use.
type Pacer struct {
	p *pacing.Pacer
}

// NewPacer returns a Pacer for a per-user quota of writesPerMinute requests per minute, or
// one that learns each user's quota when writesPerMinute is 0. A negative or infinite rate,
// or NaN, counts as zero.
func NewPacer(writesPerMinute float64) *Pacer {
	p, err := pacing.New(pacing.Config{PerMinute: writesPerMinute})
	if err != nil {
		p, _ = pacing.New(pacing.Config{})
	}
	return &Pacer{p: p}
}

// Rate returns the rate user's requests are spaced at, in requests per minute, or 0 while
// they are not paced.
func (p *Pacer) Rate(user string) float64 { return p.p.Rate(user) }

// Delay returns how long the next request for user would wait now.
func (p *Pacer) Delay(user string) time.Duration { return p.p.Delay(user) }
