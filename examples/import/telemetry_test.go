// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	collmetrics "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	colltrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	"golang.org/x/oauth2/google"
	"google.golang.org/protobuf/proto"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// otlpReceiver is an OTLP/HTTP endpoint that keeps the names of the spans and metrics it is
// sent, and the service.name of each export.
type otlpReceiver struct {
	mu       sync.Mutex
	spans    []string
	metrics  []string
	services []string
}

func (rc *otlpReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var reply proto.Message
	switch r.URL.Path {
	case "/v1/traces":
		var req colltrace.ExportTraceServiceRequest
		if err := proto.Unmarshal(body, &req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for _, rs := range req.ResourceSpans {
			rc.services = append(rc.services, serviceOf(rs.GetResource().GetAttributes()))
			for _, ss := range rs.ScopeSpans {
				for _, s := range ss.Spans {
					rc.spans = append(rc.spans, s.Name)
				}
			}
		}
		reply = &colltrace.ExportTraceServiceResponse{}
	case "/v1/metrics":
		var req collmetrics.ExportMetricsServiceRequest
		if err := proto.Unmarshal(body, &req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for _, rm := range req.ResourceMetrics {
			for _, sm := range rm.ScopeMetrics {
				for _, m := range sm.Metrics {
					rc.metrics = append(rc.metrics, m.Name)
				}
			}
		}
		reply = &collmetrics.ExportMetricsServiceResponse{}
	default:
		http.NotFound(w, r)
		return
	}
	b, _ := proto.Marshal(reply)
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.Write(b)
}

func serviceOf(attrs []*commonpb.KeyValue) string {
	for _, kv := range attrs {
		if kv.Key == "service.name" {
			return kv.GetValue().GetStringValue()
		}
	}
	return ""
}

// TestTelemetryExport runs the command on the embedded emulator: with
// OTEL_EXPORTER_OTLP_ENDPOINT set it exports the SDK's spans and metrics to that endpoint by
// the time it exits; without, it leaves the global providers alone.
func TestTelemetryExport(t *testing.T) {
	noADC := func(context.Context) (*google.Credentials, error) { return nil, os.ErrNotExist }
	t.Setenv(people.EmulatorHostEnv, "")
	for _, v := range []string{envEndpoint, envTracesEndpoint, envMetricsEndpoint, envSDKDisabled, "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"} {
		t.Setenv(v, "")
	}
	path := filepath.Join(t.TempDir(), "ok.csv")
	if err := os.WriteFile(path, []byte("First Name,Last Name,E-mail 1 - Value\nAda,Example,ada@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T) {
		t.Helper()
		var out, errOut strings.Builder
		if code := realMain(t.Context(), t.Context(), []string{"-in", path}, env{stdout: &out, stderr: &errOut, findADC: noADC}); code != 0 {
			t.Fatalf("exit status %d, want 0:\n%s%s", code, out.String(), errOut.String())
		}
		if strings.Contains(errOut.String(), "telemetry") {
			t.Errorf("stderr reports a telemetry problem:\n%s", errOut.String())
		}
	}

	t.Run("unset", func(t *testing.T) {
		run(t)
		if _, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); ok {
			t.Error("the global TracerProvider is an SDK one without any OTLP variable set")
		}
	})
	t.Run("OTEL_EXPORTER_OTLP_ENDPOINT", func(t *testing.T) {
		rc := &otlpReceiver{}
		srv := httptest.NewServer(rc)
		defer srv.Close()
		t.Setenv(envEndpoint, srv.URL)
		run(t)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if !slices.Contains(rc.spans, "people.BatchCreateContactsSeq") && !slices.Contains(rc.spans, "people.BatchCreateContacts") {
			t.Errorf("spans received %q, want a people.BatchCreateContacts call", rc.spans)
		}
		if !slices.Contains(rc.spans, "people.batchCreateContacts") {
			t.Errorf("spans received %q, want a people.batchCreateContacts request", rc.spans)
		}
		for _, want := range []string{"people.contacts", "people.requests", "people.calls.active"} {
			if !slices.Contains(rc.metrics, want) {
				t.Errorf("metrics received %q, want %s", rc.metrics, want)
			}
		}
		if len(rc.services) == 0 || rc.services[0] != serviceName {
			t.Errorf("service.name of the exports %q, want %q", rc.services, serviceName)
		}
	})
}
