// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"os"
	"testing"
	"time"
)

// TestThroughputManyUsers compares, for 100 users against an emulator (in a process of its
// own) that takes 200 ms per request, the throughput of 4 processes taking turns through
// Redis with that of one process with a LocalSequencer, sending the same requests. Each
// user's requests go one at a time either way, so the lease's cost is what separates them;
// it must keep at least 0.9 of the single process's throughput.
//
// It runs about 15 s and is gated: REDISTURN_THROUGHPUT=1 go test ./people/redisturn -run Throughput -v
func TestThroughputManyUsers(t *testing.T) {
	if os.Getenv("REDISTURN_THROUGHPUT") != "1" {
		t.Skip("set REDISTURN_THROUGHPUT=1 to compare the throughput of 4 processes on Redis with one")
	}
	addr := needRedis(t)
	const users, requests, chunk = 100, 20, 10 // requests per user, over all processes
	latency := 200 * time.Millisecond
	run := func(procs int, redis string) float64 {
		emu := startEmulator(t, latency)
		var ps []*workerProcess
		for id := range procs {
			ps = append(ps, worker{id: id, n: requests / procs * chunk, chunk: chunk, redis: redis, users: users, ttl: 15 * time.Second}.start(t, emu.url))
		}
		var start, end int64
		for _, p := range ps {
			res := p.wait(t)
			if res == nil || res.Created != users*requests/procs*chunk {
				t.Fatalf("worker: %+v", res)
			}
			if start == 0 || res.Start < start {
				start = res.Start
			}
			end = max(end, res.End)
		}
		st := emu.stats(t)
		if st.Overlaps != 0 || st.Requests != users*requests {
			t.Fatalf("emulator: %+v, want %d requests, no overlap", st, users*requests)
		}
		elapsed := time.Duration(end - start)
		perSecond := float64(users*requests) / elapsed.Seconds()
		t.Logf("%d process(es), %s: %d requests in %v: %.1f requests/s (ideal %.1f)", procs, map[bool]string{true: "Redis", false: "LocalSequencer"}[redis != ""],
			users*requests, elapsed.Round(time.Millisecond), perSecond, float64(users)/latency.Seconds())
		return perSecond
	}
	local := run(1, "")
	run(1, addr) // for the record: the lease's cost without any handoff between processes
	shared := run(4, addr)
	ratio := shared / local
	t.Logf("4 processes on Redis / 1 process with LocalSequencer: %.3f", ratio)
	if ratio < 0.9 {
		t.Errorf("throughput ratio %.3f, want at least 0.9", ratio)
	}
}
