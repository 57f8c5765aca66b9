// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The quota of the pacing tests is shaped like the real one, a sliding window of write
// requests per user, with the window shortened sixtyfold: 10 requests per second, 600 a
// minute. An import of 100 requests meets it for ten seconds of the bubble's fake time. The
// requests carry 20 contacts, not 200: the quota counts requests, and the contacts only
// cost encoding.
var testQuota = peopletest.Quota{Requests: 10, Per: time.Second}

// quotaRetry scales the default backoff (1 s doubling to 32 s) by the same factor as the
// window: a backoff of a second against a window of one would be a minute against the real
// one.
var quotaRetry = people.RetryPolicy{InitialBackoff: time.Second / 60, MaxBackoff: 32 * time.Second / 60}

const (
	quotaChunk    = 20 // contacts per request
	quotaImport   = 100 * quotaChunk
	quotaPerMin   = 600 // testQuota in requests per minute
	quotaAdaptN   = 20  // requests after the first 429 that pacing may take to adapt
	quotaMaxRatio = 20  // at most one 429 per this many requests once adapted
	quotaUser     = "quota@example.com"
)

// TestQuotaPacing imports 2,000 contacts in 100 requests under a per-user write quota and checks that the
// import ends with every contact created and, once pacing has adapted, at most one 429 per
// 20 requests. Pacing adapts from the first 429 on (from off, nothing tells it the quota
// before), so the 429s counted are those after the first 20 requests that follow the first
// 429: the first throttle's retries, which meet a full window until it slides, are the
// adaptation's cost. The official client's loop, with no pacing and a fixed sleep after each
// 429, runs beside it for comparison.
//
// The three imports run side by side, each on a server of its own, in goroutines, inside a
// testing/synctest bubble: time is fake, so that the rates measured are those of the quota
// and pacing, whatever the machine's load, and no wait costs real time.
func TestQuotaPacing(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testQuotaPacing)
}

func testQuotaPacing(t *testing.T) {
	type run struct {
		name    string
		wpm     float64 // pacing's starting rate; -1 for the naive loop
		srv     *peopletest.Server
		pacer   *people.Pacer
		res     *people.Result
		err     error
		elapsed time.Duration
	}
	runs := []*run{
		{name: "configured at the quota", wpm: quotaPerMin},
		{name: "learned from the first 429s", wpm: 0},
		{name: "naive loop", wpm: -1},
	}
	var wg sync.WaitGroup
	for _, r := range runs {
		srv, hc := pipeEmulator(t, quotaUser, peopletest.WithWriteQuota(testQuota))
		r.srv = srv
		in := contacts(quotaImport)
		if r.wpm < 0 {
			wg.Go(func() {
				start := time.Now()
				r.err = naiveImport(t.Context(), r.srv, hc, in)
				r.elapsed = time.Since(start)
			})
			continue
		}
		r.pacer = people.NewPacer(r.wpm)
		c := pipeClient(t, r.srv, hc, &people.Config{User: quotaUser, Pacer: r.pacer, Retry: quotaRetry, ChunkSize: quotaChunk})
		wg.Go(func() {
			start := time.Now()
			r.res, r.err = c.BatchCreateContacts(t.Context(), in, "", nil)
			r.elapsed = time.Since(start)
		})
	}
	wg.Wait()

	for _, r := range runs {
		st := quotaStats(r.srv, quotaUser)
		rate := float64(st.ok) / r.elapsed.Minutes()
		if r.wpm < 0 {
			t.Logf("%s: %d requests, %d 429s in all, %d in the %d requests after the same adaptation; %v, %.0f requests a minute (quota %d)",
				r.name, st.ok, st.rejected, st.lateRejected, st.lateOK, r.elapsed.Round(time.Millisecond), rate, quotaPerMin)
			if r.err != nil {
				t.Errorf("%s: %v", r.name, r.err)
			}
			if st.rejected == 0 {
				t.Logf("the naive loop never met the quota: the machine was too busy for the quota to bind, and the paced runs prove little")
			}
		} else {
			t.Logf("%s (WritesPerMinute %v): %d requests, %d 429s in all, %d in the %d requests once adapted; %v, %.0f requests a minute (quota %d), final rate %.0f",
				r.name, r.wpm, st.ok, st.rejected, st.lateRejected, st.lateOK, r.elapsed.Round(time.Millisecond), rate, quotaPerMin, r.pacer.Rate(quotaUser))
			counts := r.res.Counts()
			if r.err != nil || counts.Created != quotaImport || counts.Failed != 0 {
				t.Errorf("%s: counts %+v, err %v; want all %d created, none failed", r.name, counts, r.err, quotaImport)
			}
			if st.lateRejected*quotaMaxRatio > st.lateOK {
				t.Errorf("%s: %d 429s in %d requests once adapted: more than one per %d", r.name, st.lateRejected, st.lateOK, quotaMaxRatio)
			}
		}
		if st.rejected != r.srv.QuotaRejections(quotaUser) {
			t.Errorf("%s: Requests shows %d 429s, QuotaRejections %d", r.name, st.rejected, r.srv.QuotaRejections(quotaUser))
		}
		if n := stored(r.srv, quotaUser); n != quotaImport {
			t.Errorf("%s: emulator holds %d contacts, want %d", r.name, n, quotaImport)
		}
		if d := r.srv.Duplicates(quotaUser); d != 0 {
			t.Errorf("%s: emulator holds %d duplicates", r.name, d)
		}
		if n := r.srv.MaxInFlight(quotaUser); n != 1 {
			t.Errorf("%s: %d requests in flight at once, want 1", r.name, n)
		}
	}
}

