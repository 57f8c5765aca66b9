// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"
	"golang.org/x/oauth2"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// telemetry is an OpenTelemetry SDK whose spans and metrics a test reads back.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	tp     *sdktrace.TracerProvider
	reader *sdkmetric.ManualReader
	mp     *sdkmetric.MeterProvider
}

func newTelemetry(t *testing.T) *telemetry {
	t.Helper()
	tel := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tel.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tel.spans))
	tel.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(tel.reader))
	t.Cleanup(func() {
		tel.tp.Shutdown(t.Context())
		tel.mp.Shutdown(t.Context())
	})
	return tel
}

// metrics collects the metrics recorded so far, by name.
func (tel *telemetry) metrics(t *testing.T) map[string]metricdata.Metrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(t.Context(), &rm); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]metricdata.Metrics)
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != "github.com/peoplebatch/peoplebatch-go/people" {
			continue
		}
		for _, m := range sm.Metrics {
			out[m.Name] = m
		}
	}
	return out
}

// sum returns the value of an int64 sum metric's data point with attribute kv ("" key: any
// attributes, added up).
func sum(t *testing.T, m metricdata.Metrics, kv attribute.KeyValue) int64 {
	t.Helper()
	s, ok := m.Data.(metricdata.Sum[int64])
	if !ok {
		t.Fatalf("%s is %T, want an int64 sum", m.Name, m.Data)
	}
	var n int64
	for _, dp := range s.DataPoints {
		if v, ok := dp.Attributes.Value(kv.Key); kv.Key == "" || (ok && v == kv.Value) {
			n += dp.Value
		}
	}
	return n
}

// histogramCount returns how many values a float64 histogram metric recorded.
func histogramCount(t *testing.T, m metricdata.Metrics) uint64 {
	t.Helper()
	h, ok := m.Data.(metricdata.Histogram[float64])
	if !ok {
		t.Fatalf("%s is %T, want a float64 histogram", m.Name, m.Data)
	}
	var n uint64
	for _, dp := range h.DataPoints {
		n += dp.Count
	}
	return n
}

// attr returns a span's or event's attribute key, and whether it is there.
func attr(attrs []attribute.KeyValue, key attribute.Key) (attribute.Value, bool) {
	for _, kv := range attrs {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return attribute.Value{}, false
}

func wantAttr(t *testing.T, what string, attrs []attribute.KeyValue, kv attribute.KeyValue) {
	t.Helper()
	if v, ok := attr(attrs, kv.Key); !ok || v != kv.Value {
		t.Errorf("%s: %s = %v (present %v), want %v", what, kv.Key, v.String(), ok, kv.Value.String())
	}
}

func events(s sdktrace.ReadOnlySpan, name string) []sdktrace.Event {
	var out []sdktrace.Event
	for _, e := range s.Events() {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

// withGlobalTracerProvider makes tp the global provider for the test, as the HTTP spans of
// google.golang.org/api/transport/http come from it. The test must not be parallel.
func withGlobalTracerProvider(t *testing.T, tp trace.TracerProvider) {
	otel.SetTracerProvider(tp)
	t.Cleanup(func() { otel.SetTracerProvider(tracenoop.NewTracerProvider()) })
}

const testToken = "ya29.secret-token-for-telemetry"

// importWithFaults imports 7 contacts in requests of 3 on an emulator whose first request is
// refused with a 429 once and whose second is reset after commit, with reconciliation on. The
// client goes through google.golang.org/api/transport/http with a token, as in production.
func importWithFaults(t *testing.T, tel *telemetry) (*people.Result, []*people.Person, error) {
	t.Helper()
	return importWith(t, tel,
		peopletest.Fault{Kind: peopletest.FaultStatus, Status: 429, Request: 1},
		peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Request: 3})
}

// importWith imports 7 contacts in requests of 3 on an emulator with faults, reconciliation
// on, through google.golang.org/api/transport/http with a token.
func importWith(t *testing.T, tel *telemetry, faults ...peopletest.Fault) (*people.Result, []*people.Person, error) {
	t.Helper()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	srv.AddFaults(faults...)
	cfg := &people.Config{
		ChunkSize:      3,
		User:           "ann@example.com",
		Reconcile:      &people.ReconcileConfig{Delay: time.Millisecond},
		Retry:          people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond},
		TracerProvider: tel.tp,
		MeterProvider:  tel.mp,
	}
	c, err := people.NewClientWithConfig(t.Context(), cfg, option.WithEndpoint(srv.URL+"/"),
		option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testToken})))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	in := contacts(7)
	res, err := c.BatchCreateContacts(t.Context(), in, "names,emailAddresses", nil)
	if srv.PendingFaults() != 0 {
		t.Fatalf("%d faults did not fire", srv.PendingFaults())
	}
	return res, in, err
}

