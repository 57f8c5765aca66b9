// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"syscall"
	"testing"
	"time"
)

// TestProcessesTakeTurns runs 4 worker processes that each create 1,500 contacts for the
// same user, through an emulator in a process of its own that records overlapping requests.
// Taking turns through Redis, no request overlaps another; with only a LocalSequencer in
// each process, they do, which shows that the test can fail.
func TestProcessesTakeTurns(t *testing.T) {
	addr := needRedis(t)
	const procs, each = 4, 1500
	for name, tc := range map[string]struct {
		redis        string
		wantOverlaps bool
	}{
		"redis":           {redis: addr},
		"local sequencer": {wantOverlaps: true},
	} {
		t.Run(name, func(t *testing.T) {
			emu := startEmulator(t, 40*time.Millisecond)
			var ps []*workerProcess
			for id := range procs {
				ps = append(ps, worker{id: id, n: each, chunk: 200, redis: tc.redis, ttl: 2 * time.Second}.start(t, emu.url))
			}
			for id, p := range ps {
				res := p.wait(t)
				if res == nil || res.Created != each || res.Err != "" {
					t.Errorf("worker %d: %+v, want %d created", id, res, each)
				}
			}
			st := emu.stats(t)
			t.Logf("emulator: %+v", st)
			if st.Created != procs*each || st.Duplicates != 0 {
				t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", st.Created, st.Duplicates, procs*each)
			}
			if got := st.Overlaps > 0; got != tc.wantOverlaps {
				t.Errorf("%d of %d requests overlapped another (most in flight %d); want overlaps: %v",
					st.Overlaps, st.Requests, st.MaxInFlight, tc.wantOverlaps)
			}
		})
	}
}

// TestKilledHolder kills, with SIGKILL, a worker process while its request is on the way.
// The other workers get the user's turn once the dead holder's lease expires and finish; no
// request overlaps another; and the killed worker's import, run again, finds what it had
// created and creates the rest, so that every contact exists exactly once.
func TestKilledHolder(t *testing.T) {
	addr := needRedis(t)
	const procs, each, chunk = 3, 300, 50
	emu := startEmulator(t, 100*time.Millisecond)
	var ps []*workerProcess
	for id := range procs {
		ps = append(ps, worker{id: id, n: each, chunk: chunk, redis: addr, ttl: time.Second}.start(t, emu.url))
	}
	// The victim's third attempt is on its way (the emulator holds each request 100 ms)
	// when it is killed.
	victim := ps[0]
	for range 3 {
		if _, ok := <-victim.sends; !ok {
			t.Fatal("the worker ended before its third request")
		}
	}
	if err := victim.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for range victim.sends {
	}
	if res := <-victim.result; res != nil {
		t.Fatalf("the killed worker finished: %+v", res)
	}
	_ = victim.cmd.Wait()
	for id, p := range ps[1:] {
		if res := p.wait(t); res == nil || res.Created != each {
			t.Errorf("worker %d: %+v, want %d created", id+1, res, each)
		}
	}
	rerun := worker{id: 0, n: each, chunk: chunk, redis: addr, ttl: time.Second, resume: true}.start(t, emu.url)
	res := rerun.wait(t)
	if res == nil || res.Found+res.Created != each || res.Err != "" {
		t.Errorf("rerun of the killed worker: %+v, want found + created = %d", res, each)
	}
	if res != nil && (res.Found == 0 || res.Found == each) {
		t.Errorf("rerun found %d of %d contacts: the kill did not land mid-import", res.Found, each)
	}
	st := emu.stats(t)
	t.Logf("emulator: %+v; rerun: %+v", st, res)
	if st.Created != procs*each || st.Duplicates != 0 || st.Overlaps != 0 {
		t.Errorf("emulator: %d contacts, %d duplicates, %d overlaps; want %d, 0, 0", st.Created, st.Duplicates, st.Overlaps, procs*each)
	}
}
