// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestLatency(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		perRequest, perContact time.Duration
		method                 string
		contacts               int
		want                   time.Duration
	}{
		"per request":            {perRequest: 60 * time.Millisecond, method: http.MethodPost, contacts: 1, want: 60 * time.Millisecond},
		"per contact":            {perContact: 20 * time.Millisecond, method: http.MethodPost, contacts: 4, want: 80 * time.Millisecond},
		"both":                   {perRequest: 30 * time.Millisecond, perContact: 10 * time.Millisecond, method: http.MethodPost, contacts: 3, want: 60 * time.Millisecond},
		"reads wait per request": {perRequest: 60 * time.Millisecond, method: http.MethodGet, want: 60 * time.Millisecond},
		"reads not per contact":  {perContact: time.Minute, method: http.MethodGet},
		"no latency by default":  {method: http.MethodPost, contacts: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, peopletest.WithLatency(tc.perRequest, tc.perContact))
			persons := make([]string, tc.contacts)
			for i := range persons {
				persons[i] = person("A")
			}
			path, body := connPath+"?personFields=names", []byte(nil)
			if tc.method == http.MethodPost {
				path, body = batchPath, []byte(batch("", persons...))
			}
			start := time.Now()
			res := mustDo(t, srv, "", tc.method, path, body)
			elapsed := time.Since(start)
			if res.status != 200 {
				t.Fatalf("got %d %s", res.status, res.body)
			}
			if elapsed < tc.want || elapsed > tc.want+5*time.Second {
				t.Errorf("took %v, want about %v", elapsed, tc.want)
			}
		})
	}
}

func TestLatencyClientGivesUpBeforeCommit(t *testing.T) {
	t.Parallel()
	srv := newServer(t, peopletest.WithLatency(time.Minute, 0))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if o := send(ctx, srv, "u", batch("", person("A"))); !errors.Is(o.err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a deadline", o.err)
	}
	waitFor(t, "the request record", func() bool { return len(srv.Requests()) == 1 })
	if r := srv.Requests()[0]; r.Status != 0 || r.Created != 0 {
		t.Errorf("record = %+v, want nothing sent and nothing created", r)
	}
	if n := len(srv.Contacts("u")); n != 0 {
		t.Errorf("%d contacts created by a request abandoned during latency", n)
	}
}

func TestCloseInterruptsLatency(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer(peopletest.WithLatency(time.Minute, 0))
	var wg sync.WaitGroup
	var o outcome
	wg.Go(func() { o = send(t.Context(), srv, "u", batch("", person("A"))) })
	waitFor(t, "the request to arrive", func() bool { return srv.MaxInFlight("u") == 1 })
	start := time.Now()
	srv.Close()
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Close took %v", d)
	}
	wg.Wait()
	if o.err == nil {
		wantError(t, o, 503, "UNAVAILABLE", "The service is shutting down.")
	}
	if n := len(srv.Contacts("u")); n != 0 {
		t.Errorf("%d contacts created", n)
	}
	srv.Close() // a second Close is harmless
}
