// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The end-to-end runs on the emulator. They log their figures and assert only what is a
// correctness property (every contact created, one request per user in flight), never a
// duration: run them with -v to read the figures. -short skips them; PEOPLEBATCH_LONG=1
// makes them long enough for the figures of BENCHMARKS.md (2 s latencies, minute-long
// quota runs).

var typicalMask = people.ReadMask(people.MaskNames, people.MaskEmailAddresses)

// TestLatencyBound imports N contacts for one user against a per-request latency L and no
// quota, and compares the import time with the round-trip bound ceil(N/200) × L. On the
// emulator, each request also costs the emulator's own processing (decoding, validating,
// storing and encoding 200 contacts), so the run is also compared with the bound plus the
// time of the same import without latency (t0). On the replay server, whose processing is
// negligible, the excess over the bound is the client's own time.
func TestLatencyBound(t *testing.T) {
	skipUnlessTiming(t)
	type tc struct {
		latency time.Duration
		n       int
	}
	cases := []tc{{50 * time.Millisecond, 2000}}
	if raceEnabled {
		cases = []tc{{50 * time.Millisecond, 600}} // the emulator is slow under the race detector
	}
	if long() {
		cases = []tc{{50 * time.Millisecond, 2000}, {50 * time.Millisecond, 20000}, {200 * time.Millisecond, 20000}, {2 * time.Second, 2000}}
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("L=%v/N=%d", c.latency, c.n), func(t *testing.T) {
			const user = "alice@example.com"
			ps := contacts(c.n)
			reqs := requestsFor(c.n, people.MaxContactsPerRequest)
			bound := time.Duration(reqs) * c.latency

			srv := newEmulator(t)
			t0 := timeImport(t, newEmulatorClient(t, srv, user, people.Config{}), ps, "slice")
			checkSequenced(t, srv, user)
			t.Logf("emulator, no latency: %v (%v per request)", t0.Round(time.Millisecond), (t0 / time.Duration(reqs)).Round(10*time.Microsecond))
			for _, form := range []string{"slice", "stream"} {
				srv := newEmulator(t, peopletest.WithLatency(c.latency, 0))
				d := timeImport(t, newEmulatorClient(t, srv, user, people.Config{}), ps, form)
				checkSequenced(t, srv, user)
				t.Logf("emulator, %-6s: %d requests in %v: %.3f× the bound %v, %.3f× bound+t0",
					form, reqs, d.Round(time.Millisecond), float64(d)/float64(bound), bound, float64(d)/float64(bound+t0))
			}
			above := func(what string, d time.Duration) {
				t.Logf("replay, %-8s: %d requests in %v: %.3f× the bound, %v per request above L",
					what, reqs, d.Round(time.Millisecond), float64(d)/float64(bound), ((d - bound) / time.Duration(reqs)).Round(10*time.Microsecond))
			}
			rs := newSlowReplayServer(t, true, c.n, c.latency)
			above("ours", timeImport(t, newOurs(t, rs.URL), ps, "slice"))
			// The same requests from the official client, and bare posts of a pre-encoded
			// body: what the round trips and the server cost every client.
			svc, cs := newOfficial(t, rs.URL), officialContacts(t, ps)
			start := time.Now()
			if err := importOfficial(t.Context(), svc, cs, typicalMask); err != nil {
				t.Fatal(err)
			}
			above("official", time.Since(start))
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			t.Cleanup(hc.CloseIdleConnections)
			body := floorBody(t, typicalMask)
			start = time.Now()
			if err := importFloor(t.Context(), hc, rs.URL, body, c.n); err != nil {
				t.Fatal(err)
			}
			above("floor", time.Since(start))
		})
	}
}

// timeImport imports ps with c in the given form ("slice" or "stream") and returns how long
// it took. It fails the test unless every contact was created.
func timeImport(t *testing.T, c *people.Client, ps []*people.Person, form string) time.Duration {
	t.Helper()
	start := time.Now()
	created := 0
	if form == "slice" {
		res, err := c.BatchCreateContacts(t.Context(), ps, typicalMask, nil)
		if err != nil {
			t.Fatal(err)
		}
		created = res.Counts().Created
	} else {
		for br, err := range c.BatchCreateContactsSeq(t.Context(), slices.Values(ps), typicalMask, nil) {
			if err != nil {
				t.Fatal(err)
			}
			created += br.Counts().Created
		}
	}
	d := time.Since(start)
	if created != len(ps) {
		t.Fatalf("%d of %d contacts created", created, len(ps))
	}
	return d
}

