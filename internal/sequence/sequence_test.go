// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package sequence

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestFirstComeFirstServed(t *testing.T) {
	var k Keyed
	release, err := k.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			r, err := k.Acquire(t.Context(), "u")
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			r()
		})
		// Wait until waiter i is queued before starting the next one.
		for waiters(&k, "u") != i+1 {
			time.Sleep(time.Millisecond)
		}
	}
	release()
	wg.Wait()
	for i, got := range order {
		if got != i {
			t.Fatalf("turns taken in order %v, want 0..4", order)
		}
	}
	if len(k.lines) != 0 {
		t.Errorf("%d lines left after every release", len(k.lines))
	}
}

func waiters(k *Keyed, key string) int {
	k.mu.Lock()
	defer k.mu.Unlock()
	if l := k.lines[key]; l != nil {
		return len(l.waiters)
	}
	return 0
}

func TestKeysAreIndependent(t *testing.T) {
	var k Keyed
	r1, err := k.Acquire(t.Context(), "a")
	if err != nil {
		t.Fatal(err)
	}
	defer r1()
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	r2, err := k.Acquire(ctx, "b")
	if err != nil {
		t.Fatalf("key b waited for key a: %v", err)
	}
	r2()
}

func TestCancelWhileWaiting(t *testing.T) {
	var k Keyed
	r1, _ := k.Acquire(t.Context(), "u")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() {
		_, err := k.Acquire(ctx, "u")
		done <- err
	}()
	for waiters(&k, "u") != 1 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Acquire = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("cancelled wait returned after %v", d)
	}
	if n := waiters(&k, "u"); n != 0 {
		t.Errorf("%d waiters left after cancel", n)
	}
	r1()
	// The line is free again.
	r3, err := k.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	r3()
	r1() // a second release is a no-op
	if len(k.lines) != 0 {
		t.Errorf("lines left: %d", len(k.lines))
	}
}

func TestCancelledContextFailsAtOnce(t *testing.T) {
	var k Keyed
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := k.Acquire(ctx, "u"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Acquire = %v", err)
	}
}
