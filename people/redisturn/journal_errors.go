// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"fmt"
	"time"
)

// JobLockedError is the error of [OpenJournal] on a job that another [Journal] holds, in
// this process or another; and of a Journal's Load, Start or Append once it no longer holds
// its job (Lost), which then writes nothing.
type JobLockedError struct {
	// Job is the job's name.
	Job string
	// Key is the Redis key of the job's owner lease. It names the user by a hash only.
	Key string
	// RetryAfter is how long the other holder's lease has left in Redis: if that holder
	// died, the job can be opened after it. Zero when unknown.
	RetryAfter time.Duration
	// Lost is true when this Journal held the job and no longer does: its lease expired
	// for want of renewal, or another Journal took the job since.
	Lost bool
}

// Error names the job and the key.
func (e *JobLockedError) Error() string {
	if e.Lost {
		return fmt.Sprintf("redisturn: journal of job %q no longer holds it (%s expired or was taken): nothing was written", e.Job, e.Key)
	}
	return fmt.Sprintf("redisturn: job %q is held by another journal (%s), for %v more unless renewed; wait for it to finish",
		e.Job, e.Key, e.RetryAfter.Round(time.Millisecond))
}

// JournalCorruptError is the error of [Journal.Load] on a job whose data in Redis does not
// check out: the journal is neither silently trusted nor ignored.
type JournalCorruptError struct {
	// Key is the Redis key that holds the bad value: the header or the list of entries.
	Key string
	// Index is the index of the bad entry in the list; -1 when the value of Key as a whole
	// is bad: the header, or a key holding another type of value.
	Index int64
	// Reason says what is wrong with it.
	Reason string
}

// Error names the key, the entry index and the reason.
func (e *JournalCorruptError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("redisturn: journal %s: corrupt value: %s", e.Key, e.Reason)
	}
	return fmt.Sprintf("redisturn: journal %s: corrupt entry at index %d: %s", e.Key, e.Index, e.Reason)
}
