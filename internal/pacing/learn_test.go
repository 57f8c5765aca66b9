// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"math"
	"testing"
	"time"
)

// burst takes n turns for user, one every gap, and reports each as admitted.
func burst(t *testing.T, p *Pacer, clock *fakeClock, user string, n int, gap time.Duration) {
	t.Helper()
	for range n {
		take(t, p, user).Succeeded()
		clock.Advance(gap)
	}
}

// refused takes a turn for user and reports it throttled without a hint: learning starts at
// the first throttle.
func refused(t *testing.T, p *Pacer, user string) {
	t.Helper()
	take(t, p, user).Throttled(Throttle{})
}

func near(got, want float64) bool { return math.Abs(got-want) <= 1e-6*max(1, math.Abs(want)) }

// TestLearnRulesOutWindowsTheBurstContradicts checks the first throttle: a window under which
// an admitted turn saw as many turns as the refused one is ruled out, and pacing follows the
// shortest window left, at its limit, until that window has room.
func TestLearnRulesOutWindowsTheBurstContradicts(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Minute, time.Second, 10 * time.Second}}, clock)
	burst(t, p, clock, "alice", 30, 500*time.Millisecond) // 30 turns in 15 s, evenly
	refused(t, p, "alice")                                // the 31st, at 15 s

	// Under 1 s and 10 s, the 30th turn saw as many before it as the 31st: ruled out.
	// Under a minute the 31st saw 30, every admitted one fewer: a limit of 30 per minute.
	if r, want := p.Rate("alice"), Margin*30; !near(r, want) {
		t.Errorf("Rate = %v, want %v (30 per minute)", r, want)
	}
	// The minute has room once the first turn, at 0 s, has left it, with the slack.
	if d, want := p.Delay("alice"), time.Minute+slack(time.Minute)-15*time.Second; d != want {
		t.Errorf("Delay = %v, want %v", d, want)
	}
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("the burst slept %v, want no waits before the first throttle", s)
	}
}

// TestLearnProbesShortestWindowFirst checks that an uneven burst that several windows explain
// is tried against the shortest first, and that its edge admitting a request settles pacing.
func TestLearnProbesShortestWindowFirst(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
	burst(t, p, clock, "alice", 5, 10*time.Millisecond)
	refused(t, p, "alice") // at 50 ms: 5 in the last second and the last minute

	if r, want := p.Rate("alice"), Margin*5*60; !near(r, want) {
		t.Errorf("Rate while probing = %v, want %v (5 per second)", r, want)
	}
	wantDelay := time.Second + slack(time.Second) - 50*time.Millisecond
	if d := p.Delay("alice"); d != wantDelay {
		t.Errorf("Delay = %v, want %v", d, wantDelay)
	}
	take(t, p, "alice").Succeeded() // the second's edge admits it: settled
	if s := clock.Slept(); len(s) != 1 || s[0] != wantDelay {
		t.Errorf("the probe slept %v, want [%v]", s, wantDelay)
	}
	if r, want := p.Rate("alice"), Margin*5*60; !near(r, want) {
		t.Errorf("Rate once settled = %v, want %v", r, want)
	}
}

// TestLearnRefusedProbeMovesOn checks that a probe refused at a window's edge rules that
// window out, and that with none left the user is unpaced again.
func TestLearnRefusedProbeMovesOn(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
	burst(t, p, clock, "alice", 5, 10*time.Millisecond)
	refused(t, p, "alice")
	take(t, p, "alice").Throttled(Throttle{}) // refused at the second's edge: not a 1 s window

	if r, want := p.Rate("alice"), Margin*5; !near(r, want) {
		t.Errorf("Rate after the refused probe = %v, want %v (5 per minute)", r, want)
	}
	wantDelay := time.Minute + slack(time.Minute) - clock.Now().Sub(t0)
	if d := p.Delay("alice"); d != wantDelay {
		t.Errorf("Delay = %v, want %v (the minute's edge)", d, wantDelay)
	}
	take(t, p, "alice").Throttled(Throttle{}) // refused at the minute's edge too: no window left
	if r, d := p.Rate("alice"), p.Delay("alice"); r != 0 || d != 0 {
		t.Errorf("Rate, Delay with every window ruled out = %v, %v; want 0, 0", r, d)
	}
}

