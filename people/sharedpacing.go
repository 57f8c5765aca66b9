// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// PacingSequencer is a [Sequencer] that also keeps each user's pacing state with the user's
// turn, so that clients in several processes, each with its own [Pacer], pace on one view of
// the user's write quota as they take turns: its recent requests, the window and limit
// learned, a not-before time from a Retry-After. A [Client] whose [Config].Sequencer is a
// PacingSequencer reads the user's state into its Pacer when it takes the turn, and gives the
// Pacer's state back with the turn; only the turn's holder writes. A state that is missing or
// unreadable is not an error: the Pacer starts afresh for the user.
//
// [redisturn.Sequencer] keeps the state in Redis beside the user's lease; [peopletest.SharedSequencer]
// keeps it in memory, for tests of several workers in one process. [LocalSequencer] is not a
// PacingSequencer: the clients of one process share pacing by sharing a [Pacer].
//
// [redisturn.Sequencer]: https://pkg.go.dev/github.com/peoplebatch/peoplebatch-go/people/redisturn#Sequencer
// [peopletest.SharedSequencer]: https://pkg.go.dev/github.com/peoplebatch/peoplebatch-go/people/peopletest#SharedSequencer
type PacingSequencer interface {
	Sequencer
	// AcquirePacing is Acquire that also returns the pacing state that the previous holder
	// of user's turn gave back. The turn's Release gives the turn back and keeps the state
	// it is given for the next holder, unless the turn ended before (Held is done with a
	// cause other than the caller's context): then it keeps nothing.
	AcquirePacing(ctx context.Context, user string) (Turn, error)
}

// Turn is a user's turn as a [PacingSequencer] grants it, with the user's pacing state.
type Turn struct {
	// Held is done when the turn ends before Release is called, as the held context that
	// [Sequencer.Acquire] returns.
	Held context.Context
	// Pacing is the user's pacing state as the previous holder gave it back, opaque to the
	// Sequencer; nil when there is none (never given back, expired, or lost).
	Pacing []byte
	// PacingAge is how long before the grant Pacing was given back, on a clock that every
	// process sharing the Sequencer reads (Redis's, for redisturn), so that the times in
	// Pacing hold whatever the skew between the clocks of the machines.
	PacingAge time.Duration
	// Release gives the turn back, keeping pacing as the user's state for the next holder
	// if the turn was still held; a nil pacing keeps the state there is. Call it exactly
	// once.
	Release func(pacing []byte)
}

// errIncompleteTurn is the error of a PacingSequencer that granted a Turn without Held or
// Release.
var errIncompleteTurn = errors.New("people: the PacingSequencer granted a Turn without Held or Release")

// takeTurn takes the user's turn from the Sequencer. From a PacingSequencer, it reads the
// user's pacing state into the Pacer, and the release it returns gives the Pacer's state
// back.
func (c *Client) takeTurn(ctx context.Context) (held context.Context, release func(), err error) {
	ps, ok := c.cfg.Sequencer.(PacingSequencer)
	if !ok {
		return acquireTurn(ctx, c.cfg.Sequencer, c.cfg.User)
	}
	t, err := ps.AcquirePacing(ctx, c.cfg.User)
	if err != nil {
		return nil, nil, err
	}
	if t.Held == nil || t.Release == nil {
		return nil, nil, errIncompleteTurn
	}
	if err := c.cfg.Pacer.importShared(c.cfg.User, t.Pacing, t.PacingAge); err != nil {
		c.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "people: shared pacing state unreadable, pacing afresh",
			slog.String("reason", err.Error()))
	}
	return t.Held, func() { t.Release(c.cfg.Pacer.exportShared(c.cfg.User)) }, nil
}