// TestTelemetrySpans checks the spans of an import with a 429 and a reset after commit: one
// span for the call, one child per request with its attempts, status and outcome, events for
// the retry and the reconciliation, and the HTTP spans of transport/http under the requests.
func TestTelemetrySpans(t *testing.T) {
	tel := newTelemetry(t)
	withGlobalTracerProvider(t, tel.tp)
	res, _, err := importWithFaults(t, tel)
	if err != nil || res.Counts().Created != 7 {
		t.Fatalf("counts %+v, err %v; want all 7 created", res.Counts(), err)
	}
	var call sdktrace.ReadOnlySpan
	var requests, httpSpans []sdktrace.ReadOnlySpan
	for _, s := range tel.spans.Ended() {
		switch {
		case s.Name() == "people.BatchCreateContacts":
			call = s
		case s.Name() == "people.batchCreateContacts":
			requests = append(requests, s)
		case s.SpanKind() == trace.SpanKindClient:
			httpSpans = append(httpSpans, s)
		}
	}
	if call == nil {
		t.Fatal("no span people.BatchCreateContacts")
	}
	if call.Parent().IsValid() {
		t.Errorf("call span has parent %v, want a root", call.Parent().SpanID())
	}
	sum := sha256.Sum256([]byte("ann@example.com"))
	for _, kv := range []attribute.KeyValue{
		attribute.Int("people.contacts", 7), attribute.Int("people.chunk_size", 3),
		attribute.String("people.user.hash", hex.EncodeToString(sum[:8])),
		attribute.Int("people.contacts.created", 7), attribute.Int("people.contacts.unknown", 0),
		attribute.Int("people.requests", 3),
	} {
		wantAttr(t, "call", call.Attributes(), kv)
	}
	if call.Status().Code != codes.Unset {
		t.Errorf("call status %v, want unset", call.Status())
	}
	if len(requests) != 3 {
		t.Fatalf("%d request spans, want 3", len(requests))
	}
	slices.SortFunc(requests, func(a, b sdktrace.ReadOnlySpan) int {
		x, _ := attr(a.Attributes(), "people.request")
		y, _ := attr(b.Attributes(), "people.request")
		return int(x.AsInt64() - y.AsInt64())
	})
	for i, s := range requests {
		if s.Parent().SpanID() != call.SpanContext().SpanID() || s.SpanContext().TraceID() != call.SpanContext().TraceID() {
			t.Errorf("request %d: parent %v, want the call span %v", i, s.Parent().SpanID(), call.SpanContext().SpanID())
		}
		wantAttr(t, s.Name(), s.Attributes(), attribute.Int("people.contacts.created", min(3, 7-3*i)))
		if s.Status().Code != codes.Unset {
			t.Errorf("request %d status %v, want unset", i, s.Status())
		}
	}
	// Request 0: a 429, then created.
	r0 := requests[0].Attributes()
	wantAttr(t, "request 0", r0, attribute.Int("people.attempts", 2))
	wantAttr(t, "request 0", r0, attribute.Int("http.response.status_code", 200))
	wantAttr(t, "request 0", r0, attribute.Bool("people.throttled", true))
	retries := events(requests[0], "people.retry")
	if len(retries) != 1 {
		t.Fatalf("request 0: %d retry events, want 1", len(retries))
	}
	wantAttr(t, "retry event", retries[0].Attributes, attribute.Int("people.attempt", 2))
	wantAttr(t, "retry event", retries[0].Attributes, attribute.Int("http.response.status_code", 429))
	if w, ok := attr(retries[0].Attributes, "people.retry.wait"); !ok || w.AsFloat64() <= 0 {
		t.Errorf("retry event: people.retry.wait = %v, want a positive wait", w.String())
	}
	// Request 1: reset after commit, settled by one listing that found its 3 contacts.
	r1 := requests[1].Attributes()
	wantAttr(t, "request 1", r1, attribute.Int("people.attempts", 1))
	wantAttr(t, "request 1", r1, attribute.Bool("people.throttled", false))
	if v, ok := attr(r1, "http.response.status_code"); ok {
		t.Errorf("request 1: http.response.status_code = %v, want none (no reply came)", v.String())
	}
	rounds := events(requests[1], "people.reconcile")
	if len(rounds) != 1 {
		t.Fatalf("request 1: %d reconcile events, want 1", len(rounds))
	}
	wantAttr(t, "reconcile event", rounds[0].Attributes, attribute.Int("people.reconcile.found", 3))
	wantAttr(t, "reconcile event", rounds[0].Attributes, attribute.Int("people.reconcile.missing", 0))
	// The HTTP spans of transport/http: 2 + 1 + 1 POSTs and one listing, each under the span
	// of its request.
	perRequest := make(map[trace.SpanID]int)
	for _, s := range httpSpans {
		perRequest[s.Parent().SpanID()]++
	}
	for i, want := range []int{2, 2, 1} {
		if got := perRequest[requests[i].SpanContext().SpanID()]; got != want {
			t.Errorf("request %d has %d HTTP spans, want %d", i, got, want)
		}
	}
	if len(httpSpans) != 5 {
		t.Errorf("%d HTTP spans, want 5", len(httpSpans))
	}
}

