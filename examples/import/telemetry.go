// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// serviceName is the service.name of the command's telemetry, unless OTEL_SERVICE_NAME or
// OTEL_RESOURCE_ATTRIBUTES says otherwise.
const serviceName = "peoplebatch-import"

// flushTimeout bounds the export of what is left when the command ends.
const flushTimeout = 5 * time.Second

// The standard variables that turn the OTLP exporters on; the exporters read these and the
// other OTEL_EXPORTER_OTLP_* variables (headers, protocol, timeout) themselves.
const (
	envEndpoint        = "OTEL_EXPORTER_OTLP_ENDPOINT"
	envTracesEndpoint  = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
	envMetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"
	envSDKDisabled     = "OTEL_SDK_DISABLED"
)

// startTelemetry exports the SDK's traces and metrics over OTLP/HTTP when the standard
// variables name an endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, or the one of the signal), by
// making the exporting providers the global ones, which the SDK's clients use by default. It
// exports nothing otherwise, or when OTEL_SDK_DISABLED is true.
//
// It returns the function that flushes what is left and stops the exporters, for the end of
// the run; problems are reported to stderr, and never stop the import.
func startTelemetry(ctx context.Context, stderr io.Writer) (flush func()) {
	traces := os.Getenv(envEndpoint) != "" || os.Getenv(envTracesEndpoint) != ""
	metrics := os.Getenv(envEndpoint) != "" || os.Getenv(envMetricsEndpoint) != ""
	if strings.EqualFold(os.Getenv(envSDKDisabled), "true") || (!traces && !metrics) {
		return func() {}
	}
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", serviceName)),
		resource.WithFromEnv(), resource.WithTelemetrySDK())
	if err != nil {
		// A partial resource comes with the error: use what there is.
		fmt.Fprintln(stderr, "import: telemetry resource:", err)
	}
	var shutdowns []func(context.Context) error
	if traces {
		exp, err := otlptracehttp.New(ctx)
		if err != nil {
			fmt.Fprintln(stderr, "import: trace export is off:", err)
		} else {
			tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
			otel.SetTracerProvider(tp)
			shutdowns = append(shutdowns, tp.Shutdown)
		}
	}
	if metrics {
		exp, err := otlpmetrichttp.New(ctx)
		if err != nil {
			fmt.Fprintln(stderr, "import: metric export is off:", err)
		} else {
			mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewPeriodicReader(exp)), sdkmetric.WithResource(res))
			otel.SetMeterProvider(mp)
			shutdowns = append(shutdowns, mp.Shutdown)
		}
	}
	return func() {
		// The run's context may be done (Ctrl-C): flush on a context of its own.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushTimeout)
		defer cancel()
		var errs []error
		for _, shutdown := range shutdowns {
			errs = append(errs, shutdown(ctx))
		}
		if err := errors.Join(errs...); err != nil {
			fmt.Fprintln(stderr, "import: exporting telemetry:", err)
		}
	}
}
