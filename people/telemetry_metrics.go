// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// The metric names, in OpenTelemetry's semantic-convention style: dotted, unit not in the
// name, durations in seconds. See the package documentation, section Telemetry.
const (
	metricContacts        = "people.contacts"
	metricRequests        = "people.requests"
	metricRequestDuration = "people.request.duration"
	metricPacingWait      = "people.pacing.wait"
	metricThrottled       = "people.throttled"
	metricCallsActive     = "people.calls.active"
	metricLookups         = "people.reconcile.lookups"
)

// Bucket boundaries in seconds: a request runs from tens of milliseconds to minutes of
// retries; pacing holds a request up to about a minute.
var (
	requestBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}
	waitBuckets    = []float64{0, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120}
)

// metrics holds the client's metric instruments and the attribute sets it records with,
// made once so that recording allocates nothing.
type metrics struct {
	contacts        metric.Int64Counter
	requests        metric.Int64Counter
	requestDuration metric.Float64Histogram
	pacingWait      metric.Float64Histogram
	throttled       metric.Int64Counter
	callsActive     metric.Int64UpDownCounter
	lookups         metric.Int64Counter

	outcomeSets  [4]metric.MeasurementOption // by Outcome
	statusSets   [6]metric.MeasurementOption // by status class: none, 1xx ... 5xx
	userSet      metric.MeasurementOption    // the hashed user, or nothing
	lookupFailed metric.MeasurementOption
}

// newMetrics makes the instruments on meter. An instrument the meter refuses is reported to
// otel.Handle and replaced by the no-op instrument the API returns with the error.
func newMetrics(meter metric.Meter, user []attribute.KeyValue) metrics {
	var m metrics
	var errs [7]error
	m.contacts, errs[0] = meter.Int64Counter(metricContacts, metric.WithUnit("{contact}"),
		metric.WithDescription("Input contacts handled, by outcome: created, failed, not_sent or unknown."))
	m.requests, errs[1] = meter.Int64Counter(metricRequests, metric.WithUnit("{request}"),
		metric.WithDescription("batchCreateContacts requests sent (retries are part of their request), by the status class of the last reply."))
	m.requestDuration, errs[2] = meter.Float64Histogram(metricRequestDuration, metric.WithUnit("s"),
		metric.WithDescription("Time from a request's start to its outcome: pacing, retries and reconciliation included."),
		metric.WithExplicitBucketBoundaries(requestBuckets...))
	m.pacingWait, errs[3] = meter.Float64Histogram(metricPacingWait, metric.WithUnit("s"),
		metric.WithDescription("Time pacing held each attempt of a request for the user's write quota."),
		metric.WithExplicitBucketBoundaries(waitBuckets...))
	m.throttled, errs[4] = meter.Int64Counter(metricThrottled, metric.WithUnit("{reply}"),
		metric.WithDescription("Replies 429 (RESOURCE_EXHAUSTED) to batchCreateContacts attempts, by hashed user."))
	m.callsActive, errs[5] = meter.Int64UpDownCounter(metricCallsActive, metric.WithUnit("{call}"),
		metric.WithDescription("BatchCreateContacts and BatchCreateContactsSeq calls in progress."))
	m.lookups, errs[6] = meter.Int64Counter(metricLookups, metric.WithUnit("{lookup}"),
		metric.WithDescription("Listings of a user's contacts made to reconcile requests with unknown outcomes."))
	for _, err := range errs {
		if err != nil {
			otel.Handle(err)
		}
	}
	for o := range m.outcomeSets {
		m.outcomeSets[o] = metric.WithAttributeSet(attribute.NewSet(attrOutcome.String(outcomeName(Outcome(o)))))
	}
	classes := [...]string{"none", "1xx", "2xx", "3xx", "4xx", "5xx"}
	for i, c := range classes {
		m.statusSets[i] = metric.WithAttributeSet(attribute.NewSet(attrStatusClass.String(c)))
	}
	m.userSet = metric.WithAttributeSet(attribute.NewSet(user...))
	m.lookupFailed = metric.WithAttributeSet(attribute.NewSet(attrErrorType.String("lookup_failed")))
	return m
}

// outcomeName is the value of the people.outcome attribute: snake case, as attribute values
// are.
func outcomeName(o Outcome) string {
	if o == OutcomeNotSent {
		return "not_sent"
	}
	return o.String()
}

// countContacts adds the contacts of c to people.contacts.
func (m *metrics) countContacts(ctx context.Context, c Counts) {
	for o, n := range [...]int{OutcomeNotSent: c.NotSent, OutcomeCreated: c.Created, OutcomeFailed: c.Failed, OutcomeUnknown: c.Unknown} {
		if n > 0 {
			m.contacts.Add(ctx, int64(n), m.outcomeSets[o])
		}
	}
}

// countRequest records a request sent whose last reply had status (0 for none) and that took d.
func (m *metrics) countRequest(ctx context.Context, status int, d time.Duration) {
	class := 0
	if status >= 100 && status < 600 {
		class = status / 100
	}
	m.requests.Add(ctx, 1, m.statusSets[class])
	m.requestDuration.Record(ctx, d.Seconds(), m.statusSets[class])
}

// countLookup records a reconciliation listing, failed when err is not nil.
func (m *metrics) countLookup(ctx context.Context, err error) {
	if err != nil {
		m.lookups.Add(ctx, 1, m.lookupFailed)
		return
	}
	m.lookups.Add(ctx, 1)
}
