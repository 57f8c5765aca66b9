// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestStateRoundTrip settles a user on a window, or on an interval, or holds it for a fixed
// window's edge, moves its state through JSON into a Pacer of another process (another epoch),
// and checks that the user is paced there as it was here.
func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	settle := map[string]func(t *testing.T, p *Pacer, clock *fakeClock){
		"window": func(t *testing.T, p *Pacer, clock *fakeClock) {
			burst(t, p, clock, "alice", 30, 500*time.Millisecond)
			refused(t, p, "alice")
			take(t, p, "alice").Succeeded() // settled at 30 per minute
			take(t, p, "alice").Throttled(Throttle{Hint: 5 * time.Second})
		},
		"interval": func(t *testing.T, p *Pacer, clock *fakeClock) {
			take(t, p, "alice").Succeeded()
			take(t, p, "alice").Throttled(Throttle{}) // one at a time: rated
			for range 5 {
				take(t, p, "alice").Succeeded()
			}
			take(t, p, "alice").Throttled(Throttle{})
		},
		"learned anew after a burst": func(t *testing.T, p *Pacer, clock *fakeClock) {
			burst(t, p, clock, "alice", 10, 10*time.Millisecond)
			refused(t, p, "alice")
			take(t, p, "alice").Succeeded() // settled at 10 per second
			burst(t, p, clock, "alice", 2, 10*time.Millisecond)
			refused(t, p, "alice") // far below the 10 the edge admitted: learned anew
			if s := export(t, p, "alice"); !s.Unexplained {
				t.Fatal("Unexplained is false after a throttle far below the settled limit")
			}
		},
		"held for an edge": func(t *testing.T, p *Pacer, clock *fakeClock) {
			burst(t, p, clock, "alice", 200, 400*time.Millisecond) // 80 s: longer than every window
			refused(t, p, "alice")                                 // held for a fixed minute's edge
			if s := export(t, p, "alice"); s.Phase != holding {
				t.Fatalf("phase %d, want holding (%d)", s.Phase, holding)
			}
		},
	}
	for name, settle := range settle {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			roundTrip(t, settle)
		})
	}
}

