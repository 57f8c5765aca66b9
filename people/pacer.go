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
// When the quota is not configured, a Pacer learns it from the user's throttled requests,
// whether or not they carry a Retry-After or RetryInfo hint (a hint says when to try again,
// not how fast to go). A lone 429 teaches nothing (the retry's backoff may clear a passing
// refusal); at the second within 100 s, how many requests the user had sent in the last
// second, ten seconds, minute and hundred seconds tells which windows could have refused it;
// the next attempt waits for the shortest such window to have room, and the first window
// whose edge admits a request is the one the user is paced by from then on. A user that
// bursts into the People API's per-minute quota thus meets two to four 429s, waits for the
// minute's edge, and then runs at 98% of the quota. A later 429 (another client writing for
// the same user, a quota lowered) lowers the user's limit to what the window held; it grows
// back by a quarter after three windows in which the user sent as fast as the limit allowed.
// A limit that may be too low (a token bucket's, one learned while another client used part
// of the quota) is raised after three windows at it (ten seconds for windows of ten seconds or
// less), each raise costing at most one 429.
//
// A 429 whose ErrorInfo quota_limit (or QuotaFailure) names a limit of the whole Cloud
// project rather than of a user is learned once, over the requests of all the Pacer's users,
// and paces them all; a user's own limit is not lowered for it.
//
// A user's state is dropped once it has been idle for longer than the longest window (100
// s), so that a Pacer shared by a service that writes for many users does not grow with them.
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
