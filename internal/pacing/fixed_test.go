// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"testing"
	"time"
)

// export returns user's state, failing the test if the Pacer holds none.
func export(t *testing.T, p *Pacer, user string) State {
	t.Helper()
	s, ok := p.Export(user)
	if !ok {
		t.Fatalf("Export(%s) found no state", user)
	}
	return s
}

// TestFixedHoldsForTheEdge follows the fixed reading of a quota through an episode: a burst
// longer than every window rules out their sliding readings at the first throttle; the user is
// held until the latest edge a fixed minute could have, refused there, then until the latest
// edge of a fixed 100 s; admitted, it runs unpaced until the window fills, and the turns since
// the edge are the limit, probed under 100 s and settled on.
func TestFixedHoldsForTheEdge(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Minute, 100 * time.Second}}, clock)
	const gap = 400 * time.Millisecond
	burst(t, p, clock, "alice", 250, gap) // turns at 0 to 99.6 s
	refused(t, p, "alice")                // at 100 s

	// The run's middle turn, the 126th (at 50 s), leaves as many after it as before: a fixed
	// window that refused began by then, and a minute fits (100 s - 50 s < 1 min).
	mid := 125 * gap
	if s := export(t, p, "alice"); s.Phase != holding || s.Held != 0 {
		t.Fatalf("after the first throttle: phase %d, held for window %d; want holding (%d) for the minute", s.Phase, s.Held, holding)
	}
	if r, d, want := p.Rate("alice"), p.Delay("alice"), mid+time.Minute+slack(time.Minute)-250*gap; r != 0 || d != want {
		t.Errorf("Rate, Delay held for the minute's edge = %v, %v; want 0, %v", r, d, want)
	}
	refused(t, p, "alice") // the minute's latest edge passed: not a fixed minute
	if r, d, want := p.Rate("alice"), p.Delay("alice"), mid+100*time.Second+slack(100*time.Second)-clock.Now().Sub(t0); r != 0 || d != want {
		t.Errorf("Rate, Delay held for 100 s's edge = %v, %v; want 0, %v", r, d, want)
	}
	take(t, p, "alice").Succeeded() // the edge came: unpaced until the window fills
	edge := clock.Now()
	if r, d := p.Rate("alice"), p.Delay("alice"); r != 0 || d != 0 {
		t.Errorf("Rate, Delay after the edge = %v, %v; want 0, 0", r, d)
	}
	clock.Advance(gap)
	burst(t, p, clock, "alice", 149, gap)
	refused(t, p, "alice") // 150 since the edge

	// Only the turns since the edge count: 150 per 100 s, probed once the window has room.
	if r, want := p.Rate("alice"), Margin*150*0.6; !near(r, want) {
		t.Errorf("Rate probing = %v, want %v (150 per 100 s)", r, want)
	}
	if d, want := p.Delay("alice"), edge.Add(100*time.Second+slack(100*time.Second)).Sub(clock.Now()); d != want {
		t.Errorf("Delay probing = %v, want %v (the window's next edge)", d, want)
	}
	take(t, p, "alice").Succeeded()
	s := export(t, p, "alice")
	if s.Phase != settled || s.Active != 1 || s.Limit != 150 {
		t.Errorf("settled phase %d, window %d, limit %d; want %d, 1, 150", s.Phase, s.Active, s.Limit, settled)
	}
	// What a fixed window held from its edge is the limit, not a lower bound: raises above it
	// start halfway to one more, not by doubling.
	if s.Bad != 151 {
		t.Errorf("lowest limit known too high = %d, want 151", s.Bad)
	}
}

// TestFixedReadingNeedsEvidence checks when the fixed reading is not tried: under a window
// shorter than minRaiseGap (a token bucket refills within it as an edge would come), at a
// throttle with a hint (it says when the quota has room), and when the run's middle turn is
// more than a window before the throttle (no fixed window of that length began by then).
func TestFixedReadingNeedsEvidence(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		windows []time.Duration
		gap     time.Duration // between the 250 turns of the burst
		hint    time.Duration
	}{
		"short windows": {windows: []time.Duration{time.Second, 6 * time.Second}, gap: 40 * time.Millisecond},
		"hint":          {windows: []time.Duration{time.Minute, 100 * time.Second}, gap: 400 * time.Millisecond, hint: 41 * time.Second},
		"run too long":  {windows: []time.Duration{10 * time.Second, 20 * time.Second}, gap: 400 * time.Millisecond},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, Config{Windows: tc.windows}, clock)
			burst(t, p, clock, "alice", 250, tc.gap) // its middle turn at half its length
			take(t, p, "alice").Throttled(Throttle{Hint: tc.hint})
			if s := export(t, p, "alice"); s.Phase == holding {
				t.Errorf("held for the edge of window %v", tc.windows[s.Held])
			}
		})
	}
}

// TestFixedReadingGivenUp checks that after an edge admitted the user, a throttle that comes
// with fewer turns since the edge than the window before held is not read as that window's.
func TestFixedReadingGivenUp(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Minute, 100 * time.Second}}, clock)
	burst(t, p, clock, "alice", 250, 400*time.Millisecond)
	refused(t, p, "alice")
	refused(t, p, "alice")          // not a fixed minute
	take(t, p, "alice").Succeeded() // 100 s's edge
	burst(t, p, clock, "alice", 20, 400*time.Millisecond)
	refused(t, p, "alice") // 21 since the edge, where the window before held 125 or more
	s := export(t, p, "alice")
	if s.WasReopened || s.Phase == holding || (s.Phase == probing && s.Active == 1 && s.Limit < 125) {
		t.Errorf("phase %d, window %d, limit %d after the edge: the fixed reading was kept", s.Phase, s.Active, s.Limit)
	}
}

