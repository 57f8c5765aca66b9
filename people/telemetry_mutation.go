// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"fmt"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// This file holds the spans of the group and photo calls: a span per call
// ([Client.ResolveContactGroups], [Client.SetContactPhotos]) and one per single mutation
// (contactGroups.create, updateContactPhoto), whose attempts record into it as a batch
// create's request does. None names a group, a contact or a photo.

// mutationSpan returns the span name of the single mutation method.
func mutationSpan(method string) string {
	if method == MethodCreateContactGroup {
		return spanCreateGroup
	}
	return spanUpdatePhoto
}

// startMutation starts the span of one request of method, a single mutation, and returns the
// context its attempts run in.
func (in *instruments) startMutation(ctx context.Context, method string) (context.Context, *requestTrace) {
	if in == nil {
		return ctx, nil
	}
	ctx, span := in.tracer.Start(ctx, mutationSpan(method), trace.WithAttributes(in.user...))
	rt := &requestTrace{span: span, start: time.Now()}
	return context.WithValue(ctx, requestTraceKey{}, rt), rt
}

// endMutation ends the span of a single mutation of method that made attempts and ended
// with outcome o and err (nil when applied and read).
func (rt *requestTrace) endMutation(method string, attempts int, o Outcome, err error) {
	if rt == nil {
		return
	}
	attrs := []attribute.KeyValue{attrAttempts.Int(attempts), attrThrottled.Bool(rt.throttled),
		attrOutcome.String(outcomeName(o))}
	if rt.status != 0 {
		attrs = append(attrs, attrHTTPStatus.Int(rt.status))
	}
	if err != nil {
		attrs = append(attrs, attrErrorType.String(errorType(err)))
		rt.span.SetStatus(codes.Error, fmt.Sprintf("people: %s: outcome %s", method, outcomeName(o)))
	}
	rt.span.SetAttributes(attrs...)
	rt.span.End()
}

// startCallSpan starts the span of a group or photo call named name, with attrs and the
// hashed user. The span is nil when the client records no telemetry.
func (in *instruments) startCallSpan(ctx context.Context, name string, attrs ...attribute.KeyValue) (context.Context, trace.Span) {
	if in == nil {
		return ctx, nil
	}
	return in.tracer.Start(ctx, name, trace.WithAttributes(append(attrs, in.user...)...))
}

// endCallSpan ends span, a group or photo call's, with attrs, its status an error with
// message failure unless that is empty.
func endCallSpan(span trace.Span, failure string, attrs ...attribute.KeyValue) {
	if span == nil {
		return
	}
	span.SetAttributes(attrs...)
	if failure != "" {
		span.SetStatus(codes.Error, failure)
	}
	span.End()
}

// endResolveSpan ends the span of a ResolveContactGroups call that ended with res (nil after
// a panic) and err.
func endResolveSpan(span trace.Span, res *ResolvedGroups, err error) {
	var attrs []attribute.KeyValue
	if res != nil {
		attrs = append(attrs, attrGroupsMade.Int(len(res.Created)))
	}
	failure := ""
	if err != nil || res == nil {
		failure = "people: ResolveContactGroups: some names not resolved"
	}
	endCallSpan(span, failure, attrs...)
}

// endPhotosSpan ends the span of a SetContactPhotos call with the outcomes of res.
func endPhotosSpan(span trace.Span, res *PhotoResult) {
	c := res.Counts()
	failure := ""
	if c.Created != c.Total() {
		failure = fmt.Sprintf("people: SetContactPhotos: %d of %d photos not set (%d failed, %d not sent, %d unknown)",
			c.Total()-c.Created, c.Total(), c.Failed, c.NotSent, c.Unknown)
	}
	endCallSpan(span, failure, countAttrs(c)...)
}