// stored returns how many contacts the emulator created for user, from its records of
// requests: cheaper than copying them all with Contacts.
func stored(srv *peopletest.Server, user string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.User == user {
			n += r.Created
		}
	}
	return n
}

// quotaStats counts a user's mutate requests: ok those that got past the quota, rejected
// those it refused with 429; the late ones come once pacing has adapted, after the first
// quotaAdaptN accepted requests that follow the first 429.
type quotaStatsResult struct {
	ok, rejected, lateOK, lateRejected int
}

func quotaStats(srv *peopletest.Server, user string) quotaStatsResult {
	var reqs []peopletest.Request
	for _, r := range srv.Requests() {
		if r.Number > 0 && r.User == user {
			reqs = append(reqs, r)
		}
	}
	slices.SortFunc(reqs, func(a, b peopletest.Request) int { return a.Number - b.Number })
	var s quotaStatsResult
	adaptedAt := -1 // s.ok from which requests count as late
	for _, r := range reqs {
		late := adaptedAt >= 0 && s.ok >= adaptedAt
		if r.Status == http.StatusTooManyRequests {
			s.rejected++
			if adaptedAt < 0 {
				adaptedAt = s.ok + quotaAdaptN
			}
			if late {
				s.lateRejected++
			}
			continue
		}
		s.ok++
		if late {
			s.lateOK++
		}
	}
	return s
}

// naiveImport is the loop a program written against the official client runs, which sends
// one POST per call and never retries: requests of quotaChunk contacts one after another, as
// fast as they go, and after a 429 the same request again after a short fixed sleep. It
// speaks HTTP itself, as the official client's generated code does.
func naiveImport(ctx context.Context, srv *peopletest.Server, hc *http.Client, in []*people.Person) error {
	for off := 0; off < len(in); off += quotaChunk {
		type contactToCreate struct {
			ContactPerson *people.Person `json:"contactPerson"`
		}
		var body struct {
			Contacts []contactToCreate `json:"contacts"`
			ReadMask string            `json:"readMask"`
		}
		for _, p := range in[off:min(off+quotaChunk, len(in))] {
			body.Contacts = append(body.Contacts, contactToCreate{ContactPerson: p})
		}
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		for {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v1/people:batchCreateContacts", bytes.NewReader(b))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+quotaUser)
			resp, err := hc.Do(req)
			if err != nil {
				return fmt.Errorf("request at %d: %w", off, err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				if err := sleep(ctx, 10*time.Millisecond); err != nil {
					return err
				}
				continue
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("request at %d: HTTP %d", off, resp.StatusCode)
			}
			break
		}
	}
	return nil
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// emulatorClient returns a client of srv acting as user, closed when the test ends.
func emulatorClient(t *testing.T, srv *peopletest.Server, user string, cfg *people.Config) *people.Client {
	t.Helper()
	c, err := people.NewClientWithConfig(t.Context(), cfg, srv.ClientOptions(user)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
