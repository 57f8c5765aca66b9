// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestIdleUsersFreed passes 1,000,000 distinct users, one turn each, through one Pacer on a
// fake clock, 1,000 users a second: at any time it holds only the users active within the
// longest window (and the half window between two sweeps), and once they are all idle it holds
// none of them, nor the memory of its map. It does not run in parallel, so that the heap it
// measures is its own.
func TestIdleUsersFreed(t *testing.T) {
	users := 1_000_000
	if testing.Short() || raceEnabled {
		users = 100_000
	}
	const step = time.Millisecond
	longest := DefaultWindows[len(DefaultWindows)-1]
	// Active within the longest window and its slack, plus half a window between sweeps, plus
	// the doubling that also starts a sweep.
	maxHeld := int((longest+slack(longest)+longest/2)/step) + 1

	before := liveHeap()
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	peak := 0
	for i := range users {
		take(t, p, "user"+strconv.Itoa(i)).Succeeded()
		clock.Advance(step)
		if i%10_000 == 0 {
			p.mu.Lock()
			n := len(p.users)
			p.mu.Unlock()
			peak = max(peak, n)
			if n > maxHeld {
				t.Fatalf("after %d users, %v apart, the Pacer holds %d; want at most %d", i+1, step, n, maxHeld)
			}
		}
	}
	busy := liveHeap()
	clock.Advance(longest + slack(longest) + time.Nanosecond)
	take(t, p, "last").Succeeded() // a new user starts the sweep
	p.mu.Lock()
	held := len(p.users)
	p.mu.Unlock()
	if held != 1 {
		t.Errorf("once every user but one is idle past the longest window, the Pacer holds %d users; want 1", held)
	}
	idle := liveHeap()
	perIdle := float64(idle-before) / float64(users)
	t.Logf("%d users: at most %d held at once (%.0f bytes each, %.1f MiB); once idle, %.3f bytes per user (%d bytes in all)",
		users, peak, float64(busy-before)/float64(peak), float64(busy-before)/(1<<20), perIdle, idle-before)
	if perIdle > 1 {
		t.Errorf("idle users hold %.2f bytes each; want 0 (under 1)", perIdle)
	}
	runtime.KeepAlive(p)
}

// liveHeap returns the bytes of live heap after a collection.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