// TestLearnSettledFollowsTheQuotaDown checks that a throttle once settled lowers the limit to
// what the window held; that the limit grows back by a quarter per recoverAfter windows in
// which the user sent as fast as it allowed, up to what it settled at, then probes above it
// after minRaiseGap; and that a throttle while it grows back lowers that ceiling.
func TestLearnSettledFollowsTheQuotaDown(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Second}}, clock)
	burst(t, p, clock, "alice", 10, 10*time.Millisecond)
	refused(t, p, "alice")
	take(t, p, "alice").Succeeded() // settled at 10 per second
	perSecond := func(n float64) float64 { return Margin * 60 * n }
	if r := p.Rate("alice"); !near(r, perSecond(10)) {
		t.Fatalf("Rate once settled = %v, want %v", r, perSecond(10))
	}

	clock.Advance(time.Hour)
	burst(t, p, clock, "alice", 4, 0)
	// Refused with 4 in the window, and the retry too: someone else takes the rest. (A lone
	// throttle far below the limit, an hour after the last, may be a passing refusal.)
	refused(t, p, "alice")
	refused(t, p, "alice")
	if r := p.Rate("alice"); !near(r, perSecond(4)) {
		t.Fatalf("Rate after the throttle = %v, want %v (4 per second)", r, perSecond(4))
	}

	// Sending as fast as pacing allows, the limit grows 4, 5, 6, 7, 8, 9, short of the 10 that
	// was refused; it is raised to 10 (halfway to the refused limit, at least one more), and,
	// 10 passing, to 20: the quota may have risen (and it doubles again each window that
	// passes).
	var rates []float64
	for i := 0; i < 60*10 && p.Rate("alice") < perSecond(20)-1e-6; i++ {
		take(t, p, "alice").Succeeded()
		if r := p.Rate("alice"); len(rates) == 0 || r != rates[len(rates)-1] {
			rates = append(rates, r)
		}
	}
	var want []float64
	for _, n := range []float64{4, 5, 6, 7, 8, 9, 10, 20} {
		want = append(want, perSecond(n))
	}
	if len(rates) != len(want) {
		t.Fatalf("rates while recovering %v, want %v", rates, want)
	}
	for i := range want {
		if !near(rates[i], want[i]) {
			t.Errorf("rate #%d while recovering = %v, want %v", i, rates[i], want[i])
		}
	}

	// Settled at 10 again, throttled at the limit with 5 in the window: down to 5, ceiling
	// still 10. Recovering, at 6 it is throttled with 6 in the window: the ceiling drops to
	// 8, (10 + 6) / 2, and the limit grows back to it, 7, 8, not to 10.
	clock = newFakeClock()
	p = newPacer(t, Config{Windows: []time.Duration{time.Second}}, clock)
	burst(t, p, clock, "alice", 10, 10*time.Millisecond)
	refused(t, p, "alice")
	take(t, p, "alice").Succeeded()
	clock.Advance(time.Hour)
	burst(t, p, clock, "alice", 5, 0)
	take(t, p, "alice").Throttled(Throttle{})
	for p.Rate("alice") < perSecond(6)-1e-6 {
		take(t, p, "alice").Succeeded()
	}
	clock.Advance(time.Hour)
	burst(t, p, clock, "alice", 6, 0)
	take(t, p, "alice").Throttled(Throttle{})
	for range 60 * 10 {
		if p.Rate("alice") >= perSecond(8)-1e-6 {
			break
		}
		take(t, p, "alice").Succeeded()
	}
	if got := p.Rate("alice"); !near(got, perSecond(8)) {
		t.Errorf("after recovering from a throttle while recovering, the rate is %v, want %v", got, perSecond(8))
	}
}

// TestLearnConfiguredRateIsCeiling checks that a learned limit below PerMinute takes over the
// spacing, and one above it does not.
func TestLearnConfiguredRateIsCeiling(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		perMinute, want float64
	}{{6000, Margin * 600}, {60, Margin * 60}} {
		clock := newFakeClock()
		p := newPacer(t, Config{PerMinute: tc.perMinute, Windows: []time.Duration{time.Second}}, clock)
		for range 10 {
			take(t, p, "alice").Succeeded()
		}
		refused(t, p, "alice")
		if r := p.Rate("alice"); !near(r, tc.want) {
			t.Errorf("PerMinute %v, 10 per second learned: Rate = %v, want %v", tc.perMinute, r, tc.want)
		}
	}
}

