// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func post(t *testing.T, rt http.RoundTripper, url string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(`{"contacts":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	return rt.RoundTrip(req)
}

func TestTraceWritesTellsWhatWasWritten(t *testing.T) {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	l.Close()

	tests := map[string]struct {
		url       string
		wantWrote bool
	}{
		"a reply":        {srv.URL, true},
		"a refused dial": {dead, false},
	}
	for name, tc := range tests {
		ctx, wrote := TraceWrites(t.Context())
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, tc.url, strings.NewReader(`{"contacts":[]}`))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := tr.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
		}
		if wrote() != tc.wantWrote {
			t.Errorf("%s: wrote = %v, want %v (err %v)", name, wrote(), tc.wantWrote, err)
		}
	}
}

func TestDeadlineForwardsCloseIdleConnections(t *testing.T) {
	var closed bool
	d := &Deadline{Next: closer{func() { closed = true }}}
	(&http.Client{Transport: d}).CloseIdleConnections()
	if !closed {
		t.Error("Deadline did not forward CloseIdleConnections")
	}
}

type closer struct{ f func() }

func (c closer) RoundTrip(*http.Request) (*http.Response, error) { return nil, errors.New("unused") }
func (c closer) CloseIdleConnections()                           { c.f() }

// TestDeadlineBoundsTheWholeAttempt checks, on a synctest bubble's fake time, that Timeout
// counts from the start of RoundTrip, through the wait for the reply's header, to the read of
// a body that never ends.
func TestDeadlineBoundsTheWholeAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const timeout, headerAfter = 50 * time.Millisecond, 20 * time.Millisecond
		start := time.Now()
		resp, err := post(t, &Deadline{Next: stalled{headerAfter}, Timeout: timeout}, "http://example.com/")
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("reading the body: %v, want a deadline error", err)
		}
		if d := time.Since(start); d != timeout {
			t.Errorf("the deadline cut the attempt after %v, want %v", d, timeout)
		}
	})
}

// stalled is a transport that answers after a while with a body that yields nothing until
// the request's context ends, as http.Transport does for a server that stops sending.
type stalled struct{ after time.Duration }

func (s stalled) RoundTrip(req *http.Request) (*http.Response, error) {
	time.Sleep(s.after)
	return &http.Response{StatusCode: 200, Body: io.NopCloser(ctxReader{req.Context()})}, nil
}

type ctxReader struct{ ctx context.Context }

func (r ctxReader) Read([]byte) (int, error) {
	<-r.ctx.Done()
	return 0, r.ctx.Err()
}
