// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The latency tests run in a synctest bubble on an in-memory network: the server's waits
// are on the bubble's fake clock, so each one is measured exactly and costs no real time.

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
			synctest.Test(t, func(t *testing.T) {
				srv, hc, _ := newPipeServer(t, peopletest.WithLatency(tc.perRequest, tc.perContact))
				persons := make([]string, tc.contacts)
				for i := range persons {
					persons[i] = person("A")
				}
				path, body := connPath+"?personFields=names", []byte(nil)
				if tc.method == http.MethodPost {
					path, body = batchPath, []byte(batch("", persons...))
				}
				start := time.Now()
				res, err := doWith(t, hc, srv.URL, "", tc.method, path, body)
				if err != nil {
					t.Fatal(err)
				}
				if elapsed := time.Since(start); elapsed != tc.want {
					t.Errorf("took %v, want %v", elapsed, tc.want)
				}
				if res.status != 200 {
					t.Fatalf("got %d %s", res.status, res.body)
				}
			})
		})
	}
}

func TestLatencyClientGivesUpBeforeCommit(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv, hc, _ := newPipeServer(t, peopletest.WithLatency(time.Minute, 0))
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		if o := sendWith(ctx, hc, srv.URL, "u", batch("", person("A"))); !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want a deadline", o.err)
		}
		if d := time.Since(start); d != 50*time.Millisecond {
			t.Errorf("the client gave up after %v, want 50ms", d)
		}
		synctest.Wait() // the server sees the client go and records the request
		if n := len(srv.Requests()); n != 1 {
			t.Fatalf("%d request records, want 1", n)
		}
		if r := srv.Requests()[0]; r.Status != 0 || r.Created != 0 {
			t.Errorf("record = %+v, want nothing sent and nothing created", r)
		}
		if n := len(srv.Contacts("u")); n != 0 {
			t.Errorf("%d contacts created by a request abandoned during latency", n)
		}
	})
}

func TestCloseInterruptsLatency(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv, hc, _ := newPipeServer(t, peopletest.WithLatency(time.Minute, 0))
		var wg sync.WaitGroup
		var o outcome
		wg.Go(func() { o = sendWith(t.Context(), hc, srv.URL, "u", batch("", person("A"))) })
		synctest.Wait() // the request waits out the latency
		if n := srv.MaxInFlight("u"); n != 1 {
			t.Fatalf("MaxInFlight = %d, want the request in flight", n)
		}
		start := time.Now()
		srv.Close()
		if d := time.Since(start); d != 0 {
			t.Errorf("Close took %v of the minute's latency, want none", d)
		}
		wg.Wait()
		if o.err == nil {
			wantError(t, o, 503, "UNAVAILABLE", "The service is shutting down.")
		}
		if n := len(srv.Contacts("u")); n != 0 {
			t.Errorf("%d contacts created", n)
		}
		srv.Close() // a second Close is harmless
	})
}