// TestQuotaRate imports for one user against a per-user write quota of Q requests per window
// and measures the accepted rate against Q and the 429s the client provoked, over the whole
// run and over its second half, once pacing has adapted. Each run lasts a fixed time: the
// input is an endless lazy sequence that the test stops reading. The client is told the
// quota (Config.WritesPerMinute = Q, paced at 0.98 Q), told 0.98 Q (the margin applied
// twice), or not told (0: the pacer learns the quota from the first 429s). A request whose retries run out is logged
// and the import goes on (ContinueOnError): that is the SDK's documented behaviour, not a
// failure of the test.
func TestQuotaRate(t *testing.T) {
	skipUnlessTiming(t)
	type tc struct {
		name     string
		quota    peopletest.Quota
		paceAt   float64 // Config.WritesPerMinute as a share of Q; 0 is learned
		duration time.Duration
	}
	perSecond := peopletest.Quota{Requests: 10, Per: time.Second}
	perMinute := peopletest.Quota{Requests: 90, Per: time.Minute} // the real service's
	cases := []tc{{"Q=10per1s/paced", perSecond, 1, 4 * time.Second}}
	if raceEnabled {
		cases[0].duration = 2 * time.Second
	}
	if long() {
		cases = []tc{
			{"Q=10per1s/paced", perSecond, 1, time.Minute},
			{"Q=10per1s/paced98", perSecond, 0.98, time.Minute},
			{"Q=10per1s/learned", perSecond, 0, time.Minute},
			{"Q=90per1m/paced", perMinute, 1, 3 * time.Minute},
			{"Q=90per1m/paced98", perMinute, 0.98, 3 * time.Minute},
			{"Q=90per1m/learned", perMinute, 0, 3 * time.Minute},
		}
	}
	const chunk = 20 // small requests, so that the quota and not the emulator's work bounds the rate
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newEmulator(t, peopletest.WithWriteQuota(c.quota))
			const user = "alice@example.com"
			q := float64(c.quota.Requests) * float64(time.Minute) / float64(c.quota.Per) // per minute
			cfg := people.Config{ChunkSize: chunk, WritesPerMinute: c.paceAt * q}
			cfg.Pacer = people.NewPacer(cfg.WritesPerMinute)
			client := newEmulatorClient(t, srv, user, cfg)

			start := time.Now()
			gaveUp := 0
			for br, err := range client.BatchCreateContactsSeq(t.Context(), lazyContacts(1<<30), typicalMask, nil, people.ContinueOnError()) {
				if _, ok := errors.AsType[*people.RetryError](err); ok {
					gaveUp++
					t.Logf("request %d, %v into the run: %v", br.Request, time.Since(start).Round(time.Millisecond), err)
				} else if err != nil {
					t.Fatal(err)
				} else if br.Counts().Created != chunk {
					t.Fatalf("request %d: %+v", br.Request, br.Counts())
				}
				if time.Since(start) >= c.duration {
					break
				}
			}
			checkSequenced(t, srv, user)

			var ok, throttled []time.Time
			for _, r := range srv.Requests() {
				switch {
				case r.Number == 0 || r.User != user:
				case r.Status == http.StatusOK:
					ok = append(ok, r.Time)
				case r.Status == http.StatusTooManyRequests:
					throttled = append(throttled, r.Time)
				default:
					t.Fatalf("request %d: HTTP %d", r.Number, r.Status)
				}
			}
			slices.SortFunc(ok, func(a, b time.Time) int { return a.Compare(b) })
			if got := srv.QuotaRejections(user); got != len(throttled) {
				t.Errorf("QuotaRejections = %d, but %d requests were answered 429", got, len(throttled))
			}
			t.Logf("Q = %.0f/min, WritesPerMinute = %.1f, %d contacts per request, %v, %d requests given up:",
				q, cfg.WritesPerMinute, chunk, c.duration, gaveUp)
			t.Logf("  whole run:   %s", windowStats(ok, throttled, 0, q))
			t.Logf("  second half: %s", windowStats(ok, throttled, len(ok)/2, q))
			t.Logf("  pacer rate at the end: %.0f/min", cfg.Pacer.Rate(user))
		})
	}
}

