// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"errors"
	"time"
)

// waiter is one process's place in the queue of a user, while it waits for the lease.
type waiter struct {
	s     *Sequencer
	k     userKeys
	token string
	sub   *wakeSub // nil until the first wait
}

// try queues the waiter and takes the lease if it is its turn. Without the lease, it returns
// the lease's remaining time in ms, or a negative number when no one holds it.
func (w *waiter) try(ctx context.Context) (granted bool, pttl int64, err error) {
	s := w.s
	res, err := acquireScript.Run(context.WithoutCancel(ctx), s.rdb,
		[]string{w.k.lease, w.k.queue, w.k.alive, w.k.seq},
		w.token, s.ttl.Milliseconds(), s.ttl.Milliseconds()).Int64Slice()
	if err != nil {
		return false, 0, &Error{Op: "acquire", Addr: s.addr, Err: err}
	}
	if len(res) != 2 {
		return false, 0, &Error{Op: "acquire", Addr: s.addr, Err: errors.New("unexpected script reply")}
	}
	return res[0] == 1, res[1], nil
}

// subscribe makes sure that the waiter hears the releases of its user from now on.
func (w *waiter) subscribe(ctx context.Context) error {
	if w.sub != nil {
		return nil
	}
	sub, err := w.s.wakes.subscribe(ctx, w.k.wake, w.s.ttl/3)
	if err != nil {
		return &Error{Op: "wait", Addr: w.s.addr, Err: err}
	}
	w.sub = sub
	return nil
}

// wait blocks until a release names the waiter as the next holder, until the lease's
// remaining time pttl (ms) has passed, for a third of the TTL (each try is also the waiter's
// heartbeat), or until ctx is done, whichever comes first.
func (w *waiter) wait(ctx context.Context, pttl int64) {
	d := w.s.ttl / 3
	if pttl > 0 {
		d = min(d, time.Duration(pttl+1)*time.Millisecond)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case next := <-w.sub.wake:
			if next == w.token {
				return
			}
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}

// leave takes the waiter out of the queue, or gives up its lease, and wakes the next
// waiter. It is best effort: what Redis does not hear of expires within the TTL.
func (w *waiter) leave() {
	w.unsubscribe()
	ctx, cancel := context.WithTimeout(context.Background(), w.s.ttl)
	defer cancel()
	_ = leaveScript.Run(ctx, w.s.rdb, []string{w.k.lease, w.k.queue, w.k.alive}, w.token, w.k.wake).Err()
}

// unsubscribe stops listening for releases.
func (w *waiter) unsubscribe() {
	if w.sub != nil {
		w.s.wakes.unsubscribe(w.k.wake, w.sub)
		w.sub = nil
	}
}
