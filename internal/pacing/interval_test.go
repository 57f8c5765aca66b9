// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"testing"
	"time"
)

// TestRateExactHintStart checks where an exact hint starts pacing by an interval: the interval
// a tenth above the due time, and probes down to a tenth below it, within the quota's own
// interval (the due time less half the round trip from the admitted turn to the refused one)
// and 1/0.9² of it.
func TestRateExactHintStart(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	tests := map[string]struct {
		// The round trips of the admitted request and of the refused one sent right after
		// it, and the bucket's interval; the requests reach it halfway through.
		admitted, refused, quota time.Duration
		wantTooShort             time.Duration
	}{
		// Bucket 2/s: due 515 ms; a tenth below is under the bucket's 500.
		"the quota's interval": {admitted: 30 * ms, refused: 30 * ms, quota: 500 * ms, wantTooShort: 500 * ms},
		// Bucket 90/min, slow replies: due 967 ms; 1/0.9² of 667 ms is 823 ms.
		"at most 1/0.9² above it": {admitted: 600 * ms, refused: 200 * ms, quota: 667 * ms, wantTooShort: time.Duration(float64(667*ms) / shrink / shrink)},
		// Bucket 90/min: due 867 ms, and a tenth below it lies within both.
		"a tenth below the due time": {admitted: 400 * ms, refused: 200 * ms, quota: 667 * ms, wantTooShort: time.Duration(float64(867*ms) * shrink)},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			prev := int64(time.Hour)
			at := prev + int64(tt.admitted)
			now := at + int64(tt.refused)
			// The token is back a bucket's interval after the admitted request arrived.
			hint := time.Duration(prev+int64(tt.admitted/2+tt.quota)) - time.Duration(now)
			u := newUserState()
			u.rate(prev, at, hint, now)
			due := tt.admitted/2 + tt.quota
			if want := int64(float64(due) / shrink); u.phase != rated || u.interval != want {
				t.Errorf("phase %d interval %v, want rated (%d) at %v", u.phase, time.Duration(u.interval), rated, time.Duration(want))
			}
			if d := time.Duration(u.tooShort) - tt.wantTooShort; d < -time.Microsecond || d > time.Microsecond {
				t.Errorf("shortest refused %v, want %v", time.Duration(u.tooShort), tt.wantTooShort)
			}
		})
	}
}

// TestRateForgetsLater checks that the longest interval shown too short is forgotten by a
// twentieth after forgetWaits × maxProbeWait turns pass, and that a refused probe after it
// doubles the turns before the next forgetting.
func TestRateForgetsLater(t *testing.T) {
	t.Parallel()
	// After the refused probe, the interval is within 4% of the probe's: no further probe.
	const interval = int64(59500 * time.Microsecond)
	u := newUserState()
	u.phase, u.active, u.interval, u.tooShort, u.probeWait = rated, -1, interval, int64(58*time.Millisecond), maxProbeWait
	at := int64(0)
	pass := func(n int) {
		for range n {
			at += u.interval
			s := u.log.add(at, false)
			u.log.get(s).state = turnAdmitted
			u.rateAdmitted(s)
		}
	}
	pass(1) // the first turn has no gap before it
	u.passed = 0
	tooShort := u.tooShort
	pass(forgetWaits*maxProbeWait - 1)
	if u.tooShort != tooShort {
		t.Fatalf("after %d turns the shortest refused is %v, want %v still", forgetWaits*maxProbeWait-1, time.Duration(u.tooShort), time.Duration(tooShort))
	}
	pass(1)
	if want := int64(float64(tooShort) * 0.95); u.tooShort != want {
		t.Fatalf("after %d turns the shortest refused is %v, want %v", forgetWaits*maxProbeWait, time.Duration(u.tooShort), time.Duration(want))
	}
	pass(1) // the probe halfway to it
	if u.beforeProbe != interval {
		t.Fatalf("no probe after forgetting: interval %v", time.Duration(u.interval))
	}
	u.rateRefused(at, at)
	if u.interval != interval || u.probeWait != 2*maxProbeWait {
		t.Fatalf("after the refused probe: interval %v, probe wait %d; want %v, %d", time.Duration(u.interval), u.probeWait, time.Duration(interval), 2*maxProbeWait)
	}
	tooShort = u.tooShort
	pass(2*forgetWaits*maxProbeWait - 1)
	if u.tooShort != tooShort {
		t.Fatalf("forgotten again within %d turns of a refused probe", 2*forgetWaits*maxProbeWait-1)
	}
	pass(1)
	if u.tooShort >= tooShort {
		t.Fatalf("not forgotten after %d turns", 2*forgetWaits*maxProbeWait)
	}
}

// TestImportProbeWait checks that Import takes the turns before a probe as far as refused
// probes double them (past maxProbeWait, for the forgetting), and no further.
func TestImportProbeWait(t *testing.T) {
	t.Parallel()
	w := []time.Duration{time.Minute}
	tests := map[string]struct {
		probeWait int
		wantErr   bool
	}{
		"past the probes' most": {probeWait: 2 * maxProbeWait},
		"the most":              {probeWait: maxForgetWait},
		"beyond":                {probeWait: maxForgetWait + 1, wantErr: true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(t, Config{Windows: w}, newFakeClock())
			s := State{Windows: w, Active: -1, Phase: rated, Interval: time.Second, TooShort: 900 * time.Millisecond, ProbeWait: tt.probeWait}
			err := p.Import("alice", s)
			if gotErr := err != nil; gotErr != tt.wantErr {
				t.Fatalf("Import(probe wait %d) = %v, want error: %v", tt.probeWait, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if got, _ := p.Export("alice"); got.ProbeWait != tt.probeWait {
				t.Errorf("Export after Import: probe wait %d, want %d", got.ProbeWait, tt.probeWait)
			}
		})
	}
}

// TestRateRefusedSoonGrows checks how far a throttle soon after the interval last changed
// grows it: by a tenth, or by a third of the refused request's round trip if more (the
// network's jitter may have brought it that much closer to the request before), never by
// more than the interval itself, whatever the round trip or the clock says.
func TestRateRefusedSoonGrows(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	const interval = 729 * time.Millisecond
	tenth := time.Duration(float64(interval) * grow * grow)
	tests := map[string]struct {
		roundTrip time.Duration
		want      time.Duration
	}{
		"fast replies: a tenth":             {roundTrip: 30 * ms, want: tenth},
		"slow replies: a third of the trip": {roundTrip: 450 * ms, want: interval + 150*ms},
		"a reply that hung: at most twice":  {roundTrip: time.Minute, want: 2 * interval},
		"a clock gone back: a tenth":        {roundTrip: -time.Second, want: tenth},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			u := newUserState()
			u.phase, u.interval, u.tooShort, u.passed = rated, int64(interval), int64(656*ms), 2
			at := int64(time.Hour)
			u.rateRefused(at, at+int64(tt.roundTrip))
			if got := time.Duration(u.interval); got != tt.want {
				t.Errorf("interval %v after the throttle, want %v", got, tt.want)
			}
			if got := time.Duration(u.tooShort); got != interval {
				t.Errorf("longest shown too short %v, want %v", got, interval)
			}
		})
	}
}
