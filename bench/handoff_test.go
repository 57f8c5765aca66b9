// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// BenchmarkTurnHandoff measures what handing one user's turn between goroutines and clients
// costs: 8 imports for the same user at once, 3 requests each, through 8 clients sharing one
// Sequencer, against an emulator that takes 25 ms per request. The requests cannot overlap,
// so 24 of them take at least 24 × 25 ms (the sequential round-trip bound); the same 24
// requests sent by one client one after another, in the same run, are the baseline. It
// reports the concurrent time over the bound (x-bound) and over the baseline (x-sequential),
// and the baseline over the bound (seq-x-bound), for requests of 1 contact (where the turn's
// handoff is most of what is added to the latency) and of 200 (where the emulator's and the
// client's work per request are added too).
func BenchmarkTurnHandoff(b *testing.B) {
	for _, size := range []int{1, people.MaxContactsPerRequest} {
		b.Run(fmt.Sprintf("contacts=%d", size), func(b *testing.B) { benchTurnHandoff(b, size) })
	}
}

func benchTurnHandoff(b *testing.B, size int) {
	const imports, requests, latency = 8, 3, 25 * time.Millisecond
	srv := newEmulator(b, peopletest.WithLatency(latency, 0))
	in := contacts(requests * size)
	seq := people.NewSequencer()
	clients := make([]*people.Client, imports)
	for i := range clients {
		clients[i] = newEmulatorClient(b, srv, "alice", people.Config{Sequencer: seq, ChunkSize: size})
	}
	one := newEmulatorClient(b, srv, "bob", people.Config{ChunkSize: size})
	all := contacts(imports * requests * size)
	var concurrent, sequential time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		var wg sync.WaitGroup
		for _, c := range clients {
			wg.Go(func() {
				if _, err := c.BatchCreateContacts(context.Background(), in, "", nil); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
		concurrent += time.Since(start)
		start = time.Now()
		if _, err := one.BatchCreateContacts(context.Background(), all, "", nil); err != nil {
			b.Error(err)
		}
		sequential += time.Since(start)
		srv.Reset()
	}
	b.StopTimer()
	n := float64(b.N)
	bound := float64(imports * requests * latency)
	b.ReportMetric(float64(concurrent)/n/bound, "x-bound")
	b.ReportMetric(float64(concurrent)/float64(sequential), "x-sequential")
	b.ReportMetric(float64(sequential)/n/bound, "seq-x-bound")
	if srv.Overlaps("alice") != 0 {
		b.Errorf("%d overlapping requests for alice", srv.Overlaps("alice"))
	}
}
