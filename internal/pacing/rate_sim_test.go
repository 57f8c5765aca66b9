// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
)

// measureRateCtl runs simulateShape's import with the rate controller.
func measureRateCtl(t *testing.T, sc shapeCase, hint int, seed uint64, trace bool) shapeResult {
	return simulateShapeWith(t, sc, hint, seed, func(clock *fakeClock) func() simTurn {
		c := &rateCtl{clock: clock, trace: trace, t: t}
		return c.take
	})
}

// TestShapesRate measures the rate controller (ratectl_test.go) on the shapes of TestShapes,
// next to the window model in the same run, for issue 16's choice between them: per shape, the
// least and mean share of the sustainable rate once adapted, the most 429s while learning and
// per 100 requests after, and * where every run meets the targets. It runs when
// PACING_COMPARE is set. PACING_SEEDS=n measures seeds n to n+3 instead of 0 to 3, PACING_BYHINT
// adds the rate controller's figures by hint, and PACING_TRACE=shape (with PACING_HINT and
// PACING_SEED) traces its decisions in one run.
func TestShapesRate(t *testing.T) {
	if os.Getenv("PACING_COMPARE") == "" {
		t.Skip("set PACING_COMPARE=1 to compare the window model with the rate controller")
	}
	cases := shapeCases()
	if tr := os.Getenv("PACING_TRACE"); tr != "" {
		sc, ok := cases[tr]
		if !ok {
			t.Fatalf("PACING_TRACE=%q: no such shape", tr)
		}
		hint, _ := strconv.Atoi(os.Getenv("PACING_HINT"))
		seed, _ := strconv.ParseUint(os.Getenv("PACING_SEED"), 10, 64)
		r := measureRateCtl(t, sc, hint%len(hintNames), seed, true)
		t.Logf("%+v share %.3f", r, r.lateRate/cases[tr].shape.perMinute())
		return
	}
	// PACING_SEEDS=n measures seeds n to n+3 instead of 0 to 3: a check that the controller
	// was not tuned to the seeds it was developed on.
	var seedBase uint64
	if s := os.Getenv("PACING_SEEDS"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("PACING_SEEDS=%q: %v", s, err)
		}
		seedBase = n
	}
	met := 0
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		sc := cases[name]
		var rows [2]string
		for k, run := range []func(hint int, seed uint64) shapeResult{
			func(hint int, seed uint64) shapeResult { return measureRateCtl(t, sc, hint, seed, false) },
			func(hint int, seed uint64) shapeResult { return simulateShape(t, sc, hint, seed) },
		} {
			least, sum, runs, learning, after := math.Inf(1), 0.0, 0, 0, 0.0
			var byHint []string
			for hint := range hintNames {
				hl, hlearn, hafter := math.Inf(1), 0, 0.0
				for seed := range uint64(4) {
					r := run(hint, seed+seedBase)
					share := r.lateRate / sc.shape.perMinute()
					per100 := 100 * float64(r.late429) / float64(max(1, r.lateOK))
					least, sum, runs = min(least, share), sum+share, runs+1
					learning = max(learning, r.learning429)
					after = max(after, per100)
					hl, hlearn, hafter = min(hl, share), max(hlearn, r.learning429), max(hafter, per100)
				}
				byHint = append(byHint, fmt.Sprintf("%.2f/%d/%.1f", hl, hlearn, hafter))
			}
			if k == 0 && os.Getenv("PACING_BYHINT") != "" {
				t.Logf("  %-24s by hint %v", name, byHint)
			}
			ok := least >= targetShare && learning <= targetLearning && after < targetAfter
			if ok && k == 0 {
				met++
			}
			mark := " "
			if ok {
				mark = "*"
			}
			rows[k] = fmtRow(least, sum/float64(runs), learning, after, mark)
		}
		t.Logf("%-24s rate %s | window %s", name, rows[0], rows[1])
	}
	t.Logf("rate controller meets all targets on %d of %d shapes", met, len(cases))
	// What the prototype reached on seeds 0 to 3 when it was measured for issue 16: a change
	// to it that loses a shape shows here.
	const metOnDefaultSeeds = 7
	if seedBase == 0 && met < metOnDefaultSeeds {
		t.Errorf("the rate controller meets all targets on %d shapes; it met them on %d", met, metOnDefaultSeeds)
	}
}

// fmtRow formats a row of TestShapesRate's table.
func fmtRow(least, mean float64, learning int, after float64, mark string) string {
	return fmt.Sprintf("%.3f/%.3f %2d %5.2f %s", least, mean, learning, after, mark)
}
