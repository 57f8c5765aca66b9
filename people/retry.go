// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
	"github.com/peoplebatch/peoplebatch-go/internal/transport"
)

// requestState follows one request through its attempts. It lives in the request's
// context, so that the retry hooks of go-retryablehttp can read and write it, and it stays
// valid when go-retryablehttp returns nothing but a context error.
type requestState struct {
	attempts transport.Attempts
	user     string
	// read marks an idempotent read, which may be retried after any failure.
	read bool
	// refused is the decoded error of the latest attempt that the server refused without
	// applying it (429 or 409), nil when the latest attempt got another reply.
	refused *Error
	// hint is the wait that reply asked for; retryAt is set when it asked for too long.
	hint    time.Duration
	retryAt time.Time
	// turn is the pacing turn of the latest attempt.
	turn pacing.Turn
}

type stateKey struct{}

func stateFrom(ctx context.Context) *requestState {
	st, _ := ctx.Value(stateKey{}).(*requestState)
	return st
}

// refusedUnapplied reports whether a reply says that the server did not apply the request
// and that the same request may succeed later: quota or rate (429, RESOURCE_EXHAUSTED) and
// concurrent mutation (409 ABORTED).
func refusedUnapplied(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusConflict
}

// checkRetry is go-retryablehttp's CheckRetry: it retries only attempts that certainly did
// not create anything. It never returns an error of its own, so that the caller sees the
// last reply or transport error as it was.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateFrom(ctx)
	if st == nil {
		return false, nil
	}
	c.tel.attempted(ctx, st.read, resp)
	st.refused, st.hint = nil, 0
	if st.read {
		return ctx.Err() == nil && (err != nil || resp.StatusCode == http.StatusTooManyRequests ||
			(resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented)), nil
	}
	if err != nil {
		if ctx.Err() != nil || st.attempts.LastMaybeSent() || permanentTransportError(err) ||
			errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			// Maybe applied, or bound to fail again, or out of time (pacing refuses a wait
			// that would pass the deadline): no retry.
			return false, nil
		}
		return true, nil
	}
	if !refusedUnapplied(resp.StatusCode) {
		return false, nil
	}
	// Read the reply now: go-retryablehttp drains it before calling Backoff.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	e := decodeError(resp.StatusCode, resp.Header, body)
	if e.Code == AlreadyExists {
		// A conflict that another try would meet again: a plain refusal.
		return false, nil
	}
	st.refused = e
	if ctx.Err() != nil {
		// Refused, so not applied, and out of time: not sent, and no retry. (Classified
		// before the context is looked at, so that a refusal met at a cancel still reads as
		// one.)
		return false, nil
	}
	hint, ok := retryHint(e.Details, resp.Header, time.Now())
	if ok && hint > c.cfg.Retry.MaxServerWait {
		st.retryAt = time.Now().Add(hint)
		return false, nil
	}
	st.hint = hint
	if e.Throttled() {
		st.turn.Throttled(hint)
	}
	return true, nil
}

// permanentTransportError reports errors that another attempt would meet again.
func permanentTransportError(err error) bool {
	var cert *x509.UnknownAuthorityError
	var host x509.HostnameError
	var inv x509.CertificateInvalidError
	return errors.As(err, &cert) || errors.As(err, &host) || errors.As(err, &inv)
}

// backoff is go-retryablehttp's Backoff: exponential with full jitter, never shorter than the
// server's hint. After a refusal (429, 409) the jitter keeps at least half of each step, so
// that the retries of one request span at least the minute of a per-minute quota window even
// when the server gives no hint: with the defaults, 9 retries wait 79.5 s at the least.
func (c *Client) backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	p := c.cfg.Retry
	rnd := p.Rand
	if rnd == nil {
		rnd = rand.Float64
	}
	jitter := rnd
	if resp != nil && refusedUnapplied(resp.StatusCode) {
		jitter = func() float64 { return 0.5 + 0.5*rnd() }
	}
	d := backoff.Policy{Initial: p.InitialBackoff, Max: p.MaxBackoff, Rand: jitter}.Delay(attempt)
	status := 0
	if resp != nil {
		status = resp.StatusCode
		if resp.Request != nil {
			if st := stateFrom(resp.Request.Context()); st != nil && st.hint > d {
				d = st.hint
			}
		}
	}
	c.cfg.Logger.LogAttrs(context.Background(), slog.LevelDebug, "people: retrying",
		slog.Int("attempt", attempt+1), slog.Int("status", status), slog.Duration("wait", d))
	return d
}

// waitTurn paces each attempt of a request for its user.
func (c *Client) waitTurn(req *http.Request) error {
	st := stateFrom(req.Context())
	if st == nil || st.read {
		return nil
	}
	c.tel.retrying(req.Context(), st.attempts.Count())
	defer c.tel.paced(req.Context(), time.Now())
	turn, err := c.cfg.Pacer.p.Wait(req.Context(), st.user)
	st.turn = turn
	return err
}
