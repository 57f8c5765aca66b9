// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"testing"
	"time"
)

// TestProcessesShareQuota runs 4 worker processes that create contacts for the same user
// at once, 10 requests each, against an emulator in a process of its own whose per-user
// write quota is 10 requests per 2 s (a sliding window), each worker told that quota. The
// user's pacing state travels with its turn through Redis, so the processes pace on one view
// of the quota: together they run at ≥ 0.9× its rate, with < 2 429s per 100 requests after
// the first window. Pacing on each process's own view (the turn still shared), the same run
// misses those bounds, which shows that the test can fail; it is cut off after 12 s.
//
// The spacing (204 ms) leaves 184 ms beside each request's 20 ms for the handoff of the turn
// between processes, which the pacing wait absorbs: a loaded machine does not slow the run.
func TestProcessesShareQuota(t *testing.T) {
	addr := needLongRedis(t)
	const procs, requests, chunk, quota, perMinute = 4, 10, 5, "10/2s", 300
	const perSecond = perMinute / 60.0
	for name, own := range map[string]bool{"shared pacing": false, "own pacing": true} {
		t.Run(name, func(t *testing.T) {
			emu := startEmulatorQuota(t, 20*time.Millisecond, quota)
			w := worker{n: requests * chunk, chunk: chunk, redis: addr, ttl: 2 * time.Second, writesPerMinute: perMinute, ownPacing: own}
			if own {
				w.deadline = 12 * time.Second
			}
			var ps []*workerProcess
			for id := range procs {
				w.id = id
				ps = append(ps, w.start(t, emu.url))
			}
			for id, p := range ps {
				res := p.wait(t)
				if !own && (res == nil || res.Created != requests*chunk || res.Err != "") {
					t.Errorf("worker %d: %+v, want %d created", id, res, requests*chunk)
				}
			}
			st := emu.stats(t)
			perHundred := 100 * float64(st.RefusedLater) / float64(st.Admitted+st.Refused)
			t.Logf("%s: %d admitted at %.3f× the quota, %d 429s, %d after the first window: %.1f per 100 requests; %d overlaps",
				name, st.Admitted, st.Rate/perSecond, st.Refused, st.RefusedLater, perHundred, st.Overlaps)
			if met := st.Rate >= 0.9*perSecond && perHundred < 2; met == own {
				t.Errorf("%.3f× the quota, %.1f 429s per 100 after the first window: ≥ 0.9× and < 2 is %v, want %v",
					st.Rate/perSecond, perHundred, met, !own)
			}
			if st.Overlaps != 0 {
				t.Errorf("%d requests overlapped another", st.Overlaps)
			}
		})
	}
}
