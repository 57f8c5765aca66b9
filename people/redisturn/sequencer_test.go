// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/internal/redistest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// process returns a Sequencer on a Redis client of its own, as another process would have.
func process(t *testing.T, addr string, ttl time.Duration) (*redisturn.Sequencer, *redis.Client) {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	return redisturn.New(rdb, &redisturn.Options{LeaseTTL: ttl, KeyPrefix: "test:" + t.Name() + ":"}), rdb
}

// TestOneHolderAcrossProcesses has goroutines of three "processes" (Sequencers on clients
// of their own) take turns for two users: one holder per user at a time, both users at once.
func TestOneHolderAcrossProcesses(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	var seqs []*redisturn.Sequencer
	for range 3 {
		s, _ := process(t, addr, time.Second)
		seqs = append(seqs, s)
	}
	var inTurn [2]atomic.Int32
	var most [2]atomic.Int32
	var both atomic.Bool
	var wg sync.WaitGroup
	for g := range 30 {
		wg.Go(func() {
			u := g % 2
			for range 5 {
				held, release, err := seqs[g%3].Acquire(t.Context(), []string{"alice", "bob"}[u])
				if err != nil {
					t.Error(err)
					return
				}
				n := inTurn[u].Add(1)
				if n > most[u].Load() {
					most[u].Store(n)
				}
				if inTurn[1-u].Load() > 0 {
					both.Store(true)
				}
				if held.Err() != nil {
					t.Errorf("held done during the turn: %v", context.Cause(held))
				}
				time.Sleep(time.Millisecond) // hold the turn a moment, so that others would overlap
				inTurn[u].Add(-1)
				release()
			}
		})
	}
	wg.Wait()
	if most[0].Load() != 1 || most[1].Load() != 1 {
		t.Errorf("most holders at once: alice %d, bob %d; want 1", most[0].Load(), most[1].Load())
	}
	if !both.Load() {
		t.Error("alice and bob never held their turns at the same time")
	}
}

// queued returns how many processes wait in Redis for a turn of the test's prefix.
func queued(t *testing.T, rdb *redis.Client) int64 {
	t.Helper()
	keys, err := rdb.Keys(t.Context(), "test:"+t.Name()+":*:queue").Result()
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, k := range keys {
		n += rdb.ZCard(t.Context(), k).Val()
	}
	return n
}

// waitQueued waits until n processes wait in Redis.
func waitQueued(t *testing.T, rdb *redis.Client, n int64) {
	t.Helper()
	for queued(t, rdb) != n {
		select {
		case <-t.Context().Done():
			t.Fatalf("never %d waiting", n)
		case <-time.After(time.Millisecond):
		}
	}
}

// TestFirstComeFirstServed checks that processes get the turn in the order they asked for it.
func TestFirstComeFirstServed(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	holder, rdb := process(t, addr, time.Minute)
	_, release, err := holder.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 4 {
		s, _ := process(t, addr, time.Minute)
		wg.Go(func() {
			_, rel, err := s.Acquire(t.Context(), "u")
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			rel()
		})
		waitQueued(t, rdb, int64(i+1))
	}
	release()
	wg.Wait()
	if want := []int{0, 1, 2, 3}; !slices.Equal(order, want) {
		t.Errorf("turns went in order %v, want %v", order, want)
	}
}

// TestWaiterLeavesOnCancel checks that a waiter whose context ends stops waiting at once (it
// is woken, not left to its heartbeat, a minute's third here) and leaves the queue.
func TestWaiterLeavesOnCancel(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	holder, rdb := process(t, addr, 3*time.Minute)
	_, release, err := holder.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	waiter, _ := process(t, addr, 3*time.Minute)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() {
		_, _, err := waiter.Acquire(ctx, "u")
		done <- err
	}()
	waitQueued(t, rdb, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Acquire = %v, want context.Canceled", err)
	}
	if n := queued(t, rdb); n != 0 {
		t.Errorf("%d waiters left in Redis, want 0", n)
	}
}

// TestDeadWaiterExpires has a waiter die (its Redis client closes, so it cannot leave the
// queue) while first in line: the next waiter gets the turn once the dead one's ticket
// expires, after about one TTL.
func TestDeadWaiterExpires(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	const ttl = 300 * time.Millisecond
	holder, rdb := process(t, addr, ttl)
	_, release, err := holder.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	dead, deadRDB := process(t, addr, ttl)
	deadDone := make(chan error)
	go func() {
		_, _, err := dead.Acquire(t.Context(), "u")
		deadDone <- err
	}()
	waitQueued(t, rdb, 1)
	deadRDB.Close()
	var rerr *redisturn.Error
	if err := <-deadDone; !errors.As(err, &rerr) {
		t.Errorf("Acquire on a closed client = %v, want a *redisturn.Error", err)
	}
	next, _ := process(t, addr, ttl)
	got := make(chan error)
	go func() {
		_, rel, err := next.Acquire(t.Context(), "u")
		if err == nil {
			rel()
		}
		got <- err
	}()
	waitQueued(t, rdb, 2)
	release()
	if err := <-got; err != nil {
		t.Errorf("the waiter after a dead one: %v", err)
	}
}

