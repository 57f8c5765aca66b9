// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package transport holds what the SDK adds to HTTP below its retry loop: a bound on each
// attempt (Deadline), and a record of whether an attempt wrote anything (TraceWrites).
package transport

import (
	"context"
	"net/http/httptrace"
	"sync/atomic"
)

// TraceWrites returns a context for one attempt's request, and wrote, which reports whether
// the attempt wrote any of its request. An attempt that wrote nothing never reached the
// server.
func TraceWrites(ctx context.Context) (_ context.Context, wrote func() bool) {
	var w atomic.Bool
	set := func() { w.Store(true) }
	trace := &httptrace.ClientTrace{
		WroteHeaderField: func(string, []string) { set() },
		WroteHeaders:     set,
		WroteRequest:     func(httptrace.WroteRequestInfo) { set() },
	}
	return httptrace.WithClientTrace(ctx, trace), w.Load
}
