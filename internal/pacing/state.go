// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"slices"
	"time"
)

// State is one user's pacing state as plain values: everything a [Pacer] decides that user's
// turns from, with times on the wall clock, so that it can be serialized (encoding/json,
// encoding/gob) and live outside the process. A store shared by several processes reads it
// with [Pacer.Import] before the user's turn is taken and writes back what [Pacer.Export]
// returns once the turn's reply is reported, while it holds the user's turn (a distributed
// sequencer's lock), so that only the turn's holder writes. The zero State is a user never
// seen: importing it forgets the user.
type State struct {
	// Windows are the Pacer's windows, which Limits and RuledOut follow.
	Windows []time.Duration `json:"windows"`
	// Turns are the user's recent turns, oldest first; FirstTurn is the number of Turns[0].
	Turns     []TurnRecord `json:"turns,omitempty"`
	FirstTurn uint64       `json:"firstTurn,omitempty"`
	// NotBefore is the not-before time a hint set, NextFree the spacing's theoretical
	// arrival time, LastTurn when the latest turn was taken.
	NotBefore time.Time `json:"notBefore"`
	NextFree  time.Time `json:"nextFree"`
	LastTurn  time.Time `json:"lastTurn"`
	// The learning of the quota, as the package doc describes it.
	Phase        uint8     `json:"phase,omitempty"`
	Throttled    time.Time `json:"throttled"` // the latest throttle, if WasThrottled
	WasThrottled bool      `json:"wasThrottled,omitempty"`
	Active       int8      `json:"active"` // index into Windows, -1 for none
	RuledOut     []bool    `json:"ruledOut,omitempty"`
	Limits       []int     `json:"limits,omitempty"`
	Limit        int       `json:"limit,omitempty"`
	Top          int       `json:"top,omitempty"`
	First        int       `json:"first,omitempty"`
	SettledAt    time.Time `json:"settledAt"`
	Bad          int       `json:"bad,omitempty"`
	Gap          int       `json:"gap,omitempty"`
	LessCatchUp  int8      `json:"lessCatchUp,omitempty"`
	ChangedAt    time.Time `json:"changedAt"`
	// While Phase is the rated one: the interval between turns, the longest one a throttle
	// showed too short, the interval before a probe of a shorter one, the turns admitted at
	// the interval, and how many must pass before the next probe.
	Interval    time.Duration `json:"interval,omitempty"`
	TooShort    time.Duration `json:"tooShort,omitempty"`
	BeforeProbe time.Duration `json:"beforeProbe,omitempty"`
	Passed      int           `json:"passed,omitempty"`
	ProbeWait   int           `json:"probeWait,omitempty"`
	// The fixed-window reading of the quota: the latest time the fixed window that refused
	// the episode's first throttle can have begun and the fewest turns it held, the windows
	// whose fixed reading is ruled out, the window the user is held for (while Phase is the
	// holding one) or whose edge admitted it (if WasReopened, at Reopened), and whether the
	// limit probed under that window is what a fixed window held from its edge.
	EdgeFrom    time.Time `json:"edgeFrom"`
	LeastHeld   int       `json:"leastHeld,omitempty"`
	FixedOut    []bool    `json:"fixedOut,omitempty"`
	Held        int8      `json:"held,omitempty"`
	Reopened    time.Time `json:"reopened"`
	WasReopened bool      `json:"wasReopened,omitempty"`
	Exact       bool      `json:"exact,omitempty"`
	// Unexplained says that the episode began at a throttle that the window followed before
	// could not explain: a token bucket's burst may have filled it.
	Unexplained bool `json:"unexplained,omitempty"`
}

// TurnRecord is one turn of a [State].
type TurnRecord struct {
	At time.Time `json:"at"`
	// Outcome is 0 while no reply was reported, 1 admitted, 2 refused.
	Outcome uint8 `json:"outcome,omitempty"`
	// Early marks a turn taken from the catch-up burst.
	Early bool `json:"early,omitempty"`
}

