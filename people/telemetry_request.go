// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// requestTrace is the telemetry of one request: of a batch create's call (a BatchResult), or
// a single mutation. It holds the request's span and what its attempts met. The retry hooks
// find it in the request's context.
type requestTrace struct {
	ct        *callTrace // the batch create's call; nil for a single mutation
	span      trace.Span
	start     time.Time
	status    int  // HTTP status of the latest reply, 0 when none came
	throttled bool // some attempt was answered 429
}

type requestTraceKey struct{}

// requestTraceFrom returns the requestTrace of ctx, or nil.
func requestTraceFrom(ctx context.Context) *requestTrace {
	rt, _ := ctx.Value(requestTraceKey{}).(*requestTrace)
	return rt
}

// sendTraced is [call.send] inside the span of ch's request: the request's attempts, and
// the listings that reconcile it, run in that span's context.
func (cl *call) sendTraced(ch *chunk) {
	callCtx := cl.ctx
	var rt *requestTrace
	cl.ctx, rt = cl.trace.startRequest(callCtx, ch.br.Request, ch.br.Offset, len(ch.br.Contacts))
	// Deferred, so that a panic (of a caller's transport, sequencer or journal) on its way
	// out still ends the request's span.
	defer func() {
		cl.ctx = callCtx
		rt.end(ch.br, ch.err)
	}()
	cl.send(ch)
}

// startRequest starts the span of request number request, for n contacts from offset.
func (ct *callTrace) startRequest(ctx context.Context, request, offset, n int) (context.Context, *requestTrace) {
	if ct == nil {
		return ctx, nil
	}
	ct.requests++
	ctx, span := ct.in.tracer.Start(ctx, spanRequest, trace.WithAttributes(
		attrRequest.Int(request), attrOffset.Int(offset), attrContacts.Int(n)))
	rt := &requestTrace{ct: ct, span: span, start: time.Now()}
	return context.WithValue(ctx, requestTraceKey{}, rt), rt
}

// end records the request's outcome and ends its span.
func (rt *requestTrace) end(br *BatchResult, err error) {
	if rt == nil {
		return
	}
	in := rt.ct.in
	ctx := trace.ContextWithSpan(context.Background(), rt.span)
	counts := br.Counts()
	in.countContacts(ctx, counts)
	c := &rt.ct.recorded
	c.Created, c.Failed, c.NotSent, c.Unknown = c.Created+counts.Created, c.Failed+counts.Failed,
		c.NotSent+counts.NotSent, c.Unknown+counts.Unknown
	attrs := countAttrs(counts, attrAttempts.Int(br.Attempts), attrThrottled.Bool(rt.throttled))
	if rt.status != 0 {
		attrs = append(attrs, attrHTTPStatus.Int(rt.status))
	}
	if br.Attempts > 0 {
		in.countRequest(ctx, rt.status, time.Since(rt.start))
	}
	if err != nil {
		attrs = append(attrs, attrErrorType.String(errorType(err)))
		rt.span.SetStatus(codes.Error, failureMessage(fmt.Sprintf("request %d", br.Request), counts))
	}
	rt.span.SetAttributes(attrs...)
	rt.span.End()
}

// errorType names the kind of a request's failure for the error.type attribute: the status
// name of the server's error, or the Go type of the cause. It never holds an error's text,
// which may quote contact data.
func errorType(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Status != "" {
			return e.Status
		}
		return fmt.Sprint(e.HTTPStatus)
	}
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return fmt.Sprintf("%T", err)
		}
		err = next
	}
}

// attempted records the end of an attempt of a request: its reply's status, or none (resp
// nil). It is called once per attempt, the last one included.
func (in *instruments) attempted(ctx context.Context, resp *http.Response) {
	rt := requestTraceFrom(ctx)
	if in == nil || rt == nil {
		return
	}
	rt.status = 0
	if resp != nil {
		rt.status = resp.StatusCode
	}
	if rt.status == http.StatusTooManyRequests {
		rt.throttled = true
		if rt.ct != nil { // the metric counts batchCreateContacts attempts
			in.throttled.Add(ctx, 1, in.userSet)
		}
	}
}

// retrying records that attempt (from 2) will be made after wait, because the attempt
// before was answered status, or not answered (0).
func (in *instruments) retrying(ctx context.Context, attempt, status int, wait time.Duration) {
	rt := requestTraceFrom(ctx)
	if in == nil || rt == nil {
		return
	}
	attrs := make([]attribute.KeyValue, 0, 3)
	attrs = append(attrs, attrAttempt.Int(attempt), attrRetryWait.Float64(wait.Seconds()))
	if status != 0 {
		attrs = append(attrs, attrHTTPStatus.Int(status))
	} else {
		attrs = append(attrs, attrErrorType.String("transport"))
	}
	rt.span.AddEvent("people.retry", trace.WithAttributes(attrs...))
}

// paced records how long pacing held an attempt of a request, from start until now.
func (in *instruments) paced(ctx context.Context, start time.Time) {
	if in == nil {
		return
	}
	wait := time.Since(start)
	in.pacingWait.Record(ctx, wait.Seconds())
	if rt := requestTraceFrom(ctx); rt != nil && wait >= time.Millisecond {
		rt.span.AddEvent("people.pacing", trace.WithAttributes(attrPacingWait.Float64(wait.Seconds())))
	}
}

// reconciled records a round of reconciliation: a listing of the user's contacts that found
// found of the contacts looked for, missing the others, or failed with err.
func (in *instruments) reconciled(ctx context.Context, round, found, missing int, err error) {
	if in == nil {
		return
	}
	attrs := []attribute.KeyValue{attrRound.Int(round), attrFound.Int(found), attrMissing.Int(missing)}
	if err != nil {
		attrs = append(attrs, attrErrorType.String(errorType(err)))
	}
	in.countLookup(ctx, err)
	trace.SpanFromContext(ctx).AddEvent("people.reconcile", trace.WithAttributes(attrs...))
}
