// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// projectResult counts what the users of one simulated project met.
type projectResult struct {
	learning429, late429, lateOK int
	perUser                      []int // admitted once adapted, by user
	userLearned                  bool  // some user's own state was paced: it should not be
}

// simulateProject runs users concurrent imports for their own users, sharing one Pacer,
// against a quota over the whole project, in a synctest bubble (the Pacer on the bubble's
// clock). Each user sends sequentially with latencies of 200 to 600 ms, retrying a refused
// attempt after the SDK's backoff or the hint; 429s say the project's limit refused them.
func simulateProject(t *testing.T, shape quotaShape, users, hint int, adapt, run time.Duration, seed uint64) projectResult {
	t.Helper()
	var r projectResult
	synctest.Test(t, func(t *testing.T) {
		p := newPacer(t, Config{}, nil)
		start := time.Now()
		epochShift := start.Sub(t0)
		q := newQuotaServer(shape)
		var mu sync.Mutex // guards q and r
		r.perUser = make([]int, users)
		var wg sync.WaitGroup
		for u := range users {
			rnd := rand.New(rand.NewPCG(seed, uint64(u)))
			user := fmt.Sprintf("user%d", u)
			wg.Go(func() {
				for time.Since(start) < run {
					for attempt := 0; ; attempt++ {
						turn, err := p.Wait(t.Context(), user)
						if err != nil {
							t.Errorf("Wait = %v", err)
							return
						}
						lat := 200*time.Millisecond + time.Duration(rnd.Int64N(int64(400*time.Millisecond)))
						time.Sleep(lat / 2)
						mu.Lock()
						ok, wait := q.admit(time.Now().Add(-epochShift))
						late := time.Since(start) > adapt
						mu.Unlock()
						time.Sleep(lat - lat/2)
						mu.Lock()
						switch {
						case ok && late:
							r.lateOK++
							r.perUser[u]++
						case !ok && late:
							r.late429++
						case !ok:
							r.learning429++
						}
						mu.Unlock()
						if ok {
							turn.Succeeded()
							break
						}
						h := hintFor(hint, wait-(lat-lat/2))
						turn.Throttled(Throttle{Hint: h, Scope: ScopeProject})
						step := min(32*time.Second, time.Second<<attempt)
						time.Sleep(max(h, time.Duration((0.5+0.5*rnd.Float64())*float64(step))))
					}
				}
			})
		}
		wg.Wait()
		for u := range users {
			if p.Rate(fmt.Sprintf("user%d", u)) != 0 {
				r.userLearned = true
			}
		}
	})
	return r
}

// TestProjectQuota shares a project's quota between 20 users of one Pacer: once adapted the
// project runs at 0.9× the quota or more with fewer than one 429 per 100 requests, no user
// gets less than 0.8× the mean, and no user's own pacing learns from the project's 429s.
func TestProjectQuota(t *testing.T) {
	t.Parallel()
	const users = 20
	shapes := []quotaShape{
		{kind: slidingWindow, n: 600, per: time.Minute},
		{kind: tokenBucket, n: 10, per: time.Second, burst: 20},
	}
	for _, shape := range shapes {
		for hint := range hintNames {
			t.Run(fmt.Sprintf("%v, %s", shape, hintNames[hint]), func(t *testing.T) {
				t.Parallel()
				const adapt, run = 4 * time.Minute, 10 * time.Minute
				r := simulateProject(t, shape, users, hint, adapt, run, 1)
				rate := float64(r.lateOK) / (run - adapt).Minutes()
				share := rate / shape.perMinute()
				per100 := 100 * float64(r.late429) / float64(max(1, r.lateOK))
				mean := float64(r.lateOK) / users
				least := slices.Min(r.perUser)
				t.Logf("%s: %.3f× the project's rate once adapted, %d 429s while learning, %.2f per 100 after; users %d to %d requests (mean %.0f)",
					t.Name(), share, r.learning429, per100, least, slices.Max(r.perUser), mean)
				if share < 0.9 {
					t.Errorf("project rate %.3f× the quota once adapted; want at least 0.9×", share)
				}
				if per100 >= 1 {
					t.Errorf("%.2f 429s per 100 requests once adapted; want fewer than 1", per100)
				}
				if float64(least) < 0.7*mean {
					t.Errorf("a user got %d requests once adapted, under 0.7× the mean %.0f", least, mean)
				}
				if r.userLearned {
					t.Error("a user's own pacing learned from the project's 429s")
				}
			})
		}
	}
}
