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

func TestDeadlineBoundsTheWholeAttempt(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		select { // the body never comes
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := post(t, &Deadline{Next: tr, Timeout: 50 * time.Millisecond}, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("reading the body: %v, want a deadline error", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the deadline cut the body after %v", d)
	}
}
