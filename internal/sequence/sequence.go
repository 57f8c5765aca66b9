// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package sequence grants turns per key, one holder at a time, in the order they were asked
// for.
package sequence

import (
	"context"
	"sync"
)

// Keyed is a set of first-in first-out locks, one per key, created on first use and
// dropped when no one holds or waits for them. The zero value is ready to use.
type Keyed struct {
	mu    sync.Mutex
	lines map[string]*line
}

// line is the queue of one key: the holder, if any, and the waiters in order.
type line struct {
	held    bool
	waiters []chan struct{}
}

// Acquire waits for key's turn, first come first served, or until ctx is done. On success
// the caller holds the turn until it calls release, exactly once.
func (k *Keyed) Acquire(ctx context.Context, key string) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k.mu.Lock()
	if k.lines == nil {
		k.lines = make(map[string]*line)
	}
	l := k.lines[key]
	if l == nil {
		l = &line{}
		k.lines[key] = l
	}
	if !l.held {
		l.held = true
		k.mu.Unlock()
		return k.releaser(key, l), nil
	}
	ready := make(chan struct{})
	l.waiters = append(l.waiters, ready)
	k.mu.Unlock()

	select {
	case <-ready:
		return k.releaser(key, l), nil
	case <-ctx.Done():
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	select {
	case <-ready:
		// The turn came as the context ended: pass it on.
		k.handOff(key, l)
	default:
		for i, w := range l.waiters {
			if w == ready {
				l.waiters = append(l.waiters[:i], l.waiters[i+1:]...)
				break
			}
		}
	}
	return nil, ctx.Err()
}

func (k *Keyed) releaser(key string, l *line) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			k.mu.Lock()
			k.handOff(key, l)
			k.mu.Unlock()
		})
	}
}

// handOff gives the turn to the next waiter, or frees the line. k.mu must be held.
func (k *Keyed) handOff(key string, l *line) {
	if len(l.waiters) > 0 {
		next := l.waiters[0]
		l.waiters = l.waiters[1:]
		close(next)
		return
	}
	l.held = false
	delete(k.lines, key)
}
