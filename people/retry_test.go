// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

func TestRetryClassification(t *testing.T) {
	t.Parallel()
	quota := fixture(t, "error-quota-429.json")
	tests := []struct {
		name         string
		replies      []reply
		wantRequests int
		wantOutcome  people.Outcome
		wantStatus   int // HTTP status of the *people.Error in the chain, 0 for none
		wantRetryErr bool
	}{
		{"429 then success", []reply{{429, nil, quota}, {429, nil, quota}}, 3, people.OutcomeCreated, 0, false},
		{"409 aborted then success", []reply{{409, nil, fixture(t, "error-unknown-detail.json")}}, 2, people.OutcomeCreated, 0, false},
		{"429 every time", []reply{{429, nil, quota}, {429, nil, quota}, {429, nil, quota}}, 3, people.OutcomeNotSent, 429, true},
		{"500 is not retried", []reply{{500, nil, fixture(t, "error-internal-500.json")}}, 1, people.OutcomeUnknown, 500, false},
		{"503 is not retried", []reply{{503, nil, fixture(t, "error-unavailable-503.json")}}, 1, people.OutcomeUnknown, 503, false},
		{"502 html is not retried", []reply{{502, map[string]string{"Content-Type": "text/html"}, fixture(t, "proxy-502.html")}}, 1, people.OutcomeUnknown, 502, false},
		{"403 fails", []reply{{403, nil, fixture(t, "error-scope-403.json")}}, 1, people.OutcomeFailed, 403, false},
		{"401 fails", []reply{{401, nil, fixture(t, "error-unauthenticated-401.json")}}, 1, people.OutcomeFailed, 401, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := setup(t, &people.Config{Retry: people.RetryPolicy{MaxAttempts: 3}})
			f.push(tt.replies...)
			res, err := c.BatchCreateContacts(t.Context(), contacts(3), "names", nil)
			if n := len(f.requests()); n != tt.wantRequests {
				t.Errorf("server saw %d requests, want %d", n, tt.wantRequests)
			}
			for _, r := range res.Contacts {
				if r.Outcome != tt.wantOutcome {
					t.Errorf("contact %d: outcome %v, want %v (err %v)", r.Index, r.Outcome, tt.wantOutcome, r.Err)
				}
			}
			if tt.wantOutcome == people.OutcomeCreated {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			var be *people.BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %T %v, want *people.BatchError", err, err)
			}
			var re *people.RequestError
			if !errors.As(err, &re) || re.Attempts != tt.wantRequests {
				t.Errorf("RequestError = %+v, want %d attempts", re, tt.wantRequests)
			}
			var e *people.Error
			if tt.wantStatus != 0 && (!errors.As(err, &e) || e.HTTPStatus != tt.wantStatus) {
				t.Errorf("people.Error = %v, want HTTP %d", e, tt.wantStatus)
			}
			var rerr *people.RetryError
			if got := errors.As(err, &rerr); got != tt.wantRetryErr {
				t.Errorf("RetryError in chain = %v, want %v (%v)", got, tt.wantRetryErr, err)
			}
		})
	}
}

func TestServerWaitTooLongIsReturned(t *testing.T) {
	t.Parallel()
	c, f := setup(t, &people.Config{Retry: people.RetryPolicy{MaxServerWait: 5 * time.Second}})
	// RetryInfo asks for 12.5 s.
	f.push(reply{429, nil, fixture(t, "error-quota-retryinfo-429.json")})
	before := time.Now()
	res, err := c.BatchCreateContacts(t.Context(), contacts(2), "names", nil)
	var rerr *people.RetryError
	if !errors.As(err, &rerr) {
		t.Fatalf("err = %v, want *people.RetryError", err)
	}
	if d := rerr.RetryAt.Sub(before); d < 12*time.Second || d > 14*time.Second {
		t.Errorf("RetryAt is %v after the call started, want about 12.5s", d)
	}
	if len(f.requests()) != 1 || res.Counts().NotSent != 2 {
		t.Errorf("requests %d, counts %+v", len(f.requests()), res.Counts())
	}
}

