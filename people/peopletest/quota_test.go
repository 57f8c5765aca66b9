// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestWriteQuota(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		quota          peopletest.Quota
		wantRetryAfter string
		wantRetryInfo  any // the retryDelay, nil when absent
	}{
		"captured shape":      {quota: peopletest.Quota{Requests: 2}},
		"with Retry-After":    {quota: peopletest.Quota{Requests: 2, RetryAfter: true}, wantRetryAfter: "41"},
		"with RetryInfo":      {quota: peopletest.Quota{Requests: 2, RetryInfo: true}, wantRetryInfo: "40.5s"},
		"with both":           {quota: peopletest.Quota{Requests: 2, RetryAfter: true, RetryInfo: true}, wantRetryAfter: "41", wantRetryInfo: "40.5s"},
		"explicit one minute": {quota: peopletest.Quota{Requests: 2, Per: time.Minute, RetryInfo: true}, wantRetryInfo: "40.5s"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			srv := newServer(t, peopletest.WithWriteQuota(tc.quota), peopletest.WithClock(clock.Now))
			// Writes at 0s and 10s fill the window; at 19.5s the first frees in 40.5s.
			for _, step := range []time.Duration{0, 10 * time.Second} {
				clock.Advance(step)
				if res := create(t, srv, "alice", batch("", person("A"))); res.status != 200 {
					t.Fatalf("request within quota: %d %s", res.status, res.body)
				}
			}
			clock.Advance(9500 * time.Millisecond)
			res := create(t, srv, "alice", batch("", person("B")))
			e := decodeError(t, res)
			if res.status != 429 || e.Error.Status != "RESOURCE_EXHAUSTED" {
				t.Fatalf("got %d %s, want 429 RESOURCE_EXHAUSTED", res.status, e.Error.Status)
			}
			info := e.Error.Details[0]
			md, _ := info["metadata"].(map[string]any)
			if info["@type"] != "type.googleapis.com/google.rpc.ErrorInfo" || info["reason"] != "RATE_LIMIT_EXCEEDED" ||
				md["quota_metric"] != "people.googleapis.com/critical_write_requests" || md["quota_limit"] != "CriticalWritesPerMinutePerProjectPerUser" {
				t.Errorf("ErrorInfo = %v", info)
			}
			if got := res.header.Get("Retry-After"); got != tc.wantRetryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tc.wantRetryAfter)
			}
			var gotDelay any
			for _, d := range e.Error.Details {
				if d["@type"] == "type.googleapis.com/google.rpc.RetryInfo" {
					gotDelay = d["retryDelay"]
				}
			}
			if diff := cmp.Diff(tc.wantRetryInfo, gotDelay); diff != "" {
				t.Errorf("retryDelay (-want +got):\n%s", diff)
			}
			// Another user has a window of its own; the rejected request created nothing.
			if res := create(t, srv, "bob", batch("", person("C"))); res.status != 200 {
				t.Errorf("bob: %d", res.status)
			}
			if n := len(srv.Contacts("alice")); n != 2 {
				t.Errorf("alice has %d contacts, want 2", n)
			}
			if n := srv.QuotaRejections("alice"); n != 1 {
				t.Errorf("QuotaRejections = %d, want 1", n)
			}
			// Rejections do not count: once the first write leaves the window, one more fits.
			clock.Advance(41 * time.Second)
			if res := create(t, srv, "alice", batch("", person("D"))); res.status != 200 {
				t.Errorf("after the window moved: %d %s", res.status, res.body)
			}
			if res := create(t, srv, "alice", batch("", person("E"))); res.status != 429 {
				t.Errorf("window full again: got %d", res.status)
			}
			if n := srv.QuotaRejections("alice"); n != 2 {
				t.Errorf("QuotaRejections = %d, want 2", n)
			}
		})
	}
}

func TestWriteQuotaPerSecondIgnoresReads(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t, peopletest.WithWriteQuota(peopletest.Quota{Requests: 1, Per: time.Second, RetryInfo: true}), peopletest.WithClock(clock.Now))
	create(t, srv, "", batch("", person("A")))
	for range 3 {
		if res := mustDo(t, srv, "", http.MethodGet, connPath+"?personFields=names", nil); res.status != 200 {
			t.Fatalf("read: %d", res.status)
		}
	}
	clock.Advance(250 * time.Millisecond)
	res := create(t, srv, "", batch("", person("B")))
	if res.status != 429 {
		t.Fatalf("got %d, want 429", res.status)
	}
	if e := decodeError(t, res); e.Error.Details[1]["retryDelay"] != "0.75s" {
		t.Errorf("retryDelay = %v, want 0.75s", e.Error.Details[1]["retryDelay"])
	}
	clock.Advance(750 * time.Millisecond)
	if res := create(t, srv, "", batch("", person("C"))); res.status != 200 {
		t.Errorf("after a second: %d", res.status)
	}
}
