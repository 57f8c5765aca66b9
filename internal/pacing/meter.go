// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"slices"
	"time"
)

// meterSize is how many recent intervals between replies a meter keeps.
const meterSize = 7

// meter measures the rate at which a user's replies (successes and
// throttles) come, from the median of the last few intervals between them,
// so that one long pause, such as a backoff or an idle spell, does not read
// as a slow user. It needs no notion of the quota's window, so it measures
// a user at 20 requests per second as well as one at 90 per minute. It costs
// 72 bytes.
type meter struct {
	last int64 // Unix nanoseconds of the latest reply; 0 before the first
	gaps [meterSize]time.Duration
	n    uint8 // intervals recorded, at most meterSize
	next uint8 // slot of the next interval
}

// add records a reply at now.
func (m *meter) add(now time.Time) {
	t := now.UnixNano()
	if m.last != 0 {
		m.gaps[m.next] = max(0, time.Duration(t-m.last))
		m.next = (m.next + 1) % meterSize
		m.n = min(m.n+1, meterSize)
	}
	m.last = t
}

// perMinute returns one reply per median interval, as a rate per minute. It
// reports false before two replies, and when the median interval is zero.
func (m *meter) perMinute() (float64, bool) {
	med, ok := m.median()
	if !ok || med <= 0 {
		return 0, false
	}
	return float64(time.Minute) / float64(med), true
}

// median returns the median of the recorded intervals, false with none.
func (m *meter) median() (time.Duration, bool) {
	if m.n == 0 {
		return 0, false
	}
	g := m.gaps
	s := g[:m.n]
	slices.Sort(s)
	return s[len(s)/2], true
}
