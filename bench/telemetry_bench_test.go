// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"fmt"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// BenchmarkTelemetry measures what the SDK's OpenTelemetry instrumentation costs per contact:
// the import of BenchmarkOurs (10,000 contacts in requests of 200 into a replayServer) with
//
//   - provider=none: no-op tracer and meter providers, the baseline;
//   - provider=sdk: the OpenTelemetry SDK's providers in Config, every span sampled and
//     batched to an exporter that drops them, metrics aggregated for a reader;
//   - provider=sdk+http: the same providers made the global ones too, so that the HTTP
//     spans and metrics of google.golang.org/api/transport/http (otelhttp) are recorded
//     as well.
//
// Compare cpu-ns/contact and allocs/contact of the three, from the same run.
func BenchmarkTelemetry(b *testing.B) {
	const n = 10000
	for _, m := range masks {
		for _, p := range []string{"none", "sdk", "sdk+http"} {
			b.Run(fmt.Sprintf("N=%d/mask=%s/provider=%s", n, m.name, p), func(b *testing.B) {
				var tp trace.TracerProvider = tracenoop.NewTracerProvider()
				var mp metric.MeterProvider = metricnoop.NewMeterProvider()
				if p != "none" {
					stp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(discardSpans{}))
					smp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
					b.Cleanup(func() {
						stp.Shutdown(context.Background())
						smp.Shutdown(context.Background())
					})
					tp, mp = stp, smp
				}
				if p == "sdk+http" {
					otel.SetTracerProvider(tp)
					otel.SetMeterProvider(mp)
					b.Cleanup(func() {
						otel.SetTracerProvider(tracenoop.NewTracerProvider())
						otel.SetMeterProvider(metricnoop.NewMeterProvider())
					})
				}
				srv := newReplayServer(b, m.mask != "", n)
				c, err := people.NewClientWithConfig(context.Background(),
					&people.Config{User: "bench@example.com", TracerProvider: tp, MeterProvider: mp},
					option.WithEndpoint(srv.URL+"/"), option.WithoutAuthentication())
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { c.Close() })
				ps := contacts(n)
				measure(b, n, func(ctx context.Context) error { return importOurs(ctx, c, ps, m.mask) })
			})
		}
	}
}

// discardSpans is a span exporter that drops what it is given.
type discardSpans struct{}

func (discardSpans) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discardSpans) Shutdown(context.Context) error                             { return nil }
