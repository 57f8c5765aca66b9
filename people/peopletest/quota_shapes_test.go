// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestWriteQuotaTokenBucket checks a bucket of 2 a second with a burst of 3: three writes at
// once, then one every half second; a refusal says how long until the next token and takes
// none.
func TestWriteQuotaTokenBucket(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t, peopletest.WithWriteQuota(peopletest.Quota{Requests: 2, Per: time.Second, Burst: 3, RetryInfo: true, RetryAfter: true}),
		peopletest.WithClock(clock.Now))
	steps := []struct {
		advance   time.Duration
		want      int
		wantDelay string // RetryInfo of a 429
	}{
		{0, 200, ""}, {0, 200, ""}, {0, 200, ""}, // the burst
		{0, 429, "0.5s"},
		{200 * time.Millisecond, 429, "0.3s"}, // refusals take no token
		{300 * time.Millisecond, 200, ""},
		{0, 429, "0.5s"},
		{10 * time.Second, 200, ""}, {0, 200, ""}, {0, 200, ""}, // full again, never more than 3
		{0, 429, "0.5s"},
	}
	for i, st := range steps {
		clock.Advance(st.advance)
		res := create(t, srv, "alice", batch("", person("A")))
		if res.status != st.want {
			t.Fatalf("write %d: got %d, want %d (%s)", i, res.status, st.want, res.body)
		}
		if st.want != 429 {
			continue
		}
		e := decodeError(t, res)
		if got := e.Error.Details[1]["retryDelay"]; got != st.wantDelay {
			t.Errorf("write %d: retryDelay %v, want %v", i, got, st.wantDelay)
		}
		if got := res.header.Get("Retry-After"); got != "1" {
			t.Errorf("write %d: Retry-After %q, want 1", i, got)
		}
	}
	if n := srv.QuotaRejections("alice"); n != 4 {
		t.Errorf("QuotaRejections = %d, want 4", n)
	}
}

// TestProjectWriteQuota checks a quota over all users together, alongside a per-user one: each
// 429 names the quota_limit of the quota that refused it, and a request either refuses counts
// towards neither.
func TestProjectWriteQuota(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t,
		peopletest.WithWriteQuota(peopletest.Quota{Requests: 2, Per: time.Minute}),
		peopletest.WithProjectWriteQuota(peopletest.Quota{Requests: 3, Per: time.Minute}),
		peopletest.WithClock(clock.Now))
	limitOf := func(res result) any {
		t.Helper()
		md, _ := decodeError(t, res).Error.Details[0]["metadata"].(map[string]any)
		return md["quota_limit"]
	}
	for _, user := range []string{"alice", "alice", "bob"} {
		if res := create(t, srv, user, batch("", person("A"))); res.status != 200 {
			t.Fatalf("%s within both quotas: %d %s", user, res.status, res.body)
		}
	}
	res := create(t, srv, "alice", batch("", person("B")))
	if got := limitOf(res); res.status != 429 || got != "CriticalWritesPerMinutePerProjectPerUser" {
		t.Errorf("alice over her own quota: %d, quota_limit %v", res.status, got)
	}
	res = create(t, srv, "carol", batch("", person("C")))
	if got := limitOf(res); res.status != 429 || got != "CriticalWritesPerMinutePerProject" {
		t.Errorf("carol over the project's quota: %d, quota_limit %v", res.status, got)
	}
	clock.Advance(time.Minute)
	for _, user := range []string{"carol", "carol", "dave"} {
		if res := create(t, srv, user, batch("", person("D"))); res.status != 200 {
			t.Fatalf("%s a minute later: %d %s", user, res.status, res.body)
		}
	}
	if n := srv.QuotaRejections("carol"); n != 1 {
		t.Errorf("QuotaRejections(carol) = %d, want 1", n)
	}

	// A named limit and a token bucket for the project.
	srv = newServer(t, peopletest.WithProjectWriteQuota(peopletest.Quota{Requests: 1, Per: time.Second, Burst: 1, Limit: "WritesPerSecondPerProject"}),
		peopletest.WithClock(clock.Now))
	create(t, srv, "alice", batch("", person("A")))
	res = create(t, srv, "bob", batch("", person("B")))
	if got := limitOf(res); res.status != 429 || got != "WritesPerSecondPerProject" {
		t.Errorf("bob over the project's bucket: %d, quota_limit %v", res.status, got)
	}
}
