// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"sync"
	"time"
)

// Pacer paces write requests per user key. Create it with [New]; it is safe
// for concurrent use, and one Pacer may serve one client or be shared by
// several clients acting for the same users.
type Pacer struct {
	cfg settings

	mu    sync.Mutex
	users map[string]*userState
}

// New returns a Pacer for cfg, or an error matching [ErrInvalidConfig] if a
// field is outside its documented range.
func New(cfg Config) (*Pacer, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	return &Pacer{cfg: s, users: make(map[string]*userState)}, nil
}

// Wait blocks until it is user's turn to send a write request: until the
// user's not-before time has passed and the user's rate allows one more
// request. It takes the turn, so call it once per attempt, retries included.
//
// It returns ctx.Err() at once if ctx is already done and as soon as ctx is
// done during the wait; a turn given up that way is handed back. If the turn
// comes after ctx's deadline, Wait does not wait: it returns a
// [*DeadlineError] at once. For a user that is not paced and has no pending
// throttle, Wait returns nil at once.
func (p *Pacer) Wait(ctx context.Context, user string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	u := p.lookup(user)
	if u == nil {
		if p.cfg.perMinute == 0 {
			return nil
		}
		u = p.state(user)
	}

	now := p.cfg.now()
	res, delay := u.reserve(now)
	if err := p.pause(ctx, delay); err != nil {
		if res != nil {
			res.CancelAt(p.cfg.now())
		}
		return err
	}
	// A throttle reported while this caller slept moves its turn to the
	// new not-before time; the token already taken is kept.
	for {
		d := u.untilNotBefore(p.cfg.now())
		if d <= 0 {
			return nil
		}
		if err := p.pause(ctx, d); err != nil {
			return err
		}
	}
}

// pause sleeps for d, or fails at once if d ends after ctx's deadline.
func (p *Pacer) pause(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && d > time.Until(deadline) {
		return &DeadlineError{Delay: d}
	}
	return p.cfg.sleep(ctx, d)
}

// Delay returns how long a Wait for user would take if called now, for
// progress reports. It takes no turn and creates no state.
func (p *Pacer) Delay(user string) time.Duration {
	u := p.lookup(user)
	if u == nil {
		return 0 // a new user's bucket is full
	}
	return u.delay(p.cfg.now())
}

// Rate returns user's current rate in requests per minute, or 0 if the
// user's requests are not paced.
func (p *Pacer) Rate(user string) float64 {
	u := p.lookup(user)
	if u == nil {
		return p.cfg.perMinute
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.perMinute
}

// lookup returns user's state, or nil if it has none yet.
func (p *Pacer) lookup(user string) *userState {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.users[user]
}

// state returns user's state, creating it if needed: paced at PerMinute, or
// unpaced when PerMinute is 0.
func (p *Pacer) state(user string) *userState {
	p.mu.Lock()
	defer p.mu.Unlock()
	u := p.users[user]
	if u == nil {
		u = &userState{}
		if r := p.cfg.perMinute; r > 0 {
			u.setRate(time.Time{}, r)
			u.ceiling = r
		}
		p.users[user] = u
	}
	return u
}
