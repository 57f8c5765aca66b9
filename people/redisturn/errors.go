// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"errors"
	"fmt"
	"time"
)

// Error is a failed exchange with Redis: Acquire could not queue for or take a turn, or a
// lease could not be renewed. It names the Redis address, never a password.
type Error struct {
	// Op is what was being done: "acquire", "wait", "renew" or "release".
	Op string
	// Addr is the address of the Redis deployment, as the client was configured with it.
	Addr string
	// Err is what go-redis returned.
	Err error
}

func (e *Error) Error() string {
	return fmt.Sprintf("redisturn: %s: Redis at %s: %v", e.Op, e.Addr, e.Err)
}

// Unwrap returns the go-redis error.
func (e *Error) Unwrap() error { return e.Err }

// LeaseLostError is the cause of a held context that ended before its turn was released
// (see context.Cause): the lease expired in its holder's view because it could not be
// renewed, or a renewal found it gone or held by another token.
type LeaseLostError struct {
	// Key is the Redis key of the lease. It names the user by a hash only.
	Key string
	// Expired is true when the lease ran out in its holder's view for want of a successful
	// renewal; false when Redis no longer held it for this holder.
	Expired bool
	// Since is how long before the loss the latest successful renewal (or the grant) started.
	Since time.Duration
	// Err is the latest renewal's error, nil when there was none.
	Err error
}

func (e *LeaseLostError) Error() string {
	why := "Redis no longer holds it for this holder (expired or taken)"
	if e.Expired {
		why = "it could not be renewed"
	}
	msg := fmt.Sprintf("redisturn: lease %s lost %v after its last renewal: %s", e.Key, e.Since.Round(time.Millisecond), why)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the latest renewal's error.
func (e *LeaseLostError) Unwrap() error { return e.Err }

// errReleased ends a held context once its turn has been released.
var errReleased = errors.New("redisturn: turn released")
