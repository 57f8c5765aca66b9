// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"runtime"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// heapPeaks is what sampling the heap during an import found, in bytes above the heap
// before the import.
type heapPeaks struct {
	live  uint64 // largest HeapAlloc right after a forced GC: memory the import holds
	inuse uint64 // largest HeapInuse, garbage included, sampled after every request
}

// streamPeaks imports n lazily generated contacts with the streaming form into a replay
// server and samples the heap after each request, from the progress callback, while the
// request's contacts and results are still held; every gcEvery requests it forces a GC
// first, so that the sample is the live heap.
func streamPeaks(t *testing.T, n, gcEvery int) heapPeaks {
	t.Helper()
	srv := newReplayServer(t, true, n)
	c := newOurs(t, srv.URL)

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	baseAlloc, baseInuse := ms.HeapAlloc, ms.HeapInuse
	var peaks heapPeaks
	sample := func(p people.Progress) {
		if p.Requests%gcEvery == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peaks.live = max(peaks.live, ms.HeapAlloc-min(ms.HeapAlloc, baseAlloc))
		} else {
			runtime.ReadMemStats(&ms)
		}
		peaks.inuse = max(peaks.inuse, ms.HeapInuse-min(ms.HeapInuse, baseInuse))
	}

	created := 0
	for br, err := range c.BatchCreateContactsSeq(t.Context(), lazyContacts(n), typicalMask, nil, people.WithProgress(sample)) {
		if err != nil {
			t.Fatal(err)
		}
		created += br.Counts().Created
	}
	if created != n {
		t.Fatalf("%d of %d contacts created", created, n)
	}
	return peaks
}

// TestStreamingMemoryBounded shows that the streaming form holds about one request's worth
// of contacts and results whatever the number of contacts: the peak live heap while importing
// 100,000 contacts is about that of 10,000. By default it compares 20,000 with 2,000, to stay
// quick: ten times the contacts, well beyond what the bound allows if they were held; with
// PEOPLEBATCH_LONG=1 it compares 100,000 with 10,000, the figures of BENCHMARKS.md.
func TestStreamingMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 22,000 contacts: skipped with -short")
	}
	small, big := 2000, 20000
	if long() {
		small, big = 10000, 100000
	}
	const gcEvery = 5
	pSmall := streamPeaks(t, small, gcEvery)
	pBig := streamPeaks(t, big, gcEvery)
	t.Logf("peak live heap above the start: %d contacts %.2f MiB, %d contacts %.2f MiB (%.2f×)",
		small, mib(pSmall.live), big, mib(pBig.live), float64(pBig.live)/float64(pSmall.live))
	t.Logf("peak HeapInuse above the start: %d contacts %.2f MiB, %d contacts %.2f MiB",
		small, mib(pSmall.inuse), big, mib(pBig.inuse))
	if limit := 3*pSmall.live + 8<<20; pBig.live > limit {
		t.Errorf("peak live heap for %d contacts is %.2f MiB, above 3 × %.2f MiB + 8 MiB: the streaming form holds more than one request's worth",
			big, mib(pBig.live), mib(pSmall.live))
	}
}

// TestSliceMemory logs, for comparison, the heap that the slice form needs for 100,000
// contacts: the input and the Result are held whole. Only with PEOPLEBATCH_LONG=1.
func TestSliceMemory(t *testing.T) {
	if testing.Short() || !long() {
		t.Skip("set " + longEnv + "=1 to run")
	}
	const n = 100000
	srv := newReplayServer(t, true, n)
	c := newOurs(t, srv.URL)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	ps := contacts(n)
	var peak uint64
	res, err := c.BatchCreateContacts(t.Context(), ps, typicalMask, nil, people.WithProgress(func(p people.Progress) {
		if p.Requests%50 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc-base)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("slice form, %d contacts: peak live heap %.1f MiB during the import, %.1f MiB after it with the input and the Result",
		n, mib(peak), mib(ms.HeapAlloc-base))
	runtime.KeepAlive(ps)
	runtime.KeepAlive(res)
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