// TestLearnTurnsNotAffectingQuota checks that refused turns do not count against the learned
// window, and that turns with no report do.
func TestLearnTurnsNotAffectingQuota(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Minute}}, clock)
	take(t, p, "alice") // no report: a 5xx, say; it may have counted
	burst(t, p, clock, "alice", 2, time.Second)
	refused(t, p, "alice") // 3 in the window
	if r := p.Rate("alice"); !near(r, Margin*3) {
		t.Errorf("Rate = %v, want %v (3 per minute: the unreported turn counts)", r, Margin*3)
	}
	take(t, p, "alice").Succeeded() // settled
	// The two refused turns left no mark: the window holds 4 and the limit is 3, so the
	// next turn waits for the oldest to leave.
	if d, want := p.Delay("alice"), time.Minute+slack(time.Minute)-clock.Now().Sub(t0); d != want {
		t.Errorf("Delay = %v, want %v", d, want)
	}
}

// TestLearnFromTheFirstThrottle checks that a single throttle, with a hint or without,
// starts learning: a quota refuses first right after the user's first burst, and waiting for a
// second throttle would cost a 429 on every quota.
func TestLearnFromTheFirstThrottle(t *testing.T) {
	t.Parallel()
	for _, hint := range []time.Duration{0, time.Millisecond, time.Second} {
		clock := newFakeClock()
		p := newPacer(t, Config{}, clock)
		burst(t, p, clock, "alice", 50, 10*time.Millisecond) // 50 in 0.5 s
		take(t, p, "alice").Throttled(Throttle{Hint: hint})
		// Under a second, 50 turns before the refused one and fewer before any admitted one:
		// probing 50 per second.
		if r, want := p.Rate("alice"), Margin*50*60; !near(r, want) {
			t.Errorf("hint %v: Rate = %v, want %v (50 per second)", hint, r, want)
		}
	}
}

// TestLearnNeedsEvidence checks that throttles meeting fewer than minLimit of the user's
// requests in every window teach nothing: they come from elsewhere.
func TestLearnNeedsEvidence(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	burst(t, p, clock, "alice", minLimit-1, 10*time.Millisecond)
	refused(t, p, "alice")
	if r, d := p.Rate("alice"), p.Delay("alice"); r != 0 || d != 0 {
		t.Errorf("Rate, Delay after throttles with %d requests sent = %v, %v; want 0, 0", minLimit-1, r, d)
	}
	burst(t, p, clock, "alice", 1, 10*time.Millisecond)
	refused(t, p, "alice")
	if r := p.Rate("alice"); r == 0 {
		t.Errorf("Rate after throttles with %d requests sent = 0, want pacing", minLimit)
	}
}

// TestLearnReportsCountOnce checks that a turn reported twice counts once: two reports of one
// throttled turn are one 429, and a success reported after a throttle of the same turn changes
// nothing.
func TestLearnReportsCountOnce(t *testing.T) {
	t.Parallel()
	var rates, delays [2]any
	for i, reports := range []int{1, 3} {
		clock := newFakeClock()
		p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
		burst(t, p, clock, "alice", 10, 10*time.Millisecond)
		turn := take(t, p, "alice")
		turn.Throttled(Throttle{})
		if reports == 3 {
			turn.Throttled(Throttle{})
			turn.Succeeded()
		}
		rates[i], delays[i] = p.Rate("alice"), p.Delay("alice")
	}
	if rates[0] != rates[1] || delays[0] != delays[1] || rates[0] == 0.0 {
		t.Errorf("Rate, Delay after one turn reported thrice = %v, %v; once = %v, %v", rates[1], delays[1], rates[0], delays[0])
	}
}

