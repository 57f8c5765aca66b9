// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error is an error reply of the People API: any HTTP response that is not 2xx. It is the
// only error type that carries what the server said.
type Error struct {
	// HTTPStatus is the response's HTTP status code, such as 429.
	HTTPStatus int
	// Code is the google.rpc code: the one the body names, else one derived from HTTPStatus.
	Code Code
	// Status is the status name as sent, such as "RESOURCE_EXHAUSTED"; empty if none was.
	Status string
	// Message is the server's message.
	Message string
	// Details holds the decoded google.rpc detail messages.
	Details Details
	// Errors is the legacy list that some Google front ends still add.
	Errors []LegacyError
	// Header is the response's header.
	Header http.Header
	// Body is a short excerpt of a body that was not a JSON error envelope, such as the HTML
	// page of a proxy; empty otherwise.
	Body string
}

// LegacyError is one entry of the legacy "errors" list of Google's error envelope.
type LegacyError struct {
	Message      string `json:"message,omitempty"`
	Domain       string `json:"domain,omitempty"`
	Reason       string `json:"reason,omitempty"`
	Location     string `json:"location,omitempty"`
	LocationType string `json:"locationType,omitempty"`
}

// Error returns "people: HTTP 429 RESOURCE_EXHAUSTED: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("people: HTTP ")
	b.WriteString(strconv.Itoa(e.HTTPStatus))
	b.WriteByte(' ')
	b.WriteString(e.Code.String())
	if msg := e.Message; msg != "" {
		b.WriteString(": ")
		b.WriteString(truncate(msg, 300))
	} else if e.Body != "" {
		b.WriteString(": ")
		b.WriteString(truncate(e.Body, 120))
	}
	return b.String()
}

// Throttled reports whether the server refused the request for quota or rate: HTTP 429 or
// RESOURCE_EXHAUSTED, whatever the details say.
func (e *Error) Throttled() bool {
	return e.HTTPStatus == http.StatusTooManyRequests || e.Code == ResourceExhausted
}

// RetryDelay returns how long the server asked the client to wait: a RetryInfo detail, else
// a Retry-After header. It reports false when the server gave no usable hint.
func (e *Error) RetryDelay() (time.Duration, bool) {
	return retryHint(e.Details, e.Header, time.Now())
}

// ContactError is the server's refusal of one contact, read from
// [BatchCreateContactsErrorDetails] and placed at the caller's own input index.
type ContactError struct {
	// Index is the contact's index in the caller's input.
	Index int
	// Status is the server's status for the contact; its details usually hold a BadRequest.
	Status *Status
}

// Error returns "people: contact 17: INVALID_ARGUMENT: message".
func (e *ContactError) Error() string {
	msg := ""
	code := Unknown
	if e.Status != nil {
		msg, code = e.Status.Message, e.Status.Code
	}
	if fv := e.Status.FieldViolations(); msg == "" && len(fv) > 0 {
		msg = fv[0].Field + ": " + fv[0].Description
	}
	return fmt.Sprintf("people: contact %d: %v: %s", e.Index, code, truncate(msg, 300))
}

// FieldViolations returns the invalid fields the server named for the contact.
func (e *ContactError) FieldViolations() []FieldViolation { return e.Status.FieldViolations() }

// ValidationError reports input that the SDK refused before sending it. Index is the
// contact's index in the caller's input, or -1 for an argument of the call.
type ValidationError struct {
	Index int
	// Field is the path of the offending field, such as "names" or "birthdays[0].date.month",
	// or the argument, such as "readMask".
	Field string
	// Reason says what is wrong.
	Reason string
	// Err, when set, is a typed cause that code can match with errors.As, such as an
	// *[UnknownPathError] for a read mask path.
	Err error
}

// Unwrap returns the typed cause, if any.
func (e *ValidationError) Unwrap() error { return e.Err }

// Error returns "people: contact 17: names: at most one is allowed".
func (e *ValidationError) Error() string {
	if e.Index < 0 {
		return "people: " + e.Field + ": " + e.Reason
	}
	return "people: contact " + strconv.Itoa(e.Index) + ": " + e.Field + ": " + e.Reason
}

// InputError lists every problem that validation found in a call's input.
// [Client.BatchCreateContacts] returns it, having sent nothing, unless the call skips invalid
// contacts ([SkipInvalid]).
type InputError struct {
	// Problems holds every problem found, the contacts' in input order.
	Problems []*ValidationError
}

// Error names the first problem and counts the others.
func (e *InputError) Error() string {
	switch len(e.Problems) {
	case 0:
		return "people: invalid input"
	case 1:
		return e.Problems[0].Error()
	}
	return fmt.Sprintf("%v (and %d more problems)", e.Problems[0], len(e.Problems)-1)
}

