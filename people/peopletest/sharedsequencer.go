// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/sequence"
	"github.com/peoplebatch/peoplebatch-go/people"
)

// SharedSequencer is a [people.PacingSequencer] in memory. It stands in, in tests, for a
// Sequencer that several processes share (such as people/redisturn's): clients that each
// have a [people.Pacer] of their own, as workers in separate processes do, take each user's
// turn one at a time and pace on one view of the user's quota. Unlike a Redis server, it
// works inside a testing/synctest bubble. The zero value is ready to use; it must not be
// copied after first use.
type SharedSequencer struct {
	locks sequence.Keyed

	mu     sync.Mutex
	pacing map[string]storedPacing
	held   map[string]context.CancelCauseFunc
}

// storedPacing is a user's pacing state and when it was given back.
type storedPacing struct {
	data    []byte
	savedAt time.Time
}

// ErrTurnEnded is the cause of the held context of a turn that [SharedSequencer.EndTurn]
// ended, as a lost lease would.
var ErrTurnEnded = errors.New("peopletest: the turn was ended by SharedSequencer.EndTurn")

var _ people.PacingSequencer = (*SharedSequencer)(nil)

// Acquire implements [people.Sequencer]: its turn gives back no pacing state.
func (s *SharedSequencer) Acquire(ctx context.Context, user string) (held context.Context, release func(), err error) {
	t, err := s.AcquirePacing(ctx, user)
	if err != nil {
		return nil, nil, err
	}
	return t.Held, func() { t.Release(nil) }, nil
}

// AcquirePacing implements [people.PacingSequencer]: it waits, first come first served, for
// user's turn, or until ctx is done.
func (s *SharedSequencer) AcquirePacing(ctx context.Context, user string) (people.Turn, error) {
	unlock, err := s.locks.Acquire(ctx, user)
	if err != nil {
		return people.Turn{}, err
	}
	held, cancel := context.WithCancelCause(ctx)
	s.mu.Lock()
	if s.held == nil {
		s.held = make(map[string]context.CancelCauseFunc)
	}
	s.held[user] = cancel
	st := s.pacing[user]
	s.mu.Unlock()
	t := people.Turn{Held: held, Pacing: st.data}
	if st.data != nil {
		t.PacingAge = time.Since(st.savedAt)
	}
	var once sync.Once
	t.Release = func(pacing []byte) {
		once.Do(func() {
			s.mu.Lock()
			if pacing != nil && !errors.Is(context.Cause(held), ErrTurnEnded) {
				if s.pacing == nil {
					s.pacing = make(map[string]storedPacing)
				}
				s.pacing[user] = storedPacing{data: pacing, savedAt: time.Now()}
			}
			delete(s.held, user)
			s.mu.Unlock()
			cancel(context.Canceled)
			unlock()
		})
	}
	return t, nil
}

// EndTurn ends the turn of user that is held now, if any, as a lost lease does: its held
// context is done with [ErrTurnEnded] as its cause, and its release keeps no pacing state.
func (s *SharedSequencer) EndTurn(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cancel := s.held[user]; cancel != nil {
		cancel(ErrTurnEnded)
	}
}

// Pacing returns a copy of the pacing state that user's latest turn gave back, nil if none.
func (s *SharedSequencer) Pacing(user string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.pacing[user].data...)
}

// SetPacing replaces user's pacing state with data, such as bytes that are not a state, as
// if saved now; nil removes it.
func (s *SharedSequencer) SetPacing(user string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if data == nil {
		delete(s.pacing, user)
		return
	}
	if s.pacing == nil {
		s.pacing = make(map[string]storedPacing)
	}
	s.pacing[user] = storedPacing{data: append([]byte(nil), data...), savedAt: time.Now()}
}
