// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package sequence

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// TestKeysFreed takes and gives back the turns of 1,000,000 distinct keys, some while others
// wait for them: once no one holds or waits for a key, the Keyed holds nothing for it. (The
// map of lines is emptied, not made anew: a Go map keeps its buckets, which is bounded by the
// most keys held at once, not by the keys seen.)
func TestKeysFreed(t *testing.T) {
	var k Keyed
	keys := 1_000_000
	if testing.Short() {
		keys = 100_000
	}
	for i := range keys {
		key := strconv.Itoa(i)
		release, err := k.Acquire(t.Context(), key)
		if err != nil {
			t.Fatal(err)
		}
		if i%1000 == 0 {
			// A waiter for the same key takes the turn once it is given back.
			var wg sync.WaitGroup
			wg.Go(func() {
				r, err := k.Acquire(t.Context(), key)
				if err == nil {
					r()
				}
			})
			for waiters(&k, key) == 0 {
				runtime.Gosched()
			}
			release()
			wg.Wait()
			continue
		}
		release()
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if n := len(k.lines); n != 0 {
		t.Errorf("after %d keys given back, %d lines are held; want 0", keys, n)
	}
}

// BenchmarkHandoff measures one handoff of a key's turn from one goroutine to another that
// waits for it.
func BenchmarkHandoff(b *testing.B) {
	var k Keyed
	ctx := context.Background()
	release, _ := k.Acquire(ctx, "u")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range b.N {
			r, _ := k.Acquire(ctx, "u")
			r()
		}
	}()
	b.ResetTimer()
	for range b.N {
		release()
		release, _ = k.Acquire(ctx, "u")
	}
	b.StopTimer()
	release()
	<-done
}
