// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// countHook counts the commands a client sends, pipelines and scripts included.
type countHook struct{ n *atomic.Int64 }

func (h countHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}
func (h countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

// BenchmarkTurn measures what a turn costs: Acquire and release of a user nobody else
// waits for, with a LocalSequencer as the baseline and with a redisturn Sequencer on a
// loopback redis-server, reporting Redis round trips per turn.
//
//	go test ./people/redisturn -run '^$' -bench Turn -benchtime 2000x -count 5
func BenchmarkTurn(b *testing.B) {
	addr := needRedis(b)
	b.Run("local", func(b *testing.B) {
		seq := people.NewSequencer()
		for b.Loop() {
			_, release, err := seq.Acquire(b.Context(), "u")
			if err != nil {
				b.Fatal(err)
			}
			release()
		}
	})
	b.Run("redis", func(b *testing.B) {
		var n atomic.Int64
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		defer rdb.Close()
		seq := redisturn.New(rdb, &redisturn.Options{KeyPrefix: "bench:"})
		// Load the scripts before measuring.
		if _, release, err := seq.Acquire(b.Context(), "u"); err == nil {
			release()
		}
		rdb.AddHook(countHook{&n})
		for b.Loop() {
			_, release, err := seq.Acquire(b.Context(), "u")
			if err != nil {
				b.Fatal(err)
			}
			release()
		}
		b.ReportMetric(float64(n.Load())/float64(b.N), "roundtrips/op")
	})
}
