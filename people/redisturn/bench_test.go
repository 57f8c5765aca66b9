// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"strings"
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
// loopback redis-server, reporting Redis round trips per turn; and AcquirePacing and Release
// that read and write a user's pacing state of 300 turns (redis+pacing).
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
	// A state of 300 turns, as a user at the People API's 90 requests a minute holds; made by
	// a people.Client, it is about 17 KB of JSON.
	state := []byte(`{"v":1,"state":{"turns":[` + strings.Repeat(`{"at":"2026-12-07T16:00:00.123456789Z","outcome":1},`, 299) +
		`{"at":"2026-12-07T16:00:00.123456789Z","outcome":1}]}}`)
	for name, pacing := range map[string][]byte{"redis": nil, "redis+pacing": state} {
		b.Run(name, func(b *testing.B) {
			var n atomic.Int64
			rdb := redis.NewClient(&redis.Options{Addr: addr})
			defer rdb.Close()
			seq := redisturn.New(rdb, &redisturn.Options{KeyPrefix: "bench:" + name + ":"})
			// Load the scripts and store the state before measuring.
			if turn, err := seq.AcquirePacing(b.Context(), "u"); err == nil {
				turn.Release(pacing)
			}
			rdb.AddHook(countHook{&n})
			for b.Loop() {
				if pacing == nil {
					_, release, err := seq.Acquire(b.Context(), "u")
					if err != nil {
						b.Fatal(err)
					}
					release()
					continue
				}
				turn, err := seq.AcquirePacing(b.Context(), "u")
				if err != nil || len(turn.Pacing) != len(pacing) {
					b.Fatalf("%v, %d bytes of state", err, len(turn.Pacing))
				}
				turn.Release(pacing)
			}
			b.ReportMetric(float64(n.Load())/float64(b.N), "roundtrips/op")
		})
	}
}