// TestLearnAtTheEpoch checks that a throttle at the Pacer's very first instant counts like any
// other.
func TestLearnAtTheEpoch(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Minute}}, clock)
	burst(t, p, clock, "alice", 5, 0) // all at t0, the epoch
	refused(t, p, "alice")
	if r := p.Rate("alice"); !near(r, Margin*5) {
		t.Errorf("Rate after a throttle at the epoch = %v, want %v", r, Margin*5)
	}
}

// TestLearnFromHintedThrottles checks that a hint says when, not how fast: throttles that carry
// one teach the same quota as throttles without, and the next turn also waits for the hint.
func TestLearnFromHintedThrottles(t *testing.T) {
	t.Parallel()
	rates := map[time.Duration]float64{}
	for _, hint := range []time.Duration{0, time.Second, 5 * time.Second} {
		clock := newFakeClock()
		p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
		burst(t, p, clock, "alice", 30, 500*time.Millisecond)
		take(t, p, "alice").Throttled(Throttle{Hint: hint})
		rates[hint] = p.Rate("alice")
		if d := p.Delay("alice"); d < hint {
			t.Errorf("hint %v: Delay = %v, want at least the hint", hint, d)
		}
	}
	if want := Margin * 30; !near(rates[0], want) || rates[time.Second] != rates[0] || rates[5*time.Second] != rates[0] {
		t.Errorf("Rate after a throttle by hint = %v, want %v for each", rates, want)
	}
}

// TestLearnHintRulesOutShorterWindows checks that a hint longer than a window rules that
// window out even when no window's room matches the hint (a fixed window, say): any window
// has room again within its length.
func TestLearnHintRulesOutShorterWindows(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		hint time.Duration
		want float64 // Rate once learned
	}{
		"no hint":       {0, Margin * 30 * 60},          // 30 per second
		"hint of 9 s":   {9 * time.Second, Margin * 30}, // 30 per minute
		"hint of 9.3 s": {9300 * time.Millisecond, Margin * 30},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
			burst(t, p, clock, "alice", 30, 30*time.Millisecond) // 30 in 0.9 s
			// Two requests in flight at once, both refused with the hint.
			first, second := take(t, p, "alice"), take(t, p, "alice")
			first.Throttled(Throttle{Hint: tc.hint})
			second.Throttled(Throttle{Hint: tc.hint})
			if r := p.Rate("alice"); !near(r, tc.want) {
				t.Errorf("Rate = %v, want %v", r, tc.want)
			}
		})
	}
}

// TestLearnRaiseRefusedSoonAfterSettling checks a doubling raise refused within four windows of
// settling, in an episode that began at a throttle far below the limit the window before had
// admitted (a token bucket's burst had filled it), the quota having admitted less than the
// limit known to pass since that throttle: the limit goes halfway from that rate to what the
// window held, no higher than the highest known to pass, not to what the window held, which
// the bucket's saved-up tokens had carried above its rate.
func TestLearnRaiseRefusedSoonAfterSettling(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
	burst(t, p, clock, "alice", 10, 10*time.Millisecond)
	refused(t, p, "alice")
	take(t, p, "alice").Succeeded() // settled at 10 per second
	burst(t, p, clock, "alice", 2, 10*time.Millisecond)
	refused(t, p, "alice")          // far below 10: learned anew, the minute holding 13
	take(t, p, "alice").Succeeded() // settled at 13 per minute, at the window's edge
	if r := p.Rate("alice"); !near(r, Margin*13) {
		t.Fatalf("Rate once settled = %v, want %v", r, Margin*13)
	}
	// Sending as fast as pacing allows, the limit doubles after a window.
	for i := 0; i < 200 && p.Rate("alice") < Margin*26-1e-6; i++ {
		take(t, p, "alice").Succeeded()
	}
	if r := p.Rate("alice"); !near(r, Margin*26) {
		t.Fatalf("Rate after a window at the limit = %v, want %v", r, Margin*26)
	}
	// The raise passes for five turns, carried by what the quota had saved up, and is
	// refused with more than 13 in the window.
	burst(t, p, clock, "alice", 5, 0)
	refused(t, p, "alice")
	if r := p.Rate("alice"); r > Margin*13+1e-6 {
		t.Errorf("Rate after the raise was refused = %v, want at most %v (the 13 known to pass)", r, Margin*13)
	}
}
