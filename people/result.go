// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

// Outcome is what became of one input contact.
type Outcome uint8

// The outcomes. Every input contact ends with exactly one.
const (
	// OutcomeNotSent means the contact was not created and may safely be sent again: it was
	// never sent, or it was part of a request that the server refused as a whole.
	OutcomeNotSent Outcome = iota
	// OutcomeCreated means the server created the contact.
	OutcomeCreated
	// OutcomeFailed means the contact was refused, by validation or by the server; sending
	// it again unchanged will fail again.
	OutcomeFailed
	// OutcomeUnknown means the contact was sent but the reply was lost or ambiguous: it may
	// or may not exist now. Sending it again may create it twice.
	OutcomeUnknown
)

// String returns "not sent", "created", "failed" or "unknown".
func (o Outcome) String() string {
	switch o {
	case OutcomeNotSent:
		return "not sent"
	case OutcomeCreated:
		return "created"
	case OutcomeFailed:
		return "failed"
	case OutcomeUnknown:
		return "unknown"
	}
	return "invalid outcome"
}

// ContactResult is the outcome of one input contact.
type ContactResult struct {
	// Index is the contact's index in the caller's input.
	Index int
	// Outcome says what became of the contact.
	Outcome Outcome
	// Response is the server's answer for a created contact. It is nil when the read mask was
	// empty, and when the reply could not be read (then Err says why).
	Response *PersonResponse
	// Err explains every outcome but a confirmed creation: for a failed contact an
	// [*InputError] (whose Problems are [*ValidationError] values; errors.As finds them) or a
	// [*ContactError], and the request's [*RequestError] otherwise. For a created
	// contact it is non-nil only when the server's reply could not be read.
	Err error
	// Existing reports a contact that this call did not send because it was created before:
	// a journal (WithJournal) or a lookup (SkipExisting, or the resume of a journal) says
	// so. Its Outcome is OutcomeCreated and its Response holds only its resource name.
	Existing bool
}

// ResourceName returns the created person's resource name, or "" when it is not known.
func (r *ContactResult) ResourceName() string {
	if r.Response == nil || r.Response.Person == nil {
		return ""
	}
	return r.Response.Person.ResourceName
}

// Counts tallies outcomes.
type Counts struct {
	// Created, Failed, NotSent and Unknown count the contacts whose [Outcome] is
	// [OutcomeCreated], [OutcomeFailed], [OutcomeNotSent] and [OutcomeUnknown].
	Created, Failed, NotSent, Unknown int
}

// Total returns the number of contacts counted.
func (c Counts) Total() int { return c.Created + c.Failed + c.NotSent + c.Unknown }

func (c *Counts) add(o Outcome) {
	switch o {
	case OutcomeCreated:
		c.Created++
	case OutcomeFailed:
		c.Failed++
	case OutcomeUnknown:
		c.Unknown++
	default:
		c.NotSent++
	}
}

// Result is the outcome of a [Client.BatchCreateContacts] call.
type Result struct {
	// Contacts holds one entry per input contact, in input order: Contacts[i].Index == i.
	Contacts []ContactResult
}

// Counts tallies the outcomes of r's contacts.
func (r *Result) Counts() Counts {
	var c Counts
	for i := range r.Contacts {
		c.add(r.Contacts[i].Outcome)
	}
	return c
}

// BatchResult is the outcome of one batchCreateContacts request, as the iterator of
// [Client.BatchCreateContactsSeq] yields it.
type BatchResult struct {
	// Request is the request's number within the call, from 0.
	Request int
	// Offset is the input index of the request's first contact.
	Offset int
	// Attempts is how many times the request was sent, or tried to be; 0 when it was not.
	Attempts int
	// Contacts holds the outcome of each contact of the request, in input order.
	Contacts []ContactResult
}

// Counts tallies the outcomes of b's contacts.
func (b *BatchResult) Counts() Counts {
	var c Counts
	for i := range b.Contacts {
		c.add(b.Contacts[i].Outcome)
	}
	return c
}
