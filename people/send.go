// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
	"github.com/peoplebatch/peoplebatch-go/internal/transport"
)

const batchCreatePath = "v1/people:batchCreateContacts"

// mutation is one mutate request of the client's user, as [Client.sendRequest] sends it:
// batchCreateContacts, contactGroups.create or updateContactPhoto. Every mutation takes the
// user's turn, the user's pacing (one write quota) and the same classification.
type mutation struct {
	method string // HTTP method
	path   string // below the endpoint, such as batchCreatePath
	body   *requestBody
	// idempotent says that applying the request twice leaves what applying it once does, so
	// that an attempt whose outcome is unknown may be sent again (updateContactPhoto).
	idempotent bool
}

// batchCreate returns the batchCreateContacts mutation that sends body.
func batchCreate(body *requestBody) mutation {
	return mutation{method: http.MethodPost, path: batchCreatePath, body: body}
}

// sent is how a request's attempts ended.
type sent struct {
	verdict verdict
	// reply holds the undecoded reply of a created request, read while the turn was held
	// (the server's work on the request ends with its reply), or why it could not be read.
	reply *createdReply
	// err explains every verdict but verdictCreated: an *Error, an *AccountFullError, a
	// *RetryError, or a transport, context or sequencer error.
	err      error
	attempts int
}

// sendRequest is the path of one mutate request m: it takes the user's turn
// from the Sequencer, and then, for each attempt, checks that the turn is still held, waits
// for pacing, tries once, classifies the attempt, and waits before the next one when the
// attempt is worth retrying. It gives the turn back before it returns, leaving a created
// reply unread for the caller.
func (c *Client) sendRequest(ctx context.Context, m mutation) sent {
	held, release, err := c.takeTurn(ctx)
	if err != nil {
		return sent{verdict: verdictNotSent, err: err}
	}
	defer release()
	p := c.cfg.Retry
	var refused *Error // the latest refusal (429, 409), whose retries may run out
	var last error     // the error of the latest attempt, which is being retried
	// notSent is the verdict of a request that ends before an attempt applied it: "unknown"
	// once an attempt of an idempotent request may have applied it.
	notSent := verdictNotSent
	for attempt := 1; ; attempt++ {
		if err := turnLost(ctx, held); err != nil {
			return sent{verdict: notSent, err: err, attempts: attempt - 1}
		}
		paceStart := time.Now()
		turn, err := c.cfg.Pacer.p.Wait(ctx, c.cfg.User)
		c.tel.paced(ctx, paceStart)
		if err != nil {
			return sent{verdict: notSent, err: retriesOver(ctx, attempt-1, last, err), attempts: attempt - 1}
		}
		if err := turnLost(ctx, held); err != nil { // while pacing held the attempt
			return sent{verdict: notSent, err: err, attempts: attempt - 1}
		}
		resp, err, wrote := c.try(ctx, m)
		v, e := classify(resp, err, wrote)
		c.tel.attempted(ctx, resp)
		var hint time.Duration
		if e != nil {
			hint, _ = retryHint(e.Details, e.Header, time.Now())
		}
		switch {
		case v == verdictCreated:
			turn.Succeeded()
			return sent{verdict: v, reply: c.readReply(resp), attempts: attempt}
		case e != nil && e.Throttled():
			turn.Throttled(throttle(e, hint))
		}
		refused = nil
		switch v {
		case verdictRefused:
			refused = e
		case verdictUnknown:
			notSent = verdictUnknown
		}
		if !retryable(v, err, m.idempotent) || ctx.Err() != nil {
			return sent{verdict: lastVerdict(v, notSent), err: attemptError(ctx, v, e, err, attempt), attempts: attempt}
		}
		last = err
		if e != nil {
			last = e
		}
		if attempt >= p.MaxAttempts {
			return sent{verdict: notSent, err: &RetryError{Attempts: attempt, Err: last}, attempts: attempt}
		}
		if hint > p.MaxServerWait {
			return sent{verdict: notSent, err: &RetryError{Attempts: attempt, RetryAt: time.Now().Add(hint), Err: refused}, attempts: attempt}
		}
		wait := c.retryWait(attempt, v == verdictRefused, hint)
		c.tel.retrying(ctx, attempt+1, statusOf(e), wait)
		c.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "people: retrying",
			slog.Int("attempt", attempt+1), slog.Int("status", statusOf(e)), slog.Duration("wait", wait))
		if err := backoff.Sleep(ctx, wait); err != nil {
			return sent{verdict: notSent, err: &RetryError{Attempts: attempt, Err: last, Interrupted: err}, attempts: attempt}
		}
	}
}

// turnLost returns an error when the Sequencer's turn ended (held is done) while the call's
// context is not: no attempt may start then.
func turnLost(ctx, held context.Context) error {
	if held.Err() == nil || ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("people: the user's turn ended before the request was sent: %w", context.Cause(held))
}

// retriesOver returns the error of a request whose pacing, after attempts of which the
// latest ended with last, refused another attempt with err: a *RetryError interrupted by err
// when ctx ended, or by context.DeadlineExceeded when the attempt's turn would come after
// ctx's deadline; err itself before the first attempt.
func retriesOver(ctx context.Context, attempts int, last, err error) error {
	switch {
	case attempts > 0 && ctx.Err() != nil:
		return &RetryError{Attempts: attempts, Err: last, Interrupted: err}
	case attempts > 0 && errors.Is(err, context.DeadlineExceeded):
		return &RetryError{Attempts: attempts, Err: last, Interrupted: context.DeadlineExceeded}
	}
	return err
}

// lastVerdict returns the verdict of a request whose last attempt, judged v, is not retried:
// notSent when that attempt applied nothing (refused, or not sent), v otherwise.
func lastVerdict(v, notSent verdict) verdict {
	if v == verdictRefused || v == verdictNotSent {
		return notSent
	}
	return v
}

// attemptError returns the error of a request whose last attempt is not retried.
func attemptError(ctx context.Context, v verdict, e *Error, err error, attempts int) error {
	switch {
	case v == verdictAccountFull:
		return &AccountFullError{Err: e}
	case v == verdictRefused:
		// Refused, so not applied, and out of time: the call's context is done.
		return &RetryError{Attempts: attempts, Err: e, Interrupted: ctx.Err()}
	case e != nil:
		return e
	}
	return err
}

// statusOf returns e's HTTP status, or 0 for none.
func statusOf(e *Error) int {
	if e == nil {
		return 0
	}
	return e.HTTPStatus
}

// try makes one attempt: it sends m and returns the reply or the transport error, and
// whether any of the request was written (if not, the server cannot have seen it).
func (c *Client) try(ctx context.Context, m mutation) (*http.Response, error, bool) {
	ctx, wrote := transport.TraceWrites(ctx)
	body := m.body
	rd := body.reader()
	req, err := http.NewRequestWithContext(ctx, m.method, c.endpoint+m.path, rd)
	if err != nil {
		rd.Close()
		return nil, fmt.Errorf("people: %w", err), false
	}
	req.ContentLength = int64(body.buf.Len())
	req.Header = c.headers(true)
	resp, err := c.hc.Do(req)
	return resp, err, wrote()
}
