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

// grant is what the try that took the lease read: the user's pacing state, nil for none,
// and how long before the try ran in Redis the state was made, by Redis's clock; and when
// the try ran in Redis on the local clock, estimated as the middle of its round trip.
type grant struct {
	pacing []byte
	age    time.Duration
	at     time.Time
	rtt    time.Duration
}

// try queues the waiter and takes the lease if it is its turn. Without the lease, it returns
// a nil grant and the lease's remaining time in ms, or a negative number when no one holds it.
func (w *waiter) try(ctx context.Context) (g *grant, pttl int64, err error) {
	s := w.s
	sent := time.Now()
	res, err := acquireScript.Run(context.WithoutCancel(ctx), s.rdb,
		[]string{w.k.lease, w.k.queue, w.k.alive, w.k.seq, w.k.pacing},
		w.token, s.ttl.Milliseconds(), s.ttl.Milliseconds()).Slice()
	if err != nil {
		return nil, 0, &Error{Op: "acquire", Addr: s.addr, Err: err}
	}
	g, pttl, ok := readTry(res)
	if !ok {
		return nil, 0, &Error{Op: "acquire", Addr: s.addr, Err: errors.New("unexpected script reply")}
	}
	if g != nil {
		g.rtt = time.Since(sent)
		g.at = sent.Add(g.rtt / 2)
	}
	return g, pttl, nil
}

// readTry reads the reply of acquireScript.
func readTry(res []any) (g *grant, pttl int64, ok bool) {
	if len(res) < 2 {
		return nil, 0, false
	}
	granted, ok1 := res[0].(int64)
	pttl, ok2 := res[1].(int64)
	if !ok1 || !ok2 {
		return nil, 0, false
	}
	if granted != 1 {
		return nil, pttl, true
	}
	g = new(grant)
	if len(res) == 4 {
		age, ok1 := res[2].(int64)
		data, ok2 := res[3].(string)
		if ok1 && ok2 && age >= 0 && data != "" {
			g.pacing, g.age = []byte(data), time.Duration(age)*time.Microsecond
		}
	}
	return g, 0, true
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

// leave takes the waiter out of the queue, or gives up its lease, writing pacing (if not
// empty) as the user's pacing state, made lag before the script runs in Redis, while the
// lease is still its own, and wakes the next waiter. It is best effort: what Redis does not
// hear of expires within the TTL.
func (w *waiter) leave(pacing []byte, lag time.Duration) {
	w.unsubscribe()
	ctx, cancel := context.WithTimeout(context.Background(), w.s.ttl)
	defer cancel()
	_ = leaveScript.Run(ctx, w.s.rdb, []string{w.k.lease, w.k.queue, w.k.alive, w.k.pacing}, w.token, w.k.wake,
		pacing, PacingTTL.Milliseconds(), max(lag, 0).Microseconds()).Err()
}

// unsubscribe stops listening for releases.
func (w *waiter) unsubscribe() {
	if w.sub != nil {
		w.s.wakes.unsubscribe(w.k.wake, w.sub)
		w.sub = nil
	}
}