// TestClosedStillHoldsUntilRoom checks that, settled, a retry refused after a throttle lowered
// the limit (the quota still closed, as a fixed window is until its edge) brings the limit
// down to the highest known to pass and holds the user until the window has room under it,
// where lowering it by the few turns that left the window would meet the closed quota again.
func TestClosedStillHoldsUntilRoom(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{10 * time.Second}}, clock)
	const gap = 500 * time.Millisecond
	s := State{
		Windows: []time.Duration{10 * time.Second}, Active: 0, Phase: settled,
		Limit: 20, Top: 10, First: 10, SettledAt: t0, ChangedAt: t0, NextFree: t0.Add(10 * time.Second),
	}
	for i := range 20 {
		s.Turns = append(s.Turns, TurnRecord{At: t0.Add(time.Duration(i) * gap), Outcome: turnAdmitted})
	}
	clock.Advance(10 * time.Second)
	if err := p.Import("alice", s); err != nil {
		t.Fatal(err)
	}
	refused(t, p, "alice") // the raise to 20 refused: down to what the window held
	lowered := export(t, p, "alice")
	if lowered.Limit >= 20 || lowered.Bad != 20 {
		t.Fatalf("after the first throttle: limit %d, lowest too high %d; want under 20, 20", lowered.Limit, lowered.Bad)
	}
	clock.Advance(time.Second)
	refused(t, p, "alice") // its retry, after the backoff: still closed
	got := export(t, p, "alice")
	if got.Limit != 10 || got.Bad != lowered.Limit {
		t.Errorf("after the retry: limit %d, lowest too high %d; want 10, %d", got.Limit, got.Bad, lowered.Limit)
	}
	// The window has room under 10 once the 10th newest turn, at 9.5 s - 9 × 0.5 s, has left it.
	if d, want := p.Delay("alice"), 5*time.Second+10*time.Second+slack(10*time.Second)-clock.Now().Sub(t0); d != want {
		t.Errorf("Delay = %v, want %v", d, want)
	}
}

// TestRefusedAtCapStepsBack checks a throttle while settled of a turn sent as fast as the limit
// allowed, a catch-up turn's too: under a window shorter than minRaiseGap, after sending in
// the window before too (a fixed window's edge then hides in the sliding count, which holds
// one below the limit or so at every throttle), the limit steps back to where it was before
// the step refused, and the next raise waits twice as long; after a pause, refused below its
// limit, or under a longer window, the limit falls to what the window held.
func TestRefusedAtCapStepsBack(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		window                  time.Duration
		limit, top, bad, held   int
		early                   bool // granted from the catch-up burst
		paused                  bool // nothing sent in the window before
		wantLimit, wantTop, gap int
	}{
		"a step of recovery, at its cap": {window: time.Second, limit: 25, top: 29, bad: 30, held: 24, wantLimit: 20, wantTop: 20, gap: 2 * recoverAfter},
		"a raise, at its cap":            {window: time.Second, limit: 22, top: 20, bad: 30, held: 21, wantLimit: 20, wantTop: 20, gap: 4 * recoverAfter},
		"a catch-up turn, at its cap":    {window: time.Second, limit: 30, top: 30, held: 29, early: true, wantLimit: 24, wantTop: 24, gap: 2 * recoverAfter},
		"after a pause":                  {window: time.Second, limit: 25, top: 29, bad: 30, held: 24, paused: true, wantLimit: 24, wantTop: 24},
		"below its cap":                  {window: time.Second, limit: 25, top: 29, bad: 30, held: 15, wantLimit: 15, wantTop: 22},
		"a longer window":                {window: 10 * time.Second, limit: 25, top: 29, bad: 30, held: 24, wantLimit: 24, wantTop: 24},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			windows := []time.Duration{tc.window}
			p := newPacer(t, Config{Windows: windows}, clock)
			now := t0.Add(10 * tc.window)
			s := State{
				Windows: windows, Active: 0, Phase: settled, Limit: tc.limit, Top: tc.top, First: tc.top,
				Bad: tc.bad, SettledAt: t0, ChangedAt: t0, NextFree: now,
			}
			if tc.early { // the spacing's schedule has the next turn half an interval ahead
				s.NextFree = now.Add(time.Duration(float64(tc.window) / (Margin * float64(tc.limit)) / 2))
			}
			spans := 2 // the user sent as much in the window before
			if tc.paused {
				spans = 1
			}
			for k := spans; k > 0; k-- {
				for i := range tc.held { // spread evenly over the window
					at := now.Add(-time.Duration(k)*tc.window + time.Duration(i+1)*tc.window/time.Duration(tc.held+1))
					s.Turns = append(s.Turns, TurnRecord{At: at, Outcome: turnAdmitted})
				}
			}
			clock.Advance(now.Sub(t0))
			if err := p.Import("alice", s); err != nil {
				t.Fatal(err)
			}
			refused(t, p, "alice")
			got := export(t, p, "alice")
			if got.Limit != tc.wantLimit || got.Top != tc.wantTop || got.Bad != tc.limit || got.Gap != tc.gap {
				t.Errorf("limit %d, top %d, lowest too high %d, gap %d; want %d, %d, %d, %d",
					got.Limit, got.Top, got.Bad, got.Gap, tc.wantLimit, tc.wantTop, tc.limit, tc.gap)
			}
		})
	}
}
