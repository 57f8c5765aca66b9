// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestConcurrentUse runs every method from many goroutines on shared and separate users;
// run it with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	// Windows of milliseconds, so that probing them takes no longer than the test.
	ms := time.Millisecond
	for _, cfg := range []Config{{PerMinute: 60_000, Windows: []time.Duration{5 * ms, 10 * ms}}, {Windows: []time.Duration{10 * ms}}} {
		p := newPacer(t, cfg, nil)
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		var wg sync.WaitGroup
		for g := range 16 {
			user := fmt.Sprintf("user%d", g%4)
			wg.Go(func() {
				for i := range 25 {
					turn, err := p.Wait(ctx, user)
					if err != nil {
						t.Errorf("Wait(%s) = %v", user, err)
						return
					}
					switch i % 7 {
					case 0:
						turn.Throttled(Throttle{Hint: time.Millisecond})
					case 1:
					default:
						turn.Succeeded()
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

// TestConcurrentWaitersShareRate checks that goroutines waiting for the same user take that
// user's turns one after another rather than all at once.
func TestConcurrentWaitersShareRate(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) { // the time package's clock, fake
		const n = 5
		p := newPacer(t, Config{PerMinute: 600}, nil)
		start := time.Now()
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				if _, err := p.Wait(t.Context(), "alice"); err != nil {
					t.Errorf("Wait = %v", err)
				}
			})
		}
		wg.Wait()
		if elapsed, want := time.Since(start), (n-1)*spaced(600); elapsed < want || elapsed > want+time.Millisecond {
			t.Errorf("%d concurrent waits at 600/min took %v, want %v", n, elapsed, want)
		}
	})
}

// TestConcurrentWaitersKeepLogInOrder checks that turns taken by goroutines racing for the
// same user are logged in the order of time, which the window counts rely on.
func TestConcurrentWaitersKeepLogInOrder(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{}, nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if _, err := p.Wait(t.Context(), "alice"); err != nil {
					t.Errorf("Wait = %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	u := p.lookup("alice")
	u.mu.Lock()
	defer u.mu.Unlock()
	var last int64
	for s := u.log.first; s < u.log.next; s++ {
		if at := u.log.get(s).at; at < last {
			t.Fatalf("turn %d granted at %d, before turn %d at %d", s, at, s-1, last)
		}
		last = u.log.get(s).at
	}
	if n := u.log.next - u.log.first; n != 8*200 {
		t.Errorf("log holds %d turns, want %d", n, 8*200)
	}
}
