// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"sync"
	"time"
)

// lease is a granted turn: the token that holds the user's lease key, and how long the
// holder counts it as valid.
type lease struct {
	s     *Sequencer
	k     userKeys
	token string

	mu         sync.Mutex
	validUntil time.Time // on the monotonic clock
	renewedAt  time.Time // start of the grant or latest successful renewal
	lastErr    error     // latest renewal error

	cancel context.CancelCauseFunc
}

// heldContext is the held context of a turn. Its Err also looks at the lease's validity on
// the clock, so that a holder that was paused past its lease learns it at its next check,
// before the renewer has had a chance to run.
type heldContext struct {
	context.Context
	l *lease
}

// Err implements context.Context.
func (h heldContext) Err() error {
	if err := h.Context.Err(); err != nil {
		return err
	}
	h.l.expireIfDue(time.Now())
	return h.Context.Err()
}

// hold starts renewing l and returns the turn's held context and its release, which also
// calls localRelease.
func (l *lease) hold(ctx context.Context, localRelease func()) (context.Context, func()) {
	inner, cancel := context.WithCancelCause(ctx)
	l.cancel = cancel
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.renew(stop)
	}()
	var once sync.Once
	release := func() {
		once.Do(func() {
			close(stop)
			<-done
			w := &waiter{s: l.s, k: l.k, token: l.token}
			w.leave()
			cancel(errReleased)
			localRelease()
		})
	}
	return heldContext{Context: inner, l: l}, release
}

// expireIfDue ends the turn if the lease's validity has run out at now.
func (l *lease) expireIfDue(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Before(l.validUntil) {
		return
	}
	l.cancel(&LeaseLostError{Key: l.k.lease, Expired: true, Since: now.Sub(l.renewedAt), Err: l.lastErr})
}

// renew extends the lease every third of the TTL until stop is closed or the lease is lost.
func (l *lease) renew(stop <-chan struct{}) {
	s := l.s
	t := time.NewTimer(s.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		now := time.Now()
		l.mu.Lock()
		validUntil := l.validUntil
		l.mu.Unlock()
		l.expireIfDue(now)
		if !now.Before(validUntil) {
			return
		}
		ctx, cancel := context.WithDeadline(context.Background(), validUntil)
		n, err := renewScript.Run(ctx, s.rdb, []string{l.k.lease}, l.token, s.ttl.Milliseconds()).Int64()
		cancel()
		next := s.ttl / 3
		l.mu.Lock()
		switch {
		case err != nil:
			l.lastErr = &Error{Op: "renew", Addr: s.addr, Err: err}
			next = s.ttl / 10 // try again soon, while the lease lasts
		case n == 1:
			l.validUntil, l.renewedAt, l.lastErr = now.Add(s.validity()), now, nil
		default:
			l.cancel(&LeaseLostError{Key: l.k.lease, Since: now.Sub(l.renewedAt)})
			l.mu.Unlock()
			return
		}
		// Wake up no later than the end of the lease's validity, to end the turn then.
		next = min(next, time.Until(l.validUntil))
		l.mu.Unlock()
		t.Reset(max(next, 0))
	}
}
