// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// This file holds the single mutations (contactGroups.create, updateContactPhoto): each is
// sent by [Client.sendRequest] as batchCreateContacts requests are, and fails with a
// [*MutationError].

// Method names of the single mutations, as MutationError.Method holds them.
const (
	MethodCreateContactGroup = "contactGroups.create"
	MethodUpdateContactPhoto = "people.updateContactPhoto"
)

// MutationError reports a single mutate request, such as [Client.CreateContactGroup] or
// [Client.UpdateContactPhoto], that did not apply, or whose outcome is not known.
type MutationError struct {
	// Method is the API method: [MethodCreateContactGroup] or [MethodUpdateContactPhoto].
	Method string
	// Outcome says what became of the write: OutcomeNotSent (certainly not applied; safe to
	// send again), OutcomeFailed (refused; sending it again unchanged fails again),
	// OutcomeUnknown (it may have been applied), or OutcomeCreated (applied, but the reply
	// could not be read).
	Outcome Outcome
	// Attempts is how many times the request was sent, or tried to be.
	Attempts int
	// Err is the cause: an [*Error], a [*RetryError] (which matches ctx's error when ctx
	// ended the wait before a retry), or a transport, context or [Sequencer] error.
	Err error
}

// Error returns "people: contactGroups.create failed: HTTP 409 ALREADY_EXISTS: …".
func (e *MutationError) Error() string {
	var what string
	switch e.Outcome {
	case OutcomeUnknown:
		what = " has an unknown outcome: "
	case OutcomeNotSent:
		what = " was not sent: "
	case OutcomeCreated:
		what = " was applied: "
	default:
		what = " failed: "
	}
	return "people: " + e.Method + what + strings.TrimPrefix(fmt.Sprint(e.Err), "people: ")
}

// Unwrap returns the cause.
func (e *MutationError) Unwrap() error { return e.Err }

// errUnfinished is the error a single mutation's span records when the mutation panicked.
var errUnfinished = errors.New("people: the request did not finish")

// outcomeOf returns the Outcome of a single mutation whose request ended with verdict v.
func outcomeOf(v verdict) Outcome {
	switch v {
	case verdictCreated:
		return OutcomeCreated
	case verdictRejected, verdictAccountFull:
		return OutcomeFailed
	case verdictUnknown:
		return OutcomeUnknown
	}
	return OutcomeNotSent
}

// mutate sends one mutate request of the client's user, with in encoded as its JSON body,
// and decodes the reply into out. It returns how many attempts were made and a
// *MutationError unless the write was applied and its reply read.
func (c *Client) mutate(ctx context.Context, m mutation, name string, in, out any) (attempts int, err error) {
	ctx, rt := c.tel.startMutation(ctx, name)
	// Deferred, so that a panic (of a caller's transport or sequencer) still ends the span,
	// with errUnfinished and an unknown outcome: every return sets err.
	err = errUnfinished
	defer func() {
		o := OutcomeCreated
		if err != nil {
			o = OutcomeUnknown
		}
		if me, ok := err.(*MutationError); ok {
			o = me.Outcome
		}
		rt.endMutation(name, attempts, o, err)
	}()
	body := c.bodies.get()
	body.buf.Reset()
	enc := json.NewEncoder(&body.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(in); err != nil {
		c.bodies.put(body)
		return 0, &MutationError{Method: name, Outcome: OutcomeNotSent, Err: fmt.Errorf("people: encoding request: %w", err)}
	}
	m.body = body
	s := c.sendRequest(ctx, m)
	c.bodies.put(body)
	if s.verdict != verdictCreated {
		return s.attempts, &MutationError{Method: name, Outcome: outcomeOf(s.verdict), Attempts: s.attempts, Err: s.err}
	}
	reply := s.reply
	err = reply.err
	if err == nil {
		err = json.Unmarshal(reply.buf.Bytes(), out)
	}
	if reply.buf.Cap() <= maxPooledReply {
		c.replies.Put(reply.buf)
	}
	if err != nil {
		return s.attempts, &MutationError{Method: name, Outcome: OutcomeCreated, Attempts: s.attempts,
			Err: fmt.Errorf("people: the reply could not be read: %w", err)}
	}
	return s.attempts, nil
}
