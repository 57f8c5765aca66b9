// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"math/rand/v2"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

// retryWait returns how long to wait after the given attempt (from 1) before the next:
// exponential with full jitter between RetryPolicy.InitialBackoff and MaxBackoff, never
// shorter than the server's hint. After a refusal (429, 409) the jitter keeps at least half
// of each step, so that the retries of one request span at least the minute of a per-minute
// quota window even when the server gives no hint: with the defaults, 9 retries wait 79.5 s
// at the least.
func (c *Client) retryWait(attempt int, refused bool, hint time.Duration) time.Duration {
	p := c.cfg.Retry
	rnd := p.Rand
	if rnd == nil {
		rnd = rand.Float64
	}
	jitter := rnd
	if refused {
		jitter = func() float64 { return 0.5 + 0.5*rnd() }
	}
	return max(backoff.Policy{Initial: p.InitialBackoff, Max: p.MaxBackoff, Rand: jitter}.Delay(attempt-1), hint)
}
