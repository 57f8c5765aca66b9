// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestTelemetryHoldsNoSecret imports contacts, with faults and with a refusal whose message
// quotes a contact, and scans every span name, status, attribute and event, and every metric
// attribute, for the token, the Authorization header, the user's email and the contacts'
// names and emails.
func TestTelemetryHoldsNoSecret(t *testing.T) {
	quoting := []byte(`{"error":{"code":400,"message":"Invalid value at 'contacts[0]': c0@example.com Family0","status":"INVALID_ARGUMENT"}}`)
	tests := []struct {
		name   string
		faults []peopletest.Fault
	}{
		{"429 and reset after commit", []peopletest.Fault{
			{Kind: peopletest.FaultStatus, Status: 429, Request: 1},
			{Kind: peopletest.FaultResetAfterCommit, Request: 3},
		}},
		{"refusal quoting a contact", []peopletest.Fault{{Kind: peopletest.FaultStatus, Status: 400, Body: quoting, Request: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tel := newTelemetry(t)
			withGlobalTracerProvider(t, tel.tp)
			_, in, _ := importWith(t, tel, tt.faults...)
			secrets := []string{testToken, "Bearer", "ann@example.com", "example.com"}
			for _, p := range in {
				secrets = append(secrets, p.Names[0].FamilyName, p.EmailAddresses[0].Value)
			}
			var texts []string
			add := func(where string, attrs []attribute.KeyValue) {
				for _, kv := range attrs {
					texts = append(texts, where+" "+string(kv.Key)+"="+kv.Value.String())
				}
			}
			spans := tel.spans.Ended()
			if len(spans) == 0 {
				t.Fatal("no spans recorded")
			}
			for _, s := range spans {
				texts = append(texts, "span name "+s.Name(), "span status "+s.Status().Description)
				add("span "+s.Name(), s.Attributes())
				for _, e := range s.Events() {
					texts = append(texts, "event name "+e.Name)
					add("event "+e.Name, e.Attributes)
				}
				for _, l := range s.Links() {
					add("link", l.Attributes)
				}
			}
			var rm metricdata.ResourceMetrics
			if err := tel.reader.Collect(t.Context(), &rm); err != nil {
				t.Fatal(err)
			}
			points := 0
			for _, sm := range rm.ScopeMetrics {
				for _, m := range sm.Metrics {
					for _, set := range metricAttributes(t, m) {
						points++
						add("metric "+m.Name, set.ToSlice())
					}
				}
			}
			if points == 0 {
				t.Fatal("no metric data points recorded")
			}
			for _, text := range texts {
				for _, s := range secrets {
					if strings.Contains(text, s) {
						t.Errorf("%s holds %q", text, s)
					}
				}
			}
		})
	}
}

// metricAttributes returns the attribute set of each data point of m, whose data is of a
// kind the package records: int64 sums and float64 histograms.
func metricAttributes(t *testing.T, m metricdata.Metrics) []attribute.Set {
	var out []attribute.Set
	switch d := m.Data.(type) {
	case metricdata.Sum[int64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
		}
	case metricdata.Histogram[float64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
		}
	default:
		t.Errorf("metric %s has data of kind %T, not scanned", m.Name, m.Data)
	}
	return out
}
