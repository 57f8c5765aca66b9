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

func post(t *testing.T, rt http.RoundTripper, url string, a *Attempts) (*http.Response, error) {
	t.Helper()
	ctx := t.Context()
	if a != nil {
		ctx = WithAttempts(ctx, a)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(`{"contacts":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	return rt.RoundTrip(req)
}

func TestTraceTellsWhatWasWritten(t *testing.T) {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()

	var a Attempts
	resp, err := post(t, &Trace{Next: tr}, srv.URL, &a)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if a.Count() != 1 || !a.LastMaybeSent() {
		t.Errorf("after a reply: count %d, last %v", a.Count(), a.LastMaybeSent())
	}

	// A refused connection writes nothing.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	l.Close()
	if _, err := post(t, &Trace{Next: tr}, dead, &a); err == nil {
		t.Fatal("no error from a closed port")
	}
	if a.Count() != 2 || a.LastMaybeSent() {
		t.Errorf("after a refused dial: count %d, last %v", a.Count(), a.LastMaybeSent())
	}
}

func TestPacingFailureWritesNothing(t *testing.T) {
	var a Attempts
	a.lastWrote.Store(true) // as if an earlier attempt had been sent
	refuse := errors.New("no turn")
	rt := &Trace{Next: &Pacing{Next: http.DefaultTransport, Wait: func(*http.Request) error { return refuse }}}
	if _, err := post(t, rt, "http://127.0.0.1:9", &a); !errors.Is(err, refuse) {
		t.Fatalf("err = %v", err)
	}
	if a.LastMaybeSent() {
		t.Error("an attempt refused by pacing counts as maybe sent")
	}
}

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
	resp, err := post(t, &Deadline{Next: tr, Timeout: 50 * time.Millisecond}, srv.URL, nil)
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
