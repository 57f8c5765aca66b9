// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"fmt"
	"log/slog"
	"math"
	"time"

	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// Config holds the settings of a [Client] that are the SDK's own; authentication, endpoint and
// HTTP client come from google.golang.org/api/option. The zero value, like a nil *Config,
// means every default.
type Config struct {
	// User names the account the client writes to, such as the subject a service account
	// impersonates. Requests of clients with the same User and Sequencer never overlap. Empty
	// means the client's own key: its calls never overlap one another.
	User string

	// Sequencer grants the turns of User. Nil means one of the client's own; share one
	// between clients that write for the same user. See [Sequencer].
	Sequencer Sequencer

	// ChunkSize is how many contacts each request holds, from 1 to [MaxContactsPerRequest].
	// Zero means MaxContactsPerRequest.
	ChunkSize int

	// Retry says which failed attempts are tried again and how long to wait. The zero value
	// means [DefaultRetryPolicy].
	Retry RetryPolicy

	// WritesPerMinute is the per-user write quota, in requests per minute, when it is known
	// (the People API's default is 90): each user's requests are spaced for 98% of it. Zero
	// means unknown: each user's quota is learned from its first throttled requests (see
	// [Pacer]).
	WritesPerMinute float64

	// Pacer shares pacing between clients that write for the same users. Nil means one of
	// the client's own, made from WritesPerMinute.
	Pacer *Pacer

	// Reconcile, when set, marks each contact so that a request with an unknown outcome can
	// be checked against the user's contacts instead of being reported unknown. See
	// [ReconcileConfig].
	Reconcile *ReconcileConfig

	// AttemptTimeout bounds each attempt of a request, from sending it to reading the whole
	// reply. An attempt that runs out of time may have been applied: its contacts become
	// unknown, or are reconciled. Zero means 2 minutes; a negative value means no bound (the
	// context's deadline still applies).
	AttemptTimeout time.Duration

	// MaxResponseBytes caps how much of a successful reply is read. Zero means 64 MiB.
	// Error replies are capped at 64 KiB.
	MaxResponseBytes int64

	// Logger receives debug records of requests and retries: counts, statuses, waits, never
	// tokens, headers, bodies or contact data. Nil discards them.
	Logger *slog.Logger

	// TracerProvider makes the spans of calls and requests (see the package documentation,
	// section Telemetry). Nil means the global one,
	// [go.opentelemetry.io/otel.GetTracerProvider]. The HTTP spans of
	// google.golang.org/api/transport/http always come from the global provider.
	TracerProvider trace.TracerProvider

	// MeterProvider makes the client's metrics (see the package documentation, section
	// Telemetry). Nil means the global one, [go.opentelemetry.io/otel.GetMeterProvider].
	MeterProvider metric.MeterProvider
}

// RetryPolicy says which attempts are retried. Because batchCreateContacts is not idempotent,
// only attempts that certainly did not create anything are retried: those that never left
// the machine (no connection, nothing written) and those the server refused for quota or
// rate (HTTP 429) or concurrency (HTTP 409 ABORTED). The zero value means the defaults.
type RetryPolicy struct {
	// MaxAttempts is how many times one request may be tried. Zero means 10; 1 means no retry.
	MaxAttempts int
	// InitialBackoff and MaxBackoff bound the exponential backoff with full jitter.
	// Zero means 1 s and 32 s.
	InitialBackoff, MaxBackoff time.Duration
	// MaxServerWait is the longest wait the server may ask for before a retry. A reply that
	// asks for longer ends the request with a [*RetryError] whose RetryAt says when to come
	// back. Zero means 60 s.
	MaxServerWait time.Duration
	// Rand returns a number in [0, 1) for jitter. Nil means math/rand/v2. Tests can fix it.
	Rand func() float64
}

// DefaultRetryPolicy returns the policy that a zero RetryPolicy means.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 10, InitialBackoff: time.Second, MaxBackoff: 32 * time.Second, MaxServerWait: time.Minute}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.InitialBackoff <= 0 {
		p.InitialBackoff = d.InitialBackoff
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = d.MaxBackoff
	}
	if p.MaxServerWait <= 0 {
		p.MaxServerWait = d.MaxServerWait
	}
	return p
}

const (
	defaultMaxResponseBytes = 64 << 20
	maxErrorBytes           = 64 << 10
)

// resolve returns a copy of c with every default filled in.
func (c *Config) resolve() (Config, error) {
	var r Config
	if c != nil {
		r = *c
	}
	switch {
	case r.ChunkSize == 0:
		r.ChunkSize = MaxContactsPerRequest
	case r.ChunkSize < 0 || r.ChunkSize > MaxContactsPerRequest:
		return r, fmt.Errorf("people: Config.ChunkSize %d is outside 1..%d", r.ChunkSize, MaxContactsPerRequest)
	}
	if !(r.WritesPerMinute >= 0) || math.IsInf(r.WritesPerMinute, 0) {
		return r, fmt.Errorf("people: Config.WritesPerMinute %v is not a rate", r.WritesPerMinute)
	}
	switch {
	case r.AttemptTimeout == 0:
		r.AttemptTimeout = 2 * time.Minute
	case r.AttemptTimeout < 0:
		r.AttemptTimeout = 0
	}
	if r.MaxResponseBytes <= 0 {
		r.MaxResponseBytes = defaultMaxResponseBytes
	}
	r.Retry = r.Retry.withDefaults()
	if r.Sequencer == nil {
		r.Sequencer = NewSequencer()
	}
	if r.Pacer == nil {
		r.Pacer = NewPacer(r.WritesPerMinute)
	}
	if r.Logger == nil {
		r.Logger = slog.New(slog.DiscardHandler)
	}
	return r, nil
}
