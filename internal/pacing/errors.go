// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"fmt"
	"time"
)

// DeadlineError is returned by [Pacer.Wait], at once and without taking the
// user's turn, when the turn comes after the context's deadline. It matches
// context.DeadlineExceeded with errors.Is, and its Delay lets the caller
// report when the user could send again.
type DeadlineError struct {
	// Delay is how long the wait would have been.
	Delay time.Duration
}

// Error describes the wait that was refused.
func (e *DeadlineError) Error() string {
	return fmt.Sprintf("pacing: next turn in %v, after the context deadline", e.Delay)
}

// Is reports whether target is context.DeadlineExceeded.
func (e *DeadlineError) Is(target error) bool {
	return target == context.DeadlineExceeded
}
