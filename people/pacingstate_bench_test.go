// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"fmt"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// BenchmarkSharedState measures what a turn through a PacingSequencer adds on the client:
// reading a user's state given back by another process, and giving it back, for a user with
// 300 recent turns (90 requests a minute over 200 s, the log's span) and 2,000 (10 a second).
//
//	go test ./people -run '^$' -bench SharedState -count 5
func BenchmarkSharedState(b *testing.B) {
	for _, turns := range []int{300, 2000} {
		b.Run(fmt.Sprintf("turns=%d", turns), func(b *testing.B) {
			saver, reader := NewPacer(0), NewPacer(0)
			st := pacing.State{Windows: pacing.DefaultWindows, Active: -1}
			now := saver.p.WallNow()
			for i := range turns {
				st.Turns = append(st.Turns, pacing.TurnRecord{At: now.Add(-time.Duration(turns-i) * 100 * time.Millisecond), Outcome: 1})
			}
			st.NotBefore, st.NextFree, st.LastTurn, st.Throttled, st.SettledAt, st.ChangedAt = now, now, now, now, now, now
			if err := saver.p.Import("u", st); err != nil {
				b.Fatal(err)
			}
			data := saver.exportShared("u")
			for b.Loop() {
				if err := reader.importShared("u", data, 0); err != nil {
					b.Fatal(err)
				}
				if reader.exportShared("u") == nil {
					b.Fatal("no state")
				}
			}
			b.ReportMetric(float64(len(data)), "bytes/state")
		})
	}
}
