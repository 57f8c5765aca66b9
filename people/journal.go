// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"fmt"
)

// Journal durably records the progress of one import job, so that a [Client.BatchCreateContacts]
// or [Client.BatchCreateContactsSeq] call stopped by a crash can be resumed by making the same
// call again with the same journal (see [WithJournal]). A journal holds one job: a header,
// then entries appended in batches. It holds no contact data: markers (see [KeyMarker]),
// states and resource names.
//
// [github.com/peoplebatch/peoplebatch-go/people/filejournal] keeps a journal in a local file.
// A store shared between machines (a list keyed by job, appended to) implements it the same
// way, so that a job taken over by another machine resumes there.
type Journal interface {
	// Load returns the job's header, nil when none was recorded yet, and every entry
	// appended, in order.
	Load(ctx context.Context) (*JournalHeader, []JournalEntry, error)
	// Start records h as the job's header, in place of any earlier one. It returns once h
	// is durable.
	Start(ctx context.Context, h JournalHeader) error
	// Append records entries as one batch after those already recorded. It returns once
	// they are durable: the call sends a request only after the entries saying so are.
	Append(ctx context.Context, entries []JournalEntry) error
}

// JournalHeader names what a journal was written for. A call refuses to resume a journal
// whose header differs from its own with a [*JournalMismatchError], unless [AdoptJournal]
// is given.
type JournalHeader struct {
	// User is the Config.User of the client that wrote the journal. Clients that leave
	// Config.User empty cannot be told apart: set it for the check to mean something.
	User string
	// Endpoint is the API endpoint the client wrote to.
	Endpoint string
	// Input fingerprints the input: a digest of the markers of the call's first request,
	// which both forms of the call read before sending anything. (A change of
	// Config.ChunkSize changes it too.)
	Input string
	// MarkerKey is the clientData key of the markers (ReconcileConfig.Key).
	MarkerKey string
}

// JournalState is what a journal knows of one contact.
type JournalState uint8

// The journal states. A contact's state is that of its last entry.
const (
	// JournalSending is recorded before the contact is sent: without a later entry, it may
	// or may not exist, and a resumed call looks it up by marker.
	JournalSending JournalState = iota + 1
	// JournalCreated means the contact exists; a resumed call does not send it again.
	JournalCreated
	// JournalFailed means the server or validation refused it; a resumed call sends it.
	JournalFailed
	// JournalNotSent means it was not created; a resumed call sends it.
	JournalNotSent
	// JournalUnknown means its request's outcome was unknown; a resumed call looks it up.
	JournalUnknown
)

// String returns "sending", "created", "failed", "not sent" or "unknown".
func (s JournalState) String() string {
	switch s {
	case JournalSending:
		return "sending"
	case JournalCreated:
		return "created"
	case JournalFailed:
		return "failed"
	case JournalNotSent:
		return "not sent"
	case JournalUnknown:
		return "unknown"
	}
	return fmt.Sprintf("JournalState(%d)", uint8(s))
}

// JournalEntry records the state of one contact, named by its marker.
type JournalEntry struct {
	// Marker is the contact's marker (see KeyMarker).
	Marker string
	// State is what became of the contact.
	State JournalState
	// ResourceName is the created person's resource name, when State is JournalCreated
	// and the name is known.
	ResourceName string
}

// journalState returns the state that records outcome o.
func journalState(o Outcome) JournalState {
	switch o {
	case OutcomeCreated:
		return JournalCreated
	case OutcomeFailed:
		return JournalFailed
	case OutcomeUnknown:
		return JournalUnknown
	}
	return JournalNotSent
}

// WithJournal makes the call resumable: before each request the markers of its contacts are
// recorded in j, and each outcome as soon as it is known. Made again with the same input and
// journal, the call reports the contacts that j records as created without sending them
// (ContactResult.Existing), looks up in the account, by marker, those that were in flight or
// of unknown outcome (one people.connections.list pass, clientData only, stopping when all
// are found), and sends the rest. The contacts' markers come from [WithKeys], or from the
// markers the caller set under ReconcileConfig.Key.
//
// j must start empty or hold the same job: a journal written for another user, endpoint,
// marker key or input is refused with a [*JournalMismatchError] (see [AdoptJournal]).
// A journal that cannot record stops the call with a [*JournalError]: before a request, whose
// contacts are then not sent; or after it, whose contacts keep their outcomes (a resumed call
// looks them up).
//
// The lookup of a resumed call can miss a contact created in the last minutes on the real
// service, whose listing lags behind writes: resume a crashed call after a few minutes. With
// Config.Reconcile set, a marker in flight that is not found is looked for again, up to
// ReconcileConfig.Checks listings in all, ReconcileConfig.Delay apart, before it is sent.
func WithJournal(j Journal) CallOption {
	return callOptionFunc(func(s *callSettings) { s.keyed.journal = j })
}

// AdoptJournal makes a call with [WithJournal] resume a journal written for another user,
// endpoint, marker key or input: its header is replaced and its entries kept, so contacts
// it records as created are not sent again. Give it only when the input changed on purpose.
func AdoptJournal() CallOption {
	return callOptionFunc(func(s *callSettings) { s.keyed.adopt = true })
}

// JournalMismatchError is the error of a call given a journal written for another job.
type JournalMismatchError struct {
	// Journal names the journal, as its String method does.
	Journal string
	// Field is what differs: "user", "endpoint", "input" or "marker key".
	Field string
	// Recorded is the journal's value, Call the call's.
	Recorded, Call string
}

// Error names the journal and what differs, and the option that overrides.
func (e *JournalMismatchError) Error() string {
	return fmt.Sprintf("people: journal %s was written for another %s (%q; this call: %q): "+
		"use a new journal, or people.AdoptJournal to resume it anyway", e.Journal, e.Field, e.Recorded, e.Call)
}

// JournalError is the error of a journal that could not be read or written.
type JournalError struct {
	// Journal names the journal, as its String method does.
	Journal string
	// Op says what failed: "loading", "starting" or "appending".
	Op string
	// Err is the journal's error.
	Err error
}

// Error names the journal and what failed.
func (e *JournalError) Error() string {
	return fmt.Sprintf("people: journal %s: %s: %v", e.Journal, e.Op, e.Err)
}

// Unwrap returns the journal's error.
func (e *JournalError) Unwrap() error { return e.Err }

// journalName names j in errors: its String, or its type.
func journalName(j Journal) string {
	if s, ok := j.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", j)
}

// checkHeader returns the first field in which got differs from want, or nil.
func checkHeader(j Journal, got, want *JournalHeader) error {
	for _, f := range []struct{ name, got, want string }{
		{"user", got.User, want.User},
		{"endpoint", got.Endpoint, want.Endpoint},
		{"marker key", got.MarkerKey, want.MarkerKey},
		{"input", got.Input, want.Input},
	} {
		if f.got != f.want {
			return &JournalMismatchError{Journal: journalName(j), Field: f.name, Recorded: f.got, Call: f.want}
		}
	}
	return nil
}
