// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/time/rate"
)

// TestConcurrentUse runs every method from many goroutines on shared and
// separate users; run it with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{{PerMinute: 60_000, Floor: 30_000}, {Floor: 30_000}} {
		p := newPacer(t, cfg, nil)
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		var wg sync.WaitGroup
		for g := range 16 {
			user := fmt.Sprintf("user%d", g%4)
			wg.Go(func() {
				for i := range 25 {
					if err := p.Wait(ctx, user); err != nil {
						t.Errorf("Wait(%s) = %v", user, err)
						return
					}
					if i%7 == 0 {
						p.Throttled(user, time.Millisecond)
					} else {
						p.Succeeded(user)
					}
					_ = p.Rate(user)
					_ = p.Delay(user)
				}
			})
		}
		wg.Wait()
		cancel()
	}
}

// TestConcurrentWaitersShareRate checks that goroutines waiting for the same
// user queue for that user's turns rather than all going at once.
func TestConcurrentWaitersShareRate(t *testing.T) {
	t.Parallel()
	const n = 5
	p := newPacer(t, Config{PerMinute: 600}, nil)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if err := p.Wait(t.Context(), "alice"); err != nil {
				t.Errorf("Wait = %v", err)
			}
		})
	}
	wg.Wait()
	if elapsed, want := time.Since(start), (n-1)*100*time.Millisecond; elapsed < want {
		t.Errorf("%d concurrent waits at 600/min took %v, want at least %v", n, elapsed, want)
	}
}

// TestStateIsSmall guards the memory cost per user documented in the
// package doc.
func TestStateIsSmall(t *testing.T) {
	t.Parallel()
	size := unsafe.Sizeof(userState{}) + unsafe.Sizeof(rate.Limiter{})
	if size > 256 {
		t.Errorf("per-user state is %d bytes, want at most 256", size)
	}
	t.Logf("per-user state: %d bytes plus the key", size)
}
