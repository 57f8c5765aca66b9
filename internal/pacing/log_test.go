// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"testing"
	"time"
)

func TestTurnLogGrowsAndForgets(t *testing.T) {
	t.Parallel()
	var l turnLog
	for i := range maxLog + 10 {
		if s := l.add(int64(i), false); s != uint64(i) {
			t.Fatalf("add #%d returned turn %d", i, s)
		}
	}
	if n := l.next - l.first; n != maxLog {
		t.Errorf("log holds %d turns, want %d", n, maxLog)
	}
	if l.get(9) != nil {
		t.Error("turn 9 still held after the log filled")
	}
	for _, s := range []uint64{10, 2000, maxLog + 9} {
		if e := l.get(s); e == nil || e.at != int64(s) {
			t.Errorf("get(%d) = %+v, want the turn granted at %d", s, e, s)
		}
	}
	if l.get(maxLog+10) != nil {
		t.Error("get of a turn not yet granted returned an entry")
	}
	l.prune(3000)
	if l.first != 3000 {
		t.Errorf("after prune(3000) the first turn is %d, want 3000", l.first)
	}
	l.prune(1 << 40)
	if l.first != l.next || l.buf != nil {
		t.Errorf("after pruning everything: first %d, next %d, buffer of %d", l.first, l.next, len(l.buf))
	}
	if s := l.add(5, false); s != maxLog+10 {
		t.Errorf("add after emptying returned turn %d, want %d", s, maxLog+10)
	}
}

func TestTurnLogCounts(t *testing.T) {
	t.Parallel()
	const sec = int64(time.Second)
	var l turnLog
	// Turns at 0, 1, 2, 3, 4 and 5 s; the one at 2 s refused, the one at 4 s unreported.
	for i := range 6 {
		l.add(int64(i)*sec, false)
	}
	l.get(0).state, l.get(1).state, l.get(2).state = turnAdmitted, turnAdmitted, turnRefused
	l.get(3).state, l.get(5).state = turnAdmitted, turnAdmitted
	tests := []struct {
		name      string
		got, want int64
	}{
		{"countBefore(5, 3s)", int64(l.countBefore(5, 3*time.Second)), 2},                                      // 3 s, 4 s
		{"countBefore(5, 10s)", int64(l.countBefore(5, 10*time.Second)), 4},                                    // all but 2 s
		{"countBefore(0, 10s)", int64(l.countBefore(0, 10*time.Second)), 0},                                    // nothing before
		{"countBefore(3, 1s)", int64(l.countBefore(3, time.Second)), 0},                                        // 2 s refused
		{"admittedPeak(2s)", int64(l.admittedPeak(2*time.Second, math.MinInt64)), 1},                           // 1 before 1 s, 3 s, 5 s
		{"admittedPeak(10s)", int64(l.admittedPeak(10*time.Second, math.MinInt64)), 4},                         // before 5 s
		{"opensAt(5s, 10s, 5)", l.opensAt(5*sec, 10*time.Second, 5), 10 * sec},                                 // 0, 1, 3, 4, 5 s: 0 s must leave
		{"opensAt(5s, 10s, 6)", l.opensAt(5*sec, 10*time.Second, 6), 5 * sec},                                  // room already
		{"opensAt(5s, 10s, 2)", l.opensAt(5*sec, 10*time.Second, 2), 14 * sec},                                 // 4 s must leave
		{"opensAt(5s, 10s, 1)", l.opensAt(5*sec, 10*time.Second, 1), 15 * sec},                                 // 5 s must leave
		{"opensAt(20s, 10s, 1)", l.opensAt(20*sec, 10*time.Second, 1), 20 * sec},                               // all gone
		{"opensAt(5s, 3s, 2)", l.opensAt(5*sec, 3*time.Second, 2), 7 * sec},                                    // 3, 4, 5 s: 4 s leaves at 7 s
		{"opensAt(5s, 2500ms, 3)", l.opensAt(5*sec, 2500*time.Millisecond, 3), 5500 * int64(time.Millisecond)}, // 3, 4, 5 s: 3 s leaves
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %d, want %d", tc.name, tc.got, tc.want)
		}
	}
}
