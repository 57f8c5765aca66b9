// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"math"
	"time"
)

// The quota_limit names of the emulator's 429s, unless Quota.Limit says otherwise.
const (
	userQuotaLimit    = "CriticalWritesPerMinutePerProjectPerUser"
	projectQuotaLimit = "CriticalWritesPerMinutePerProject"
)

// quotaCount is what one write quota has counted, on the server's clock: the requests it
// admitted in its sliding window, or the tokens left in its bucket.
type quotaCount struct {
	writes []time.Time // a sliding window's admitted requests, oldest first
	used   float64     // a bucket's tokens taken and not yet given back
	last   time.Time   // when used was last brought up to date
}

// room reports whether q admits a request at now and, if not, how long until it would. It
// counts nothing.
func (c *quotaCount) room(q Quota, now time.Time) (time.Duration, bool) {
	if q.Burst > 0 {
		perToken := float64(q.Per) / float64(q.Requests)
		if !c.last.IsZero() {
			c.used = max(0, c.used-float64(now.Sub(c.last))/perToken)
		}
		c.last = now
		if short := c.used + 1 - float64(q.Burst); short > 0 {
			return time.Duration(math.Round(short * perToken)), false
		}
		return 0, true
	}
	cutoff := now.Add(-q.Per)
	keep := 0
	for keep < len(c.writes) && !c.writes[keep].After(cutoff) {
		keep++
	}
	c.writes = c.writes[keep:]
	if len(c.writes) >= q.Requests {
		return c.writes[len(c.writes)-q.Requests].Add(q.Per).Sub(now), false
	}
	return 0, true
}

// take counts a request that room admitted at now.
func (c *quotaCount) take(q Quota, now time.Time) {
	if q.Burst > 0 {
		c.used++
		return
	}
	c.writes = append(c.writes, now)
}

// admit counts a mutate request of user against the per-user write quota and the project's,
// if set. When one of them has no room it counts nothing, counts a rejection for user, and
// returns the quota that refused and how long until it has room again.
func (s *Server) admit(user string) (refusedBy *Quota, wait time.Duration) {
	uq, pq := &s.cfg.quota, &s.cfg.projectQuota
	if uq.Requests <= 0 && pq.Requests <= 0 {
		return nil, 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(user)
	now := s.cfg.now()
	for _, c := range []struct {
		q     *Quota
		count *quotaCount
	}{{uq, &a.writes}, {pq, &s.projectWrites}} {
		if c.q.Requests <= 0 {
			continue
		}
		if wait, ok := c.count.room(*c.q, now); !ok {
			a.quotaRejections++
			return c.q, wait
		}
	}
	if uq.Requests > 0 {
		a.writes.take(*uq, now)
	}
	if pq.Requests > 0 {
		s.projectWrites.take(*pq, now)
	}
	return nil, 0
}