func roundTrip(t *testing.T, settle func(t *testing.T, p *Pacer, clock *fakeClock)) {
	cfg := Config{Windows: []time.Duration{time.Second, time.Minute}}
	clock := newFakeClock()
	p := newPacer(t, cfg, clock)
	settle(t, p, clock)
	if p.Rate("alice") == 0 && p.Delay("alice") == 0 {
		t.Fatal("the user is neither paced nor held")
	}

	s, ok := p.Export("alice")
	if !ok {
		t.Fatal("Export found no state")
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var got State
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}

	other := newFakeClock()
	other.now = clock.Now() // another process, whose Pacer starts now: another epoch
	q := newPacer(t, cfg, other)
	if err := q.Import("alice", got); err != nil {
		t.Fatalf("Import = %v", err)
	}
	if r, want := q.Rate("alice"), p.Rate("alice"); !near(r, want) {
		t.Errorf("Rate after Import = %v, want %v", r, want)
	}
	if d, want := q.Delay("alice"), p.Delay("alice"); d != want {
		t.Errorf("Delay after Import = %v, want %v", d, want)
	}
	again, _ := q.Export("alice")
	if diff := cmp.Diff(s, again); diff != "" {
		t.Errorf("Export after Import differs (-before +after):\n%s", diff)
	}
	// The zero State forgets the user.
	if err := q.Import("alice", State{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := q.Export("alice"); ok {
		t.Error("the zero State left the user's state")
	}
}

func TestImportRejectsBadState(t *testing.T) {
	t.Parallel()
	p := newPacer(t, Config{Windows: []time.Duration{time.Minute}}, newFakeClock())
	w := []time.Duration{time.Minute}
	now := time.Unix(1_700_000_000, 0)
	tests := map[string]State{
		"other windows":         {Windows: []time.Duration{time.Second}},
		"window out of range":   {Windows: w, Active: 1, Phase: settled, Limit: 5},
		"no limit":              {Windows: w, Active: 0, Phase: settled},
		"huge limit":            {Windows: w, Active: 0, Phase: settled, Limit: 1 << 40},
		"phase without window":  {Windows: w, Active: -1, Phase: probing},
		"unknown phase":         {Windows: w, Active: -1, Phase: 7},
		"rated with a window":   {Windows: w, Active: 0, Phase: rated, Limit: 5, Interval: time.Second},
		"rated, no interval":    {Windows: w, Active: -1, Phase: rated},
		"rated, negative":       {Windows: w, Active: -1, Phase: rated, Interval: time.Second, TooShort: -1},
		"too many limits":       {Windows: w, Active: -1, Limits: []int{1, 2}},
		"catch-up":              {Windows: w, Active: -1, LessCatchUp: catchUp},
		"holding with a window": {Windows: w, Active: 0, Phase: holding, Limit: 5},
		"held out of range":     {Windows: w, Active: -1, Phase: holding, Held: 1},
		"held negative":         {Windows: w, Active: -1, Held: -1},
		"too many fixed":        {Windows: w, Active: -1, FixedOut: []bool{true, false}},
		"least held negative":   {Windows: w, Active: -1, LeastHeld: -1},
		"turns out of order":    {Windows: w, Active: -1, Turns: []TurnRecord{{At: now}, {At: now.Add(-time.Second)}}},
		"unknown outcome":       {Windows: w, Active: -1, Turns: []TurnRecord{{At: now, Outcome: 3}}},
		"turn numbers wrap":     {Windows: w, Active: -1, FirstTurn: 1<<64 - 1, Turns: []TurnRecord{{At: now}, {At: now}}},
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if err := p.Import("alice", s); err == nil {
				t.Errorf("Import(%+v) = nil, want an error", s)
			}
		})
	}
	if _, ok := p.Export("alice"); ok {
		t.Error("a rejected Import left a state")
	}
}

// FuzzImport imports any State that JSON can describe and checks that the Pacer then neither
// panics nor asks for a negative wait, whatever the state held.
func FuzzImport(f *testing.F) {
	f.Add([]byte(`{"windows":[1000000000,60000000000],"active":1,"phase":2,"limit":30,"top":30,"turns":[{"at":"2023-11-14T22:13:20Z","outcome":1}]}`))
	f.Add([]byte(`{"windows":[1000000000,60000000000],"active":-1,"notBefore":"9999-12-31T23:59:59Z"}`))
	f.Add([]byte(`{"windows":[1000000000,60000000000],"active":-1,"phase":4,"held":1,"edgeFrom":"2023-11-14T22:13:00Z","leastHeld":9,"fixedOut":[true,false],"reopened":"9999-12-31T23:59:59Z","wasReopened":true,"exact":true}`))
	f.Add([]byte(`{"windows":[1000000000,60000000000],"active":0,"phase":1,"limit":1,"gap":-5,"bad":-1,"firstTurn":18446744073709551615,"turns":[{"at":"0001-01-01T00:00:00Z"},{"at":"2023-11-14T22:13:20Z","outcome":2,"early":true}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s State
		if json.Unmarshal(b, &s) != nil {
			return
		}
		clock := newFakeClock()
		p := newPacer(t, Config{Windows: []time.Duration{time.Second, time.Minute}}, clock)
		if p.Import("u", s) != nil {
			return
		}
		if d := p.Delay("u"); d < 0 {
			t.Fatalf("Delay = %v", d)
		}
		_ = p.Rate("u")
		if d := p.Delay("u"); d > time.Minute {
			return // a wait the fake clock would sleep through; nothing more to check
		}
		for i := range 5 {
			turn := take(t, p, "u")
			if i%2 == 0 {
				turn.Throttled(Throttle{})
			} else {
				turn.Succeeded()
			}
		}
		if _, ok := p.Export("u"); !ok {
			t.Fatal("no state after turns")
		}
	})
}
