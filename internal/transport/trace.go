// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package transport holds the http.RoundTrippers below the retry loop: one that records
// whether an attempt may have reached the server, and one that paces attempts.
package transport

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
)

// Attempts records, across the attempts of one request, whether any of them may have
// reached the server. Put it in the request's context with WithAttempts.
type Attempts struct {
	n         atomic.Int32
	lastWrote atomic.Bool // the latest attempt wrote at least one header
}

type attemptsKey struct{}

// WithAttempts returns a context that carries a.
func WithAttempts(ctx context.Context, a *Attempts) context.Context {
	return context.WithValue(ctx, attemptsKey{}, a)
}

// AttemptsFrom returns the Attempts of ctx, or nil.
func AttemptsFrom(ctx context.Context) *Attempts {
	a, _ := ctx.Value(attemptsKey{}).(*Attempts)
	return a
}

// Count returns how many attempts reached the transport.
func (a *Attempts) Count() int { return int(a.n.Load()) }

// LastMaybeSent reports whether the latest attempt may have been seen by the server: it
// wrote some of its request. When it is false, the attempt certainly never left the machine.
func (a *Attempts) LastMaybeSent() bool { return a.lastWrote.Load() }

// Trace is an http.RoundTripper that records into the request's Attempts whether each
// attempt wrote anything, using net/http/httptrace: an attempt that wrote no header never
// reached the server.
type Trace struct {
	Next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *Trace) RoundTrip(req *http.Request) (*http.Response, error) {
	a := AttemptsFrom(req.Context())
	if a == nil {
		return t.Next.RoundTrip(req)
	}
	a.n.Add(1)
	a.lastWrote.Store(false)
	wrote := func() { a.lastWrote.Store(true) }
	trace := &httptrace.ClientTrace{
		WroteHeaderField: func(string, []string) { wrote() },
		WroteHeaders:     wrote,
		WroteRequest:     func(httptrace.WroteRequestInfo) { wrote() },
	}
	return t.Next.RoundTrip(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
}