// Export returns user's state, or the zero State and false if the Pacer holds none (a user
// never seen, or idle long enough to be dropped).
func (p *Pacer) Export(user string) (State, bool) {
	u := p.lookup(user)
	if u == nil {
		return State{}, false
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	at := p.wall
	s := State{
		Windows: slices.Clone(p.cfg.windows), FirstTurn: u.log.first,
		NotBefore: at(u.notBefore), NextFree: at(u.tat), LastTurn: at(u.lastTurn),
		Phase: u.phase, Throttled: at(u.throttled), WasThrottled: u.wasThrottled, Active: u.active,
		RuledOut: slices.Clone(u.ruledOut[:len(p.cfg.windows)]), Limits: slices.Clone(u.limits[:len(p.cfg.windows)]),
		Limit: u.limit, Top: u.top, First: u.first, SettledAt: at(u.settledAt), Bad: u.bad, Gap: u.gap,
		LessCatchUp: u.lessCatchUp, ChangedAt: at(u.changedAt),
		Interval: time.Duration(u.interval), TooShort: time.Duration(u.tooShort), BeforeProbe: time.Duration(u.beforeProbe),
		Passed: u.passed, ProbeWait: u.probeWait,
		EdgeFrom: at(u.edgeFrom), LeastHeld: u.leastHeld, FixedOut: slices.Clone(u.fixedOut[:len(p.cfg.windows)]),
		Held: u.held, Reopened: at(u.reopened), WasReopened: u.wasReopened, Exact: u.exact,
		Unexplained: u.unexplained,
	}
	for n := u.log.first; n < u.log.next; n++ {
		e := u.log.get(n)
		s.Turns = append(s.Turns, TurnRecord{At: at(e.at), Outcome: e.state, Early: e.early})
	}
	return s, true
}

// Import replaces user's state with s, as Export returned it here or in another process
// whose Pacer has the same windows; the zero State forgets the user. It fails, changing
// nothing, if the windows differ or a field is out of range. A Turn taken before the Import
// reports to the state it was taken from.
func (p *Pacer) Import(user string, s State) error {
	if s.Windows == nil {
		p.mu.Lock()
		delete(p.users, user)
		p.mu.Unlock()
		return nil
	}
	if !slices.Equal(s.Windows, p.cfg.windows) {
		return fmt.Errorf("pacing: state for windows %v, Pacer has %v", s.Windows, p.cfg.windows)
	}
	n := len(p.cfg.windows)
	if int(s.Active) < -1 || int(s.Active) >= n || s.Phase > holding || len(s.RuledOut) > n || len(s.Limits) > n ||
		len(s.Turns) > maxLog || s.FirstTurn > maxFirstTurn || s.LessCatchUp < 0 || s.LessCatchUp >= catchUp || (s.Active >= 0 && (s.Limit < 1 || s.Limit > maxLimit)) ||
		!slices.IsSortedFunc(s.Turns, func(a, b TurnRecord) int { return a.At.Compare(b.At) }) {
		return fmt.Errorf("pacing: state out of range")
	}
	if (s.Active < 0) != (s.Phase == unknown || s.Phase == rated || s.Phase == holding) {
		return fmt.Errorf("pacing: state out of range")
	}
	if len(s.FixedOut) > n || s.LeastHeld < 0 || s.Held < 0 || int(s.Held) >= n {
		return fmt.Errorf("pacing: state out of range")
	}
	if s.Phase == rated && (s.Interval <= 0 || s.Interval > maxSpacing || s.TooShort < 0 || s.TooShort > maxSpacing ||
		s.BeforeProbe < 0 || s.BeforeProbe > maxSpacing || s.Passed < 0 || s.ProbeWait < 0 || s.ProbeWait > maxForgetWait) {
		return fmt.Errorf("pacing: state out of range")
	}
	for _, t := range s.Turns {
		if t.Outcome > turnRefused {
			return fmt.Errorf("pacing: state out of range")
		}
	}
	ns := p.fromWall
	u := &userState{
		notBefore: ns(s.NotBefore), tat: ns(s.NextFree), lastTurn: ns(s.LastTurn),
		phase: s.Phase, throttled: ns(s.Throttled), wasThrottled: s.WasThrottled, active: s.Active,
		limit: s.Limit, top: s.Top, first: s.First, settledAt: ns(s.SettledAt), bad: s.Bad, gap: s.Gap,
		lessCatchUp: s.LessCatchUp, changedAt: ns(s.ChangedAt),
		interval: int64(s.Interval), tooShort: int64(s.TooShort), beforeProbe: int64(s.BeforeProbe),
		passed: s.Passed, probeWait: s.ProbeWait,
		edgeFrom: ns(s.EdgeFrom), leastHeld: s.LeastHeld, held: s.Held, reopened: ns(s.Reopened),
		wasReopened: s.WasReopened, exact: s.Exact, unexplained: s.Unexplained,
	}
	copy(u.ruledOut[:], s.RuledOut)
	copy(u.fixedOut[:], s.FixedOut)
	copy(u.limits[:], s.Limits)
	u.log.first, u.log.next = s.FirstTurn, s.FirstTurn
	for _, t := range s.Turns {
		n := u.log.add(ns(t.At), t.Early)
		u.log.get(n).state = t.Outcome
	}
	p.mu.Lock()
	p.users[user] = u
	p.peak = max(p.peak, len(p.users))
	p.mu.Unlock()
	return nil
}

// maxLimit bounds an imported limit, and maxFirstTurn the number of its oldest turn, so that
// the turns' numbers cannot wrap around.
const (
	maxLimit     = 1 << 30
	maxFirstTurn = 1 << 62
)

// wall returns the wall-clock time of ns, a time on the Pacer's clock.
func (p *Pacer) wall(ns int64) time.Time { return p.epoch.Add(time.Duration(ns)).Round(0).UTC() }

// fromWall returns t on the Pacer's clock.
func (p *Pacer) fromWall(t time.Time) int64 { return int64(t.Sub(p.epoch.Round(0))) }
