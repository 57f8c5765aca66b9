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

	// project learns the quotas shared by every user of the Cloud project, over the turns of
	// all the Pacer's users. Its lock is taken after a user's.
	project userState

	mu    sync.Mutex
	users map[string]*userState
	// sweptAt is when idle users were last dropped, and swept how many users were left.
	sweptAt int64
	swept   int
	// peak is the most users held since users was made: the map is made anew when most have
	// gone, as a Go map does not give back the memory of deleted entries.
	peak int
}

// New returns a Pacer for cfg, or an error matching [ErrInvalidConfig] if a
// field is outside its documented range.
func New(cfg Config) (*Pacer, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	return &Pacer{cfg: s, epoch: s.now(), project: userState{active: -1, shared: true}, users: make(map[string]*userState)}, nil
}

// Turn is one request's turn, returned by [Pacer.Wait]. Report how the request fared with
// [Turn.Succeeded] or [Turn.Throttled]; a turn whose request failed otherwise needs no
// report. The zero Turn ignores its reports.
type Turn struct {
	p     *Pacer
	u     *userState
	seq   uint64 // the turn's number in the user's log, and in the project's
	pseq  uint64
	cand  int8 // the window the turn was paced by, or -1, for the user and for the project
	pcand int8
}

// Wait blocks until it is user's turn to send a write request and takes the turn: until the
// user's not-before time has passed, the user's spacing allows one more request and the
// user's learned quota window has room. Call it once per attempt, retries included.
//
// It returns ctx.Err() at once if ctx is already done and as soon as ctx is done during the
// wait, taking no turn. If the turn comes after ctx's deadline, Wait does not wait: it
// returns a [*DeadlineError] at once.
func (p *Pacer) Wait(ctx context.Context, user string) (Turn, error) {
	proj := &p.project
	for {
		if err := ctx.Err(); err != nil {
			return Turn{}, err
		}
		// Read the clock under the locks, so that the logs stay in the order of time when
		// several goroutines wait for the same user. The state is looked up at every try:
		// a user idle while it waited may have been dropped.
		u := p.state(user)
		u.mu.Lock()
		proj.mu.Lock()
		now := p.clock()
		at := max(u.earliest(&p.cfg, now), proj.earliest(&p.cfg, now))
		if at <= now {
			t := Turn{p: p, u: u, cand: u.active, pcand: proj.active}
			t.seq = u.grant(&p.cfg, now)
			t.pseq = proj.grant(&p.cfg, now)
			proj.mu.Unlock()
			u.mu.Unlock()
			return t, nil
		}
		proj.mu.Unlock()
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
	t.u.admitted(&t.p.cfg, t.seq, t.cand, now)
	t.u.mu.Unlock()
	proj := &t.p.project
	proj.mu.Lock()
	proj.admitted(&t.p.cfg, t.pseq, t.pcand, now)
	proj.mu.Unlock()
}

// Throttled reports that the server throttled the turn's request (429 RESOURCE_EXHAUSTED or
// a rate-limit 403), with what the server said. The quota that th.Scope names is learned as
// the package doc describes, from the user's turns or from those of all the Pacer's users;
// the other does not count the request. With a hint, the user's next turn waits at least
// th.Hint from now (the not-before time never moves earlier), and for a project's quota so
// does every user's.
func (t Turn) Throttled(th Throttle) {
	if t.u == nil {
		return
	}
	now := t.p.clock()
	notBefore := now + int64(min(max(th.Hint, 0), maxHint))
	learner, other := t.u, &t.p.project
	seq, cand, oseq := t.seq, t.cand, t.pseq
	if th.Scope == ScopeProject {
		learner, other = other, learner
		seq, cand, oseq = t.pseq, t.pcand, t.seq
	}
	learner.mu.Lock()
	learner.notBefore = max(learner.notBefore, notBefore)
	learner.refused(&t.p.cfg, seq, cand, now, th.Hint)
	learner.mu.Unlock()
	other.mu.Lock()
	other.forget(oseq)
	other.mu.Unlock()
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

// state returns user's state, creating it if needed, and drops the users that have been idle
// for longer than the longest window now and then.
func (p *Pacer) state(user string) *userState {
	p.mu.Lock()
	defer p.mu.Unlock()
	u := p.users[user]
	if u == nil {
		if now := p.clock(); now-p.sweptAt > int64(p.cfg.windows[len(p.cfg.windows)-1])/2 || len(p.users) >= 2*p.swept+64 {
			p.sweep(now)
		}
		u = newUserState()
		p.users[user] = u
		p.peak = max(p.peak, len(p.users))
	}
	return u
}

// sweep drops the users that nothing in their state could affect any more (see
// userState.idle), skipping any whose lock is held, and makes the map anew once most users
// have gone. Sweeps come at least half the longest window apart, or once the users have
// doubled, so that their cost stays in proportion to the turns taken. The caller holds p.mu.
func (p *Pacer) sweep(now int64) {
	for key, u := range p.users {
		if !u.mu.TryLock() {
			continue
		}
		if u.idle(&p.cfg, now) {
			delete(p.users, key)
		}
		u.mu.Unlock()
	}
	if len(p.users) < p.peak/4 {
		users := make(map[string]*userState, len(p.users))
		for key, u := range p.users {
			users[key] = u
		}
		p.users, p.peak = users, len(users)
	}
	p.sweptAt, p.swept = now, len(p.users)
}
