// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"testing/synctest"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestTelemetryFailures checks the spans and the people.contacts metric of calls that do not
// create every contact: a request refused with a 400, in both forms of the call, and a call
// that validation stops before anything is sent. Every contact is counted once, by outcome.
func TestTelemetryFailures(t *testing.T) {
	t.Parallel()
	slice := func(ctx context.Context, c *people.Client, in []*people.Person) {
		c.BatchCreateContacts(ctx, in, "names", nil)
	}
	seq := func(ctx context.Context, c *people.Client, in []*people.Person) {
		for range c.BatchCreateContactsSeq(ctx, slices.Values(in), "names", nil) {
		}
	}
	invalid := contacts(7)
	invalid[4] = &people.Person{Names: []*people.Name{{GivenName: "A"}, {GivenName: "B"}}}
	tests := []struct {
		name      string
		call      func(context.Context, *people.Client, []*people.Person)
		in        []*people.Person
		span      string
		requests  int // request spans; the last failed with errorType when it is set
		errorType string
		want      people.Counts
	}{
		{"refused", slice, contacts(7), "people.BatchCreateContacts", 2, "INVALID_ARGUMENT",
			people.Counts{Created: 3, Failed: 3, NotSent: 1}},
		{"refused/Seq", seq, contacts(7), "people.BatchCreateContactsSeq", 2, "INVALID_ARGUMENT",
			people.Counts{Created: 3, Failed: 3}},
		{"invalid", slice, invalid, "people.BatchCreateContacts", 0, "",
			people.Counts{Failed: 1, NotSent: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tel := newTelemetry(t)
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			srv.AddFaults(peopletest.Fault{Status: 400, Request: 2})
			c, err := people.NewClientWithConfig(t.Context(),
				&people.Config{ChunkSize: 3, TracerProvider: tel.tp, MeterProvider: tel.mp}, srv.ClientOptions("ann")...)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			tt.call(t.Context(), c, tt.in)

			var call sdktrace.ReadOnlySpan
			var requests []sdktrace.ReadOnlySpan
			for _, s := range tel.spans.Ended() {
				switch s.Name() {
				case tt.span:
					call = s
				case "people.batchCreateContacts":
					requests = append(requests, s)
				}
			}
			if call == nil {
				t.Fatalf("no span %s", tt.span)
			}
			if call.Status().Code != codes.Error || call.Status().Description == "" {
				t.Errorf("call status %+v, want an error with a message", call.Status())
			}
			for _, kv := range []attribute.KeyValue{
				attribute.Int("people.contacts.created", tt.want.Created), attribute.Int("people.contacts.failed", tt.want.Failed),
				attribute.Int("people.contacts.not_sent", tt.want.NotSent), attribute.Int("people.requests", tt.requests),
			} {
				wantAttr(t, "call", call.Attributes(), kv)
			}
			if len(requests) != tt.requests {
				t.Fatalf("%d request spans, want %d", len(requests), tt.requests)
			}
			if tt.requests > 0 {
				last := requests[len(requests)-1]
				if last.Status().Code != codes.Error {
					t.Errorf("refused request status %+v, want an error", last.Status())
				}
				wantAttr(t, "refused request", last.Attributes(), attribute.String("error.type", tt.errorType))
				wantAttr(t, "refused request", last.Attributes(), attribute.Int("http.response.status_code", 400))
			}
			m := tel.metrics(t)
			for outcome, want := range map[string]int{"created": tt.want.Created, "failed": tt.want.Failed,
				"not_sent": tt.want.NotSent, "unknown": tt.want.Unknown} {
				if got := sum(t, m["people.contacts"], attribute.String("people.outcome", outcome)); got != int64(want) {
					t.Errorf("people.contacts{people.outcome=%s} = %d, want %d", outcome, got, want)
				}
			}
			if got := sum(t, m["people.calls.active"], attribute.KeyValue{}); got != 0 {
				t.Errorf("people.calls.active = %d after the call, want 0", got)
			}
		})
	}
}

// TestTelemetryPacing checks that the waits of pacing show as people.pacing events on the
// request spans and in the people.pacing.wait histogram. The quota, 120 requests a minute,
// spaces requests by 60 s / (120 × 0.98) = 510.2 ms, and time is fake: the pacer holds the
// second and third requests exactly that long.
func TestTelemetryPacing(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		tel := newTelemetry(t)
		srv, hc := pipeEmulator(t, "ann")
		cfg := &people.Config{ChunkSize: 3, WritesPerMinute: 120, TracerProvider: tel.tp, MeterProvider: tel.mp}
		c := pipeClient(t, srv, hc, cfg)
		if _, err := c.BatchCreateContacts(t.Context(), contacts(9), "", nil); err != nil {
			t.Fatal(err)
		}
		const spacing = 60.0 / (120 * 0.98)
		var waits []float64
		for _, s := range tel.spans.Ended() {
			if s.Name() == "people.BatchCreateContacts" {
				if v, ok := attr(s.Attributes(), "people.user.hash"); ok {
					t.Errorf("call span has people.user.hash %s without a Config.User", v.String())
				}
			}
			for _, e := range events(s, "people.pacing") {
				w, _ := attr(e.Attributes, "people.pacing.wait")
				waits = append(waits, w.AsFloat64())
			}
		}
		if len(waits) != 2 || math.Abs(waits[0]-spacing) > 0.001 || math.Abs(waits[1]-spacing) > 0.001 {
			t.Errorf("people.pacing events with waits %v s, want two of %.4f s", waits, spacing)
		}
		h := tel.metrics(t)["people.pacing.wait"]
		if n := histogramCount(t, h); n != 3 {
			t.Errorf("people.pacing.wait has %d values, want 3", n)
		}
		if sum := h.Data.(metricdata.Histogram[float64]).DataPoints[0].Sum; math.Abs(sum-2*spacing) > 0.002 {
			t.Errorf("people.pacing.wait adds up to %v s, want %.4f s", sum, 2*spacing)
		}
	})
}
