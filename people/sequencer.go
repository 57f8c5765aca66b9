// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"

	"github.com/peoplebatch/peoplebatch-go/internal/sequence"
)

// Sequencer grants the turn to send a mutate request for a user, so that requests for one
// user never overlap, as the People API asks. Clients that act for the same user share one
// Sequencer through Config.Sequencer, each with the same Config.User.
//
// LocalSequencer serves the clients of one process; an implementation backed by a
// distributed lock can serve workers on several machines.
type Sequencer interface {
	// Acquire waits until the caller holds user's turn, or ctx is done. The caller calls
	// release exactly once, when its request has finished, retries included.
	Acquire(ctx context.Context, user string) (release func(), err error)
}

// LocalSequencer is the in-process Sequencer: one first-in first-out lock per user. The zero
// value is ready to use; it must not be copied after first use.
type LocalSequencer struct {
	locks sequence.Keyed
}

// NewSequencer returns a LocalSequencer to share between clients of one process.
func NewSequencer() *LocalSequencer { return new(LocalSequencer) }

// Acquire implements Sequencer.
func (s *LocalSequencer) Acquire(ctx context.Context, user string) (release func(), err error) {
	return s.locks.Acquire(ctx, user)
}
