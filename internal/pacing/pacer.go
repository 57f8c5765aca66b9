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
	cfg   settings
	epoch time.Time

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
	return &Pacer{cfg: s, epoch: s.now(), users: make(map[string]*userState)}, nil
}

// Turn is one request's turn, returned by [Pacer.Wait]. Report how the request fared with
// [Turn.Succeeded] or [Turn.Throttled]; a turn whose request failed otherwise needs no
// report. The zero Turn ignores its reports.
type Turn struct {
	p    *Pacer
	u    *userState
	seq  uint64
	cand int8 // the window the turn was paced by, or -1
}

// Wait blocks until it is user's turn to send a write request and takes the turn: until the
// user's not-before time has passed, the user's spacing allows one more request and the
// user's learned quota window has room. Call it once per attempt, retries included.
//
// It returns ctx.Err() at once if ctx is already done and as soon as ctx is done during the
// wait, taking no turn. If the turn comes after ctx's deadline, Wait does not wait: it
// returns a [*DeadlineError] at once.
func (p *Pacer) Wait(ctx context.Context, user string) (Turn, error) {
	u := p.state(user)
	for {
		if err := ctx.Err(); err != nil {
			return Turn{}, err
		}
		// Read the clock under the lock, so that the user's log stays in the order of time
		// when several goroutines wait for the same user.
		u.mu.Lock()
		now := p.clock()
		at := u.earliest(&p.cfg, now)
		if at <= now {
			t := Turn{p: p, u: u, seq: u.grant(&p.cfg, now), cand: u.active}
			u.mu.Unlock()
			return t, nil
		}
		u.mu.Unlock()
		if err := p.pause(ctx, time.Duration(at-now)); err != nil {
			return Turn{}, err
		}
	}
}

// Succeeded reports that the turn's request got through without being throttled.
func (t Turn) Succeeded() {
	if t.u == nil {
		return
	}
	now := t.p.clock()
	t.u.mu.Lock()
	defer t.u.mu.Unlock()
	t.u.admitted(&t.p.cfg, t.seq, t.cand, now)
}

// Throttled reports that the server throttled the turn's request (429 RESOURCE_EXHAUSTED or
// a rate-limit 403). Pass the server's Retry-After or RetryInfo delay as hint: the user's
// next turn then waits at least that long from now (the not-before time never moves
// earlier, and hints above 24 hours count as 24 hours). With no hint (0), the user's quota
// is learned as the package doc describes.
func (t Turn) Throttled(hint time.Duration) {
	if t.u == nil {
		return
	}
	now := t.p.clock()
	t.u.mu.Lock()
	defer t.u.mu.Unlock()
	if hint > 0 {
		// The server said when to come back: nothing to learn.
		t.u.notBefore = max(t.u.notBefore, now+int64(min(hint, maxHint)))
		t.u.forget(t.seq)
		return
	}
	t.u.refused(&t.p.cfg, t.seq, t.cand, now)
}

// maxHint bounds a throttle's hint, so that adding it to a time cannot overflow. Callers
// surface such long waits instead of sleeping on them.
const maxHint = 24 * time.Hour

// pause sleeps for d, or fails at once if d ends after ctx's deadline.
func (p *Pacer) pause(ctx context.Context, d time.Duration) error {
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
		return 0
	}
	now := p.clock()
	u.mu.Lock()
	defer u.mu.Unlock()
	return time.Duration(u.earliest(&p.cfg, now) - now)
}

// Rate returns the rate user's requests are spaced at, in requests per minute, or 0 if they
// are not spaced.
func (p *Pacer) Rate(user string) float64 {
	var d time.Duration
	if u := p.lookup(user); u != nil {
		u.mu.Lock()
		d = u.spacing(&p.cfg)
		u.mu.Unlock()
	} else {
		d = p.cfg.spacing
	}
	if d == 0 {
		return 0
	}
	return float64(time.Minute) / float64(d)
}

// clock returns the time since the Pacer's epoch in nanoseconds.
func (p *Pacer) clock() int64 { return int64(p.cfg.now().Sub(p.epoch)) }

// lookup returns user's state, or nil if it has none yet.
func (p *Pacer) lookup(user string) *userState {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.users[user]
}

// state returns user's state, creating it if needed.
func (p *Pacer) state(user string) *userState {
	p.mu.Lock()
	defer p.mu.Unlock()
	u := p.users[user]
	if u == nil {
		u = newUserState()
		p.users[user] = u
	}
	return u
}
