// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// instrumentationName is the OpenTelemetry instrumentation scope of the package's spans and
// metrics; its version is the SDK's.
const instrumentationName = "github.com/peoplebatch/peoplebatch-go/people"

// The span names. See the package documentation, section Telemetry.
const (
	spanCall    = "people.BatchCreateContacts"
	spanCallSeq = "people.BatchCreateContactsSeq"
	spanRequest = "people.batchCreateContacts"
	// The spans of the group and photo calls, and of their requests.
	spanResolveGroups = "people.ResolveContactGroups"
	spanCreateGroup   = "people.contactGroups.create"
	spanSetPhotos     = "people.SetContactPhotos"
	spanUpdatePhoto   = "people.updateContactPhoto"
)

// The attribute keys of spans, events and metrics. None holds contact data, a token or a
// header; the user key appears only hashed.
const (
	attrContacts    = attribute.Key("people.contacts")
	attrChunkSize   = attribute.Key("people.chunk_size")
	attrUserHash    = attribute.Key("people.user.hash")
	attrRequests    = attribute.Key("people.requests")
	attrRequest     = attribute.Key("people.request")
	attrOffset      = attribute.Key("people.offset")
	attrAttempts    = attribute.Key("people.attempts")
	attrAttempt     = attribute.Key("people.attempt")
	attrThrottled   = attribute.Key("people.throttled")
	attrOutcome     = attribute.Key("people.outcome")
	attrStatusClass = attribute.Key("people.response.status_class")
	attrCreated     = attribute.Key("people.contacts.created")
	attrFailed      = attribute.Key("people.contacts.failed")
	attrNotSent     = attribute.Key("people.contacts.not_sent")
	attrUnknown     = attribute.Key("people.contacts.unknown")
	attrRetryWait   = attribute.Key("people.retry.wait")
	attrPacingWait  = attribute.Key("people.pacing.wait")
	attrRound       = attribute.Key("people.reconcile.round")
	attrFound       = attribute.Key("people.reconcile.found")
	attrMissing     = attribute.Key("people.reconcile.missing")
	attrGroups      = attribute.Key("people.groups")
	attrGroupsMade  = attribute.Key("people.groups.created")
	attrPhotos      = attribute.Key("people.photos")
	attrHTTPStatus  = attribute.Key("http.response.status_code")
	attrErrorType   = attribute.Key("error.type")
)

// instruments holds the client's tracer and metric instruments. A nil *instruments records
// nothing, as does every method on a nil *callTrace or *requestTrace.
type instruments struct {
	tracer trace.Tracer
	// user is the span attribute that names the client's user by a hash, or nothing.
	user []attribute.KeyValue
	metrics
}

// newInstruments returns the instruments of a client for user, from tp and mp; nil means the
// global provider, as in otelhttp.
func newInstruments(tp trace.TracerProvider, mp metric.MeterProvider, user string) *instruments {
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	if mp == nil {
		mp = otel.GetMeterProvider()
	}
	in := &instruments{tracer: tp.Tracer(instrumentationName, trace.WithInstrumentationVersion(version))}
	if user != "" {
		in.user = []attribute.KeyValue{attrUserHash.String(userHash(user))}
	}
	in.metrics = newMetrics(mp.Meter(instrumentationName, metric.WithInstrumentationVersion(version)), in.user)
	return in
}

// userHash returns the first 8 bytes of the SHA-256 of user, in hex: enough to tell users
// apart in telemetry without naming them.
func userHash(user string) string {
	sum := sha256.Sum256([]byte(user))
	return hex.EncodeToString(sum[:8])
}

// callTrace is the telemetry of one BatchCreateContacts or BatchCreateContactsSeq call.
type callTrace struct {
	in       *instruments
	span     trace.Span
	requests int
	recorded Counts // contacts already counted in the people.contacts metric
	yielded  Counts // BatchCreateContactsSeq: contacts of the results yielded
	failed   bool   // BatchCreateContactsSeq: an error was yielded
}

// startCall starts the span of a call named name, for total contacts (-1 when unknown)
// sent chunkSize at a time, and returns the context its requests run in.
func (in *instruments) startCall(ctx context.Context, name string, total, chunkSize int) (context.Context, *callTrace) {
	if in == nil {
		return ctx, nil
	}
	attrs := make([]attribute.KeyValue, 0, 3)
	if total >= 0 {
		attrs = append(attrs, attrContacts.Int(total))
	}
	attrs = append(attrs, attrChunkSize.Int(chunkSize))
	attrs = append(attrs, in.user...)
	ctx, span := in.tracer.Start(ctx, name, trace.WithAttributes(attrs...))
	in.callsActive.Add(ctx, 1)
	return ctx, &callTrace{in: in, span: span}
}

// endResult ends the span of a BatchCreateContacts call with the outcomes of res.
func (ct *callTrace) endResult(res *Result) {
	if ct == nil {
		return
	}
	counts := res.Counts()
	ct.end(counts, counts.Created != counts.Total())
}

// tally wraps the yield function of a BatchCreateContactsSeq call so that the call's span
// counts what is yielded.
func (ct *callTrace) tally(yield func(*BatchResult, error) bool) func(*BatchResult, error) bool {
	if ct == nil {
		return yield
	}
	return func(br *BatchResult, err error) bool {
		if br != nil {
			for i := range br.Contacts {
				ct.yielded.add(br.Contacts[i].Outcome)
			}
		}
		ct.failed = ct.failed || err != nil
		return yield(br, err)
	}
}

// endSeq ends the span of a BatchCreateContactsSeq call with what it yielded.
func (ct *callTrace) endSeq() {
	if ct == nil {
		return
	}
	ct.end(ct.yielded, ct.failed)
}

// end counts the contacts that no request counted (invalid, or never sent) and ends the span.
func (ct *callTrace) end(counts Counts, failed bool) {
	ctx := trace.ContextWithSpan(context.Background(), ct.span)
	ct.in.countContacts(ctx, Counts{
		Created: max(0, counts.Created-ct.recorded.Created),
		Failed:  max(0, counts.Failed-ct.recorded.Failed),
		NotSent: max(0, counts.NotSent-ct.recorded.NotSent),
		Unknown: max(0, counts.Unknown-ct.recorded.Unknown),
	})
	ct.in.callsActive.Add(ctx, -1)
	ct.span.SetAttributes(countAttrs(counts, attrRequests.Int(ct.requests))...)
	if failed {
		ct.span.SetStatus(codes.Error, failureMessage("call", counts))
	}
	ct.span.End()
}

// countAttrs returns the span attributes of counts, after extra.
func countAttrs(c Counts, extra ...attribute.KeyValue) []attribute.KeyValue {
	return append(extra, attrCreated.Int(c.Created), attrFailed.Int(c.Failed),
		attrNotSent.Int(c.NotSent), attrUnknown.Int(c.Unknown))
}

// failureMessage is the status message of a failed span: counts only, no contact data.
func failureMessage(what string, c Counts) string {
	return fmt.Sprintf("people: %s: %d of %d contacts not created (%d failed, %d not sent, %d unknown)",
		what, c.Total()-c.Created, c.Total(), c.Failed, c.NotSent, c.Unknown)
}