// TestTelemetryMetrics checks the metric values after the same import.
func TestTelemetryMetrics(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	res, _, err := importWithFaults(t, tel)
	if err != nil || res.Counts().Created != 7 {
		t.Fatalf("counts %+v, err %v; want all 7 created", res.Counts(), err)
	}
	m := tel.metrics(t)
	for _, name := range []string{"people.contacts", "people.requests", "people.request.duration",
		"people.pacing.wait", "people.throttled", "people.calls.active", "people.reconcile.lookups"} {
		if _, ok := m[name]; !ok {
			t.Errorf("no metric %s", name)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	tests := []struct {
		metric string
		kv     attribute.KeyValue
		want   int64
	}{
		{"people.contacts", attribute.String("people.outcome", "created"), 7},
		{"people.contacts", attribute.KeyValue{}, 7},
		{"people.requests", attribute.String("people.response.status_class", "2xx"), 2},
		{"people.requests", attribute.String("people.response.status_class", "none"), 1},
		{"people.throttled", attribute.KeyValue{}, 1},
		{"people.calls.active", attribute.KeyValue{}, 0},
		{"people.reconcile.lookups", attribute.KeyValue{}, 1},
	}
	for _, tt := range tests {
		if got := sum(t, m[tt.metric], tt.kv); got != tt.want {
			t.Errorf("%s{%s=%s} = %d, want %d", tt.metric, tt.kv.Key, tt.kv.Value.String(), got, tt.want)
		}
	}
	if m["people.contacts"].Unit != "{contact}" || m["people.request.duration"].Unit != "s" {
		t.Errorf("units %q and %q, want {contact} and s", m["people.contacts"].Unit, m["people.request.duration"].Unit)
	}
	if n := histogramCount(t, m["people.request.duration"]); n != 3 {
		t.Errorf("people.request.duration has %d values, want 3 (one per request)", n)
	}
	if n := histogramCount(t, m["people.pacing.wait"]); n != 4 {
		t.Errorf("people.pacing.wait has %d values, want 4 (one per attempt of a write)", n)
	}
}
