// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import "time"

// The meter's window: six ten-second buckets, 50 to 60 seconds of history,
// about the minute that the People API's write quotas are counted in.
const (
	meterBuckets = 6
	meterBucket  = 10 * time.Second
)

// meter counts an unpaced user's successful requests over about the last
// minute, so that the first throttle can start pacing from the rate the user
// actually reached. It costs 56 bytes whatever the rate.
type meter struct {
	counts [meterBuckets]uint32
	newest int64     // bucket number (Unix seconds / 10) of the newest bucket
	since  time.Time // first success since the meter was last empty
}

// add counts one success at now.
func (m *meter) add(now time.Time) {
	b := m.advance(now)
	if m.total() == 0 {
		m.since = now
	}
	m.counts[slot(b)]++
}

// perMinute returns the measured rate at now: the successes in the window
// divided by the time from the later of the window's start and the busy
// period's first success until now, but at least ten seconds, so that a
// quick burst does not read as a huge rate. It reports false with fewer than
// two successes in the window.
func (m *meter) perMinute(now time.Time) (float64, bool) {
	b := m.advance(now)
	n := m.total()
	if n < 2 {
		return 0, false
	}
	windowStart := time.Unix((b-meterBuckets+1)*int64(meterBucket/time.Second), 0)
	span := max(now.Sub(later(m.since, windowStart)), meterBucket)
	return float64(n) * float64(time.Minute) / float64(span), true
}

// advance clears the buckets that have left the window by now and returns
// the bucket to count now in. A clock that went back counts in the newest
// bucket.
func (m *meter) advance(now time.Time) int64 {
	b := bucketOf(now)
	if m.total() == 0 {
		m.newest = b // an empty meter has no past to clear
		return b
	}
	if b <= m.newest {
		return m.newest
	}
	if b-m.newest >= meterBuckets {
		m.counts = [meterBuckets]uint32{}
	} else {
		for i := m.newest + 1; i <= b; i++ {
			m.counts[slot(i)] = 0
		}
	}
	m.newest = b
	return b
}

func (m *meter) total() uint64 {
	var n uint64
	for _, c := range m.counts {
		n += uint64(c)
	}
	return n
}

// bucketOf returns the number of the ten-second bucket holding t.
func bucketOf(t time.Time) int64 {
	s := t.Unix()
	b := s / int64(meterBucket/time.Second)
	if s < 0 && s%int64(meterBucket/time.Second) != 0 {
		b-- // round toward minus infinity
	}
	return b
}

// slot returns the index in counts of bucket b.
func slot(b int64) int {
	i := int(b % meterBuckets)
	if i < 0 {
		i += meterBuckets
	}
	return i
}
