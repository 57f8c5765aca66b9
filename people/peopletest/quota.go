// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import "time"

// admit counts a mutate request of user against the write quota, a sliding window on the
// server's clock. When the window is full it counts a rejection instead and returns how long
// until the window has room again.
func (s *Server) admit(user string) (wait time.Duration, ok bool) {
	q := s.cfg.quota
	if q.Requests <= 0 {
		return 0, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(user)
	now := s.cfg.now()
	cutoff := now.Add(-q.Per)
	keep := 0
	for keep < len(a.writes) && !a.writes[keep].After(cutoff) {
		keep++
	}
	a.writes = a.writes[keep:]
	if len(a.writes) >= q.Requests {
		a.quotaRejections++
		return a.writes[len(a.writes)-q.Requests].Add(q.Per).Sub(now), false
	}
	a.writes = append(a.writes, now)
	return 0, true
}
