// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// sharedState is a user's pacing state as a Client gives it to a PacingSequencer (JSON).
type sharedState struct {
	// Version is sharedStateVersion; a state of another version is not read.
	Version int `json:"v"`
	// Pacer names the Pacer that saved it: its own states need no change of clock.
	Pacer string `json:"pacer"`
	// SavedAt is when it was saved, on the wall clock of State's times.
	SavedAt time.Time    `json:"savedAt"`
	State   pacing.State `json:"state"`
}

const sharedStateVersion = 1

// maxSharedState bounds the size of a state read from a PacingSequencer: a user's log holds
// at most 4,096 turns, well under it.
const maxSharedState = 1 << 20

// errSharedState is the reason for a shared state that is too large or not a state.
var errSharedState = errors.New("people: shared pacing state is not one this version reads")

// importShared makes data, a user's state as exportShared returned it here or in another
// process age ago, user's state in p. Without data, or if data cannot be read (the error
// says why), p forgets user: its pacing starts afresh.
func (p *Pacer) importShared(user string, data []byte, age time.Duration) error {
	st, err := p.decodeShared(data, age)
	if err == nil {
		err = p.p.Import(user, st)
	}
	if err != nil {
		_ = p.p.Import(user, pacing.State{}) // the zero State forgets: it cannot fail
	}
	return err
}

// decodeShared reads data and moves its times onto p's clock; no data is the zero State.
func (p *Pacer) decodeShared(data []byte, age time.Duration) (pacing.State, error) {
	if len(data) == 0 {
		return pacing.State{}, nil
	}
	if len(data) > maxSharedState {
		return pacing.State{}, fmt.Errorf("%w: %d bytes", errSharedState, len(data))
	}
	var s sharedState
	if err := json.Unmarshal(data, &s); err != nil || s.Version != sharedStateVersion {
		return pacing.State{}, errSharedState
	}
	if s.Pacer != p.id {
		// Saved age ago by another process, at SavedAt on its wall clock: that instant is
		// now - age here, whatever the skew between the two clocks.
		savedHere := p.p.WallNow().Add(-max(age, 0))
		shiftState(&s.State, savedHere.Sub(s.SavedAt))
	}
	return s.State, nil
}

// exportShared returns user's state in p for a PacingSequencer, nil when p holds none.
func (p *Pacer) exportShared(user string) []byte {
	st, ok := p.p.Export(user)
	if !ok {
		return nil
	}
	data, err := json.Marshal(sharedState{Version: sharedStateVersion, Pacer: p.id, SavedAt: p.p.WallNow(), State: st})
	if err != nil {
		return nil
	}
	return data
}

// shiftState moves every time of s by d.
func shiftState(s *pacing.State, d time.Duration) {
	for _, t := range []*time.Time{&s.NotBefore, &s.NextFree, &s.LastTurn, &s.Throttled, &s.SettledAt, &s.ChangedAt, &s.EdgeFrom, &s.Reopened} {
		*t = t.Add(d)
	}
	for i := range s.Turns {
		s.Turns[i].At = s.Turns[i].At.Add(d)
	}
}