// TestRetryAfterHeaderIsHonoured checks, on a synctest bubble's fake time, that the retry of
// a 429 waits for its Retry-After header.
func TestRetryAfterHeaderIsHonoured(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c, f := setupInBubble(t, nil)
		f.push(reply{429, map[string]string{"Retry-After": "1"}, fixture(t, "error-quota-429.json")})
		start := time.Now()
		if _, err := c.BatchCreateContacts(t.Context(), contacts(1), "", nil); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < time.Second {
			t.Errorf("retried after %v, before the server's Retry-After of 1s", d)
		}
		if n := len(f.requests()); n != 2 {
			t.Errorf("%d requests, want the 429 and its retry", n)
		}
	})
}

func TestConnectionRefusedIsRetriedAndNotSent(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	c, err := people.NewClientWithConfig(t.Context(),
		&people.Config{Retry: people.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Millisecond}},
		option.WithEndpoint("http://"+addr+"/"), option.WithoutAuthentication())
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.BatchCreateContacts(t.Context(), contacts(2), "", nil)
	var rerr *people.RetryError
	if !errors.As(err, &rerr) || rerr.Attempts != 3 {
		t.Fatalf("err = %v, want a RetryError after 3 attempts", err)
	}
	if got := res.Counts(); got.NotSent != 2 {
		t.Errorf("counts %+v, want 2 not sent", got)
	}
}

func TestResetAfterWriteIsUnknownAndNotRetried(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		// Read the request, then drop the connection without a reply.
		buf := make([]byte, 1<<16)
		for {
			if _, err := r.Body.Read(buf); err != nil {
				break
			}
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{Retry: people.RetryPolicy{InitialBackoff: time.Millisecond}},
		option.WithEndpoint(srv.URL+"/"), option.WithoutAuthentication())
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.BatchCreateContacts(t.Context(), contacts(3), "names", nil)
	if err == nil {
		t.Fatal("no error")
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests, want exactly 1: a request that may have been applied is never re-sent", n)
	}
	if got := res.Counts(); got.Unknown != 3 {
		t.Errorf("counts %+v, want 3 unknown", got)
	}
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var cancelledAt atomic.Int64
	logger := slog.New(onRetry{func() { cancelledAt.Store(time.Now().UnixNano()); cancel() }})
	c, f := setup(t, &people.Config{Logger: logger, Retry: people.RetryPolicy{InitialBackoff: 30 * time.Second,
		MaxBackoff: 30 * time.Second, Rand: func() float64 { return 0.999 }}})
	f.push(reply{429, nil, fixture(t, "error-quota-429.json")})
	res, err := c.BatchCreateContacts(ctx, contacts(2), "names", nil)
	if at := cancelledAt.Load(); at == 0 {
		t.Fatal("the call never started a backoff")
	} else if d := time.Since(time.Unix(0, at)); d > 100*time.Millisecond {
		t.Errorf("cancelled call returned %v after the cancel", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled in the chain", err)
	}
	if got := res.Counts(); got.NotSent != 2 {
		t.Errorf("counts %+v, want 2 not sent (a 429 applies nothing)", got)
	}
}

func TestAlreadyExistsIsNotRetried(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	f.push(reply{409, nil, `{"error":{"code":409,"message":"exists","status":"ALREADY_EXISTS"}}`})
	res, err := c.BatchCreateContacts(t.Context(), contacts(2), "", nil)
	var e *people.Error
	if !errors.As(err, &e) || e.Code != people.AlreadyExists {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.requests()); n != 1 || res.Counts().Failed != 2 {
		t.Errorf("%d requests, counts %+v; want 1 request and both failed", n, res.Counts())
	}
}

func TestThrottledRetriesKeepHalfTheStep(t *testing.T) {
	t.Parallel()
	// With jitter drawing 0, a refused attempt still waits half of each backoff step.
	c, f := setup(t, &people.Config{Retry: people.RetryPolicy{
		MaxAttempts: 4, InitialBackoff: 40 * time.Millisecond, MaxBackoff: time.Second,
		Rand: func() float64 { return 0 },
	}})
	quota := fixture(t, "error-quota-fbs-429.json")
	f.push(reply{429, nil, quota}, reply{429, nil, quota}, reply{429, nil, quota})
	start := time.Now()
	if _, err := c.BatchCreateContacts(t.Context(), contacts(1), "", nil); err != nil {
		t.Fatal(err)
	}
	// Half of 40, 80 and 160 ms.
	if d := time.Since(start); d < 140*time.Millisecond {
		t.Errorf("three throttled retries took %v, want at least 140ms", d)
	}
}
