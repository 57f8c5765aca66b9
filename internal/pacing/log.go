// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import "time"

// maxLog bounds how many turns a user's log keeps. A user faster than that many requests per
// window has its older turns forgotten; quotas that high are not learned.
const maxLog = 4096

// The state of a turn in the log.
const (
	turnPending  uint8 = iota // granted, no reply reported yet
	turnAdmitted              // the server accepted it
	turnRefused               // the server throttled it: it does not count against the quota
)

// entry is one turn in a user's log.
type entry struct {
	at    int64 // Unix nanoseconds of the grant
	state uint8
	early bool // granted from the catch-up burst, before the spacing's schedule
}

// turnLog is a user's recent turns, oldest first, in a ring that grows up to maxLog entries.
// Turns are numbered from 0 in the order they were granted; the log holds numbers first to
// next-1.
type turnLog struct {
	buf         []entry // len is 0 or a power of two
	first, next uint64
}

// add records a turn granted at t, early if from the catch-up burst, and returns its number.
func (l *turnLog) add(t int64, early bool) uint64 {
	n := l.next - l.first
	if n == uint64(len(l.buf)) {
		if len(l.buf) >= maxLog {
			l.first++ // forget the oldest
		} else {
			l.grow()
		}
	}
	l.buf[l.next&uint64(len(l.buf)-1)] = entry{at: t, early: early}
	l.next++
	return l.next - 1
}

func (l *turnLog) grow() {
	size := max(4, 2*len(l.buf))
	buf := make([]entry, size)
	for s := l.first; s < l.next; s++ {
		buf[s&uint64(size-1)] = l.buf[s&uint64(len(l.buf)-1)]
	}
	l.buf = buf
}

// get returns turn s, or nil if the log no longer holds it.
func (l *turnLog) get(s uint64) *entry {
	if s < l.first || s >= l.next {
		return nil
	}
	return &l.buf[s&uint64(len(l.buf)-1)]
}

// prune forgets the turns granted before t, and the buffer once the log is empty.
func (l *turnLog) prune(t int64) {
	for l.first < l.next && l.get(l.first).at < t {
		l.first++
	}
	if l.first == l.next {
		l.buf = nil
	}
}

// counted reports whether a turn counts against a quota: every turn but the refused ones.
func (e *entry) counted() bool { return e.state != turnRefused }

// countBefore returns how many counted turns numbered before s were granted in the window of
// length w that ends at turn s's grant: what a quota of that window held when turn s arrived.
func (l *turnLog) countBefore(s uint64, w time.Duration) int {
	from := l.get(s).at - int64(w)
	n := 0
	for o := s; o > l.first; {
		o--
		e := l.get(o)
		if e.at <= from {
			break
		}
		if e.counted() {
			n++
		}
	}
	return n
}

// opensAt returns the earliest time t ≥ now at which fewer than limit counted turns lie in
// (t - w, t]: now if there are already fewer, otherwise the moment enough of the oldest have
// left. limit is at least 1.
func (l *turnLog) opensAt(now int64, w time.Duration, limit int) int64 {
	from := now - int64(w)
	n := 0
	for s := l.next; s > l.first; {
		s--
		e := l.get(s)
		if e.at <= from {
			break
		}
		if !e.counted() {
			continue
		}
		n++
		if n == limit {
			// Turn s is the limit-th newest in the window; the window has room once it
			// has left: at e.at + w, which the half-open window then excludes.
			return max(now, e.at+int64(w))
		}
	}
	return now
}

// admittedPeak returns, over the admitted turns in the log granted at or after since, the
// largest count of counted turns granted at or after since in the window of length w before
// each: a quota window of length w that admitted them all admits more than that.
func (l *turnLog) admittedPeak(w time.Duration, since int64) int {
	peak, n := 0, 0 // n counts the counted turns in [left, s)
	start := l.first
	for start < l.next && l.get(start).at < since {
		start++
	}
	left := start
	for s := start; s < l.next; s++ {
		e := l.get(s)
		for left < s && l.get(left).at <= e.at-int64(w) {
			if l.get(left).counted() {
				n--
			}
			left++
		}
		if e.state == turnAdmitted {
			peak = max(peak, n)
		}
		if e.counted() {
			n++
		}
	}
	return peak
}

// oldestBefore returns when the oldest counted turn numbered before s, in the window of length
// w that ends at turn s's grant, was granted; false if there is none.
func (l *turnLog) oldestBefore(s uint64, w time.Duration) (int64, bool) {
	from := l.get(s).at - int64(w)
	oldest, ok := int64(0), false
	for o := s; o > l.first; {
		o--
		e := l.get(o)
		if e.at <= from {
			break
		}
		if e.counted() {
			oldest, ok = e.at, true
		}
	}
	return oldest, ok
}

// oneAtATime reports whether refused turn s followed an admitted turn that itself followed a
// refused turn or none: the quota admitted one request and refused the next, a quota of one
// request at a time. It returns when the admitted turn was granted.
func (l *turnLog) oneAtATime(s uint64) (int64, bool) {
	if s == 0 {
		return 0, false
	}
	prev := l.get(s - 1)
	if prev == nil || prev.state != turnAdmitted {
		return 0, false
	}
	if s-1 > l.first {
		if before := l.get(s - 2); before.state != turnRefused {
			return 0, false
		}
	}
	return prev.at, true
}

// gapBefore returns the time between turn s and the counted turn before it, if the log holds
// both.
func (l *turnLog) gapBefore(s uint64) (int64, bool) {
	e := l.get(s)
	if e == nil {
		return 0, false
	}
	for o := s; o > l.first; {
		o--
		if p := l.get(o); p.counted() {
			return e.at - p.at, true
		}
	}
	return 0, false
}

// between returns how many turns were granted in (from, to) and how many of them were
// admitted.
func (l *turnLog) between(from, to int64) (turns, admitted int) {
	for o := l.next; o > l.first; {
		o--
		e := l.get(o)
		if e.at <= from {
			break
		}
		if e.at >= to {
			continue
		}
		turns++
		if e.state == turnAdmitted {
			admitted++
		}
	}
	return turns, admitted
}