// Unwrap returns the problems, so that errors.As finds a [*ValidationError].
func (e *InputError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// RequestError reports one batchCreateContacts request of a call that did not create its
// contacts, or whose outcome is not known.
type RequestError struct {
	// Request is the request's number within the call, from 0.
	Request int
	// Offset is the input index of the request's first contact; Count is how many it held.
	Offset, Count int
	// Attempts is how many times the request was sent, or tried to be.
	Attempts int
	// Outcome says what became of the request's contacts that Contacts does not name:
	// [OutcomeNotSent] when none was created, [OutcomeUnknown] when they may have been,
	// [OutcomeCreated] when [ResendValid] created them on a second try.
	Outcome Outcome
	// Contacts lists the contacts the server refused, by input index.
	Contacts []*ContactError
	// Err is the cause: an [*Error], a [*RetryError], an [*AccountFullError], or a transport,
	// context or [Sequencer] error.
	Err error
}

// Error describes the request, its cause and the contacts it names.
func (e *RequestError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "people: request %d (contacts %d-%d)", e.Request, e.Offset, e.Offset+e.Count-1)
	if e.Outcome == OutcomeUnknown {
		b.WriteString(" has an unknown outcome: ")
	} else {
		b.WriteString(" failed: ")
	}
	b.WriteString(strings.TrimPrefix(fmt.Sprint(e.Err), "people: "))
	for i, c := range e.Contacts {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more contacts", len(e.Contacts)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(strings.TrimPrefix(c.Error(), "people: "))
	}
	return b.String()
}

// Unwrap returns the cause and the contact errors, for errors.As and errors.Is.
func (e *RequestError) Unwrap() []error {
	errs := make([]error, 0, 1+len(e.Contacts))
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	for _, c := range e.Contacts {
		errs = append(errs, c)
	}
	return errs
}

// BatchError is the error of a [Client.BatchCreateContacts] call that did not create every
// contact. The call's [*Result], returned beside it, has the outcome of each contact.
type BatchError struct {
	// Counts tallies the outcomes of the call's contacts.
	Counts Counts
	// Requests lists the requests that failed or whose outcome is unknown, in order.
	Requests []*RequestError
	// Invalid lists the contacts that validation refused, when SkipInvalid had the call send
	// the others; nil otherwise.
	Invalid *InputError
	// Err is set when the call stopped for a reason of its own, such as a cancelled context.
	Err error
}

// Error summarizes the call and names its first failed request.
func (e *BatchError) Error() string {
	c := e.Counts
	s := fmt.Sprintf("people: %d of %d contacts created (%d failed, %d not sent, %d unknown)",
		c.Created, c.Total(), c.Failed, c.NotSent, c.Unknown)
	if e.Err != nil {
		s += ": " + strings.TrimPrefix(e.Err.Error(), "people: ")
	}
	if e.Invalid != nil {
		s += ": " + strings.TrimPrefix(e.Invalid.Error(), "people: ")
	}
	if len(e.Requests) > 0 {
		s += ": " + strings.TrimPrefix(e.Requests[0].Error(), "people: ")
		if n := len(e.Requests) - 1; n > 0 {
			s += fmt.Sprintf(" (and %d more failed requests)", n)
		}
	}
	return s
}

// Unwrap returns the call's own cause and the request errors.
func (e *BatchError) Unwrap() []error {
	errs := make([]error, 0, 2+len(e.Requests))
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	if e.Invalid != nil {
		errs = append(errs, e.Invalid)
	}
	for _, r := range e.Requests {
		errs = append(errs, r)
	}
	return errs
}

// RetryError reports a request that the SDK stopped retrying: its attempts ran out, the
// server asked for a wait longer than [RetryPolicy].MaxServerWait, or the call's context
// ended while the request waited to be tried again. None of these attempts applied anything
// unless the request is idempotent (a photo update).
type RetryError struct {
	// Attempts is how many times the request was tried.
	Attempts int
	// RetryAt is when the server said a retry may succeed; zero unless the wait it asked for
	// was longer than allowed.
	RetryAt time.Time
	// Err is the last attempt's error, usually an *Error.
	Err error
	// Interrupted is the context's error (context.Canceled, context.DeadlineExceeded) when
	// the call's context ended before the next attempt: during the wait before it, or as the
	// last attempt was refused; context.DeadlineExceeded too when the pacing of the user's
	// writes would have made the next attempt after the context's deadline. It is nil when
	// the retries ran out.
	Interrupted error
}

// Error says why the retries stopped.
func (e *RetryError) Error() string {
	cause := strings.TrimPrefix(fmt.Sprint(e.Err), "people: ")
	switch {
	case e.Interrupted != nil:
		return fmt.Sprintf("people: retries stopped after %d attempts: %v; last attempt: %s", e.Attempts, e.Interrupted, cause)
	case !e.RetryAt.IsZero():
		return fmt.Sprintf("people: server asks to retry at %s, later than allowed: %s",
			e.RetryAt.UTC().Format(time.RFC3339), cause)
	}
	return fmt.Sprintf("people: gave up after %d attempts: %s", e.Attempts, cause)
}

// Unwrap returns the last attempt's error.
func (e *RetryError) Unwrap() error { return e.Err }

// Is reports whether the context's error that ended the retries matches target:
// errors.Is(err, context.Canceled) holds for a call cancelled between attempts.
func (e *RetryError) Is(target error) bool {
	return e.Interrupted != nil && errors.Is(e.Interrupted, target)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cut on a rune boundary.
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