// windowStats describes the accepted requests from ok[from] on and the 429s after it: the
// accepted rate (starts per minute, between the first and the last start) against q, and the
// 429s per 100 requests.
func windowStats(ok, throttled []time.Time, from int, q float64) string {
	ok = ok[from:]
	if len(ok) < 2 {
		return "too few requests"
	}
	first, last := ok[0], ok[len(ok)-1]
	n429 := 0
	for _, t := range throttled {
		if !t.Before(first) && !t.After(last) {
			n429++
		}
	}
	perMin := float64(len(ok)-1) * float64(time.Minute) / float64(last.Sub(first))
	gaps := make([]time.Duration, len(ok)-1)
	for i := range gaps {
		gaps[i] = ok[i+1].Sub(ok[i])
	}
	slices.Sort(gaps)
	return fmt.Sprintf("%d accepted at %.1f/min = %.3f× Q; %d × 429 = %.1f per 100 requests; gaps between accepted starts: median %v, p90 %v, max %v",
		len(ok), perMin, perMin/q, n429, 100*float64(n429)/float64(len(ok)+n429),
		gaps[len(gaps)/2].Round(100*time.Microsecond), gaps[len(gaps)*9/10].Round(100*time.Microsecond), gaps[len(gaps)-1].Round(time.Millisecond))
}

// TestUsersParallel imports for 1, 10 and 100 users at once, each with its own client and
// Config.User and one shared Sequencer, against a per-request latency, and compares the
// aggregate rate with one user's. Every user must have had one request in flight at most.
func TestUsersParallel(t *testing.T) {
	skipUnlessTiming(t)
	type tc struct {
		latency  time.Duration
		requests int // per user
		chunk    int // contacts per request
	}
	// By default the requests are small, to keep the run short under the race detector.
	cases := []tc{{200 * time.Millisecond, 2, 20}}
	if long() {
		cases = []tc{{200 * time.Millisecond, 5, 200}, {2 * time.Second, 5, 200}}
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("L=%v/chunk=%d", c.latency, c.chunk), func(t *testing.T) {
			var single float64
			for _, users := range []int{1, 10, 100} {
				srv := newEmulator(t, peopletest.WithLatency(c.latency, 0))
				seq := people.NewSequencer()
				n := c.requests * c.chunk
				names := make([]string, users)
				clients := make([]*people.Client, users)
				for i := range users {
					names[i] = fmt.Sprintf("user%03d@example.com", i)
					clients[i] = newEmulatorClient(t, srv, names[i], people.Config{Sequencer: seq, ChunkSize: c.chunk})
				}
				ps := contacts(n)

				var wg sync.WaitGroup
				errs := make([]error, users)
				cpu0, _ := cpuTime()
				start := time.Now()
				for i, client := range clients {
					wg.Go(func() { errs[i] = importOurs(t.Context(), client, ps, typicalMask) })
				}
				wg.Wait()
				elapsed := time.Since(start)
				cpu1, _ := cpuTime()
				for i, err := range errs {
					if err != nil {
						t.Fatalf("%s: %v", names[i], err)
					}
				}
				checkSequenced(t, srv, names...)
				agg := float64(users*n) / elapsed.Seconds()
				if users == 1 {
					single = agg
				}
				bound := time.Duration(c.requests) * c.latency
				t.Logf("%3d users × %d contacts: %v (bound %v), %.0f contacts/s = %.1f× one user; CPU %.1f s = %.0f µs per contact, emulator included",
					users, n, elapsed.Round(time.Millisecond), bound, agg, agg/single,
					(cpu1 - cpu0).Seconds(), float64((cpu1-cpu0).Microseconds())/float64(users*n))
				srv.Close()
			}
		})
	}
}
