// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// bubbleEmulator starts the emulator on in-memory connections inside the calling synctest
// bubble and returns a function that makes a client for a user.
func bubbleEmulator(t *testing.T, opts ...peopletest.Option) (*peopletest.Server, func(user string, cfg people.Config) *people.Client) {
	l := newPipeListener()
	srv := peopletest.NewServer(append(opts, peopletest.WithListener(l))...)
	transport := &http.Transport{DialContext: l.DialContext}
	t.Cleanup(func() {
		transport.CloseIdleConnections()
		srv.Close()
	})
	return srv, func(user string, cfg people.Config) *people.Client {
		cfg.User = user
		hc := &http.Client{Transport: bearer{user: user, base: transport}}
		c, err := people.NewClientWithConfig(t.Context(), &cfg, option.WithEndpoint(srv.URL+"/"), option.WithHTTPClient(hc))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
}

// TestPacingTokenBucketEndToEnd imports 20,000 contacts (100 requests) for a user whose write
// quota is a token bucket of 2 requests a second, through a client that is not told the quota,
// on the emulator with each kind of hint, in a synctest bubble. The bucket allows the import
// in 45 s with a burst of 10 (49.5 s with none). So short an import is partly learning. The
// order goroutines run in varies from run to run (30 runs gave at most 1.30× the bound and 6
// 429s); the bounds here, 1.8× and ten 429s, keep today's figures, which BENCHMARKS.md lists,
// from slipping.
func TestPacingTokenBucketEndToEnd(t *testing.T) {
	t.Parallel()
	hints := map[string]peopletest.Quota{"no hint": {}, "Retry-After": {RetryAfter: true}, "RetryInfo": {RetryInfo: true}}
	for _, burst := range []int{10, 1} {
		for name, hint := range hints {
			t.Run(fmt.Sprintf("burst %d, %s", burst, name), func(t *testing.T) {
				t.Parallel()
				synctest.Test(t, func(t *testing.T) {
					q := hint
					q.Requests, q.Per, q.Burst = 2, time.Second, burst
					srv, client := bubbleEmulator(t, peopletest.WithWriteQuota(q), peopletest.WithLatency(30*time.Millisecond, 0))
					c := client("alice", people.Config{})
					start := time.Now()
					res, err := c.BatchCreateContacts(t.Context(), contacts(20_000), "", nil)
					elapsed := time.Since(start)
					if err != nil {
						t.Fatalf("import: %v", err)
					}
					if n := res.Counts().Created; n != 20_000 {
						t.Fatalf("%d created, want 20,000", n)
					}
					bound := time.Duration(float64(100-burst) / 2 * float64(time.Second))
					rejected := srv.QuotaRejections("alice")
					t.Logf("%s: 100 requests in %v (bucket's bound %v, %.2f×), %d 429s", t.Name(), elapsed.Round(time.Millisecond), bound,
						elapsed.Seconds()/bound.Seconds(), rejected)
					if float64(elapsed) > 1.8*float64(bound) {
						t.Errorf("import took %v, more than 1.8× the bucket's bound %v", elapsed, bound)
					}
					if rejected > 10 {
						t.Errorf("%d 429s, want at most 10", rejected)
					}
				})
			})
		}
	}
}

// TestPacingProjectQuotaEndToEnd runs 20 users' imports at once, 60 requests of 10 contacts
// each, each user through its own client and all sharing one Pacer, against a project quota of
// 600 requests a minute over all users (no per-user quota), in a synctest bubble: the
// project's 429s, which name a per-project quota_limit, are learned once for all users and the
// quota is shared between them. At the quota's sustained rate the 1,200 requests take two
// minutes.
func TestPacingProjectQuotaEndToEnd(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const users, perUser = 20, 60 * 10
		srv, client := bubbleEmulator(t, peopletest.WithProjectWriteQuota(peopletest.Quota{Requests: 600, Per: time.Minute}),
			peopletest.WithLatency(300*time.Millisecond, 0))
		pacer := people.NewPacer(0)
		seq := people.NewSequencer()
		start := time.Now()
		done := make([]time.Duration, users)
		var wg sync.WaitGroup
		for u := range users {
			c := client(fmt.Sprintf("user%d", u), people.Config{Pacer: pacer, Sequencer: seq, ChunkSize: 10})
			wg.Go(func() {
				res, err := c.BatchCreateContacts(t.Context(), contacts(perUser), "", nil)
				if err != nil || res.Counts().Created != perUser {
					t.Errorf("user %d: %v", u, err)
				}
				done[u] = time.Since(start)
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		rejected := 0
		for u := range users {
			rejected += srv.QuotaRejections(fmt.Sprintf("user%d", u))
		}
		first, last := done[0], done[0]
		for _, d := range done {
			first, last = min(first, d), max(last, d)
		}
		t.Logf("%d users × 60 requests in %v (2m0s at the quota's rate), %d 429s in all; users done from %v to %v",
			users, elapsed.Round(time.Millisecond), rejected, first.Round(time.Millisecond), last.Round(time.Millisecond))
		if elapsed > 138*time.Second {
			t.Errorf("took %v, more than 1.15× the two minutes at the quota's rate", elapsed)
		}
		if float64(first) < 0.7*float64(last) {
			t.Errorf("users done from %v to %v: not shared fairly", first, last)
		}
		if rejected > 3*users {
			t.Errorf("%d 429s, want at most %d", rejected, 3*users)
		}
	})
}