// TestDeadHolder has a holder lose Redis (its client closes) while it holds the turn: its
// held context ends with a *LeaseLostError once its lease's validity runs out, and another
// process gets the turn once the lease expires in Redis.
func TestDeadHolder(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	const ttl = 300 * time.Millisecond
	holder, holderRDB := process(t, addr, ttl)
	held, release, err := holder.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	other, _ := process(t, addr, ttl)
	holderRDB.Close()
	_, rel, err := other.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	defer rel()
	// The lease expired in Redis: the holder's view of it has ended by now.
	if held.Err() == nil {
		t.Fatal("the holder's held context is not done once another process has the turn")
	}
	var lost *redisturn.LeaseLostError
	if !errors.As(context.Cause(held), &lost) || !lost.Expired {
		t.Fatalf("cause = %v, want an expired *LeaseLostError", context.Cause(held))
	}
	// The holder may see its lease's validity run out before its failed renewal reports
	// (a loaded machine delays the renewal's goroutine); when a renewal did report, the
	// cause carries its error.
	if lost.Err != nil && !errors.Is(lost, redis.ErrClosed) {
		t.Errorf("cause %v does not wrap the renewal's error", lost)
	}
	if strings.Contains(lost.Error(), "u\"") || !strings.Contains(lost.Key, "{") {
		t.Errorf("key %q: want the user hashed in a hash tag", lost.Key)
	}
}

// TestHeldWhileRenewed checks that a turn held for several TTLs keeps its lease: renewals
// keep other processes out and held alive. (The TTL leaves the renewals, due every second,
// room for scheduling stalls of a loaded machine under the race detector: TTLs of 100 ms
// and of 1 s did not.)
func TestHeldWhileRenewed(t *testing.T) {
	t.Parallel()
	addr := needLongRedis(t)
	const ttl = 3 * time.Second
	holder, _ := process(t, addr, ttl)
	held, release, err := holder.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	other, _ := process(t, addr, ttl)
	ctx, cancel := context.WithTimeout(t.Context(), 2*ttl)
	defer cancel()
	if _, rel, err := other.Acquire(ctx, "u"); err == nil {
		rel()
		t.Fatal("another process got the turn of a holder that renews its lease")
	}
	if err := held.Err(); err != nil {
		t.Errorf("held done: %v", context.Cause(held))
	}
}

// TestRedisUnreachable checks that the first Acquire against a Redis that does not answer
// fails with an *Error that names the address, and never the password.
func TestRedisUnreachable(t *testing.T) {
	t.Parallel()
	addr := redistest.UnusedAddr(t)
	seq, err := redisturn.NewFromURL("redis://worker:s3cr3t-pw@"+addr+"/0?dial_timeout=200ms", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer seq.Close()
	_, _, err = seq.Acquire(t.Context(), "u")
	var rerr *redisturn.Error
	if !errors.As(err, &rerr) || rerr.Addr != addr || !strings.Contains(err.Error(), addr) {
		t.Fatalf("Acquire = %v, want a *redisturn.Error naming %s", err, addr)
	}
	if strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("error %q shows the password", err)
	}
}

// TestBadURL checks that a URL that cannot be used is refused without showing its password.
func TestBadURL(t *testing.T) {
	t.Parallel()
	for name, u := range map[string]string{
		"not a URL":    "redis://worker:s3cr3t-pw@[::1",
		"wrong scheme": "http://worker:s3cr3t-pw@127.0.0.1:6379",
		"bad option":   "redis://worker:s3cr3t-pw@127.0.0.1:6379/0?dial_timeout=soon",
		"empty":        "",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seq, err := redisturn.NewFromURL(u, nil)
			if err == nil {
				seq.Close()
				t.Fatal("NewFromURL accepted it")
			}
			if strings.Contains(err.Error(), "s3cr3t") || !strings.HasPrefix(err.Error(), "redisturn: ") {
				t.Errorf("error %q: want a redisturn error without the password", err)
			}
		})
	}
}

// TestNoClient checks that a Sequencer without a Redis client fails instead of panicking.
func TestNoClient(t *testing.T) {
	t.Parallel()
	for name, seq := range map[string]*redisturn.Sequencer{
		"nil":        nil,
		"zero":       {},
		"nil client": redisturn.New(nil, nil),
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := seq.Acquire(t.Context(), "u"); err == nil || !strings.HasPrefix(err.Error(), "redisturn: ") {
				t.Errorf("Acquire = %v, want a redisturn error", err)
			}
		})
	}
}
