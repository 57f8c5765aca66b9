// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"fmt"
	"log"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// A client records its spans and metrics with the providers of its Config; here those of the
// OpenTelemetry SDK, read back in memory. A program would export them instead (OTLP, ...),
// and would usually make them the global providers, which a nil Config field means.
func ExampleConfig_telemetry() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer tp.Shutdown(ctx)
	defer mp.Shutdown(ctx)

	cfg := &people.Config{User: "alice@example.com", TracerProvider: tp, MeterProvider: mp}
	client, err := people.NewClientWithConfig(ctx, cfg, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	if _, err := client.BatchCreateContacts(ctx, exampleContacts(450), "", nil); err != nil {
		log.Fatal(err)
	}

	for _, s := range spans.Ended() {
		fmt.Println(s.Name())
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(ctx, &rm); err != nil {
		log.Fatal(err)
	}
	for _, m := range rm.ScopeMetrics[0].Metrics {
		if m.Name == "people.contacts" {
			for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
				if v, _ := dp.Attributes.Value("people.outcome"); v.AsString() == "created" {
					fmt.Println("people.contacts{people.outcome=created}", dp.Value)
				}
			}
		}
	}
	// Output:
	// people.batchCreateContacts
	// people.batchCreateContacts
	// people.batchCreateContacts
	// people.BatchCreateContacts
	// people.contacts{people.outcome=created} 450
}
