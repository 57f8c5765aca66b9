// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"errors"
	"net"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// waiter is one process's place in the queue of a user, while it waits for the lease.
type waiter struct {
	s     *Sequencer
	k     userKeys
	token string
}

// try queues the waiter and takes the lease if it is its turn. Without the lease, it returns
// the lease's remaining time in ms, or a negative number when no one holds it.
func (w *waiter) try(ctx context.Context) (granted bool, pttl int64, err error) {
	s := w.s
	res, err := acquireScript.Run(context.WithoutCancel(ctx), s.rdb,
		[]string{w.k.lease, w.k.queue, w.k.alive, w.k.seq},
		w.token, s.ttl.Milliseconds(), s.ttl.Milliseconds(), w.k.wakePrefix).Int64Slice()
	if err != nil {
		return false, 0, &Error{Op: "acquire", Addr: s.addr, Err: err}
	}
	if len(res) != 2 {
		return false, 0, &Error{Op: "acquire", Addr: s.addr, Err: errors.New("unexpected script reply")}
	}
	return res[0] == 1, res[1], nil
}

// wait blocks until the waiter is woken (by a release, or by its context ending), until the
// lease's remaining time pttl (ms) has passed, or for a third of the TTL, whichever comes
// first: each try is also the waiter's heartbeat.
func (w *waiter) wait(ctx context.Context, pttl int64) error {
	d := w.s.ttl / 3
	if pttl > 0 {
		d = min(d, time.Duration(pttl+1)*time.Millisecond)
	}
	d = max(d, time.Millisecond)
	// The blocking pop is not cut short by go-redis when ctx ends; wake does that.
	cmd := redis.NewStringSliceCmd(ctx, "blpop", w.k.wakePrefix+w.token, strconv.FormatFloat(d.Seconds(), 'f', 3, 64))
	err := w.s.rdb.Process(context.WithoutCancel(ctx), cmd)
	var ne net.Error
	switch {
	case err == nil, errors.Is(err, redis.Nil):
		return nil
	case errors.As(err, &ne) && ne.Timeout():
		// The client's read timeout is shorter than the pop: it counts as a wake-up.
		return nil
	}
	return &Error{Op: "wait", Addr: w.s.addr, Err: err}
}

// wake ends a wait of the waiter, if it is in one.
func (w *waiter) wake() {
	ctx, cancel := context.WithTimeout(context.Background(), w.s.ttl)
	defer cancel()
	key := w.k.wakePrefix + w.token
	_, _ = w.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.RPush(ctx, key, "0")
		p.PExpire(ctx, key, w.s.ttl)
		return nil
	})
}

// leave takes the waiter out of the queue, or gives up its lease, and wakes the next
// waiter. It is best effort: what Redis does not hear of expires within the TTL.
func (w *waiter) leave() bool {
	ctx, cancel := context.WithTimeout(context.Background(), w.s.ttl)
	defer cancel()
	n, err := leaveScript.Run(ctx, w.s.rdb, []string{w.k.lease, w.k.queue, w.k.alive},
		w.token, w.s.ttl.Milliseconds(), w.k.wakePrefix).Int64()
	return err == nil && n == 1
}
