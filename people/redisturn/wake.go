// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// wakeups hears, for the waiters of one process, the releases published on their users' wake
// channels, over one pub/sub connection that is open while someone waits. (A blocking pop
// per waiter would hold a pooled connection for each user waited for.)
type wakeups struct {
	rdb redis.UniversalClient

	mu   sync.Mutex
	ps   *redis.PubSub       // nil while no one waits
	stop chan struct{}       // closed to end ps's receiver
	done chan struct{}       // closed once ps's receiver has ended
	subs map[string]*wakeSub // by channel; one waiter per user per process
}

// wakeSub is a waiter's subscription to its user's wake channel.
type wakeSub struct {
	ready     chan struct{} // closed once Redis has confirmed the subscription
	readyOnce sync.Once
	wake      chan string // the tokens that releases name as next holder; the latest kept
}

// subscribe subscribes to channel and waits, at most confirm, for Redis to confirm it, so
// that a release published after the caller's next try is heard.
func (w *wakeups) subscribe(ctx context.Context, channel string, confirm time.Duration) (*wakeSub, error) {
	sub := &wakeSub{ready: make(chan struct{}), wake: make(chan string, 1)}
	w.mu.Lock()
	if w.subs == nil {
		w.subs = make(map[string]*wakeSub)
	}
	w.subs[channel] = sub
	if w.ps == nil {
		w.ps = w.rdb.Subscribe(context.WithoutCancel(ctx))
		w.stop, w.done = make(chan struct{}), make(chan struct{})
		go w.receive(w.ps, w.stop, w.done)
	}
	ps := w.ps
	w.mu.Unlock()
	if err := ps.Subscribe(context.WithoutCancel(ctx), channel); err != nil {
		w.unsubscribe(channel, sub)
		return nil, err
	}
	t := time.NewTimer(confirm)
	defer t.Stop()
	select {
	case <-sub.ready:
	case <-t.C: // not confirmed yet: the waiter's heartbeat covers a missed release
	case <-ctx.Done():
	}
	return sub, nil
}

// unsubscribe ends sub, and the pub/sub connection with the last one.
func (w *wakeups) unsubscribe(channel string, sub *wakeSub) {
	w.mu.Lock()
	if w.subs[channel] == sub {
		delete(w.subs, channel)
	}
	ps, stop, done := w.ps, w.stop, w.done
	if len(w.subs) > 0 || ps == nil {
		w.mu.Unlock()
		if ps != nil {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_ = ps.Unsubscribe(ctx, channel)
		}
		return
	}
	w.ps = nil
	w.mu.Unlock()
	close(stop)
	_ = ps.Close()
	<-done
}

// receive hands the messages of ps to the subscribers until stop is closed.
func (w *wakeups) receive(ps *redis.PubSub, stop, done chan struct{}) {
	defer close(done)
	retry := time.NewTimer(0)
	defer retry.Stop()
	for {
		msg, err := ps.Receive(context.Background())
		if err != nil {
			if errors.Is(err, redis.ErrClosed) {
				return
			}
			// Redis is away: go-redis reconnects, and subscribes again, on the next
			// Receive. Meanwhile waiters fall back on their heartbeats.
			retry.Reset(50 * time.Millisecond)
			select {
			case <-stop:
				return
			case <-retry.C:
			}
			continue
		}
		w.mu.Lock()
		switch m := msg.(type) {
		case *redis.Subscription:
			if sub := w.subs[m.Channel]; sub != nil && m.Kind == "subscribe" {
				sub.readyOnce.Do(func() { close(sub.ready) })
			}
		case *redis.Message:
			if sub := w.subs[m.Channel]; sub != nil {
				select {
				case <-sub.wake:
				default:
				}
				sub.wake <- m.Payload
			}
		}
		w.mu.Unlock()
	}
}
