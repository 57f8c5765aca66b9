// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCheckpoint(t *testing.T) {
	t.Parallel()
	tgt := &target{ID: "people.googleapis.com user a@example.com"}
	other := &target{ID: "people.googleapis.com user b@example.com"}
	now := func() time.Time { return time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC) }

	// write makes a checkpoint of tgt with one request sent, two created, one unknown.
	write := func(t *testing.T, tgt *target) string {
		t.Helper()
		path := filepath.Join(t.TempDir(), "in.csv.checkpoint")
		cp, err := openCheckpoint(path, "in.csv", markerKey, tgt, false, now)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		if err := cp.sending([]string{"m1", "m2", "m3", "m4"}); err != nil {
			t.Fatal(err)
		}
		err = cp.append(
			cpLine{Marker: "m1", Row: 1, Outcome: "created", Resource: "people/c1"},
			cpLine{Marker: "m2", Row: 2, Outcome: "created", Resource: "people/c2"},
			cpLine{Marker: "m3", Row: 3, Outcome: "unknown"},
		)
		if err != nil {
			t.Fatal(err)
		}
		return path
	}
	state := func(cp *checkpoint) map[string]string {
		out := map[string]string{}
		for m, s := range cp.state {
			out[m] = s.state
		}
		return out
	}
	written := map[string]string{"m1": "created", "m2": "created", "m3": "unknown", "m4": "pending"}

	t.Run("reopened", func(t *testing.T) {
		t.Parallel()
		path := write(t, tgt)
		cp, err := openCheckpoint(path, "in.csv", markerKey, tgt, false, now)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		if diff := cmp.Diff(written, state(cp)); diff != "" {
			t.Errorf("state (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]time.Time{"m3": now(), "m4": now()}, cp.unsettled()); diff != "" {
			t.Errorf("unsettled (-want +got):\n%s", diff)
		}
		if !cp.created("m1") || cp.created("m3") {
			t.Error("created is wrong")
		}
	})
	t.Run("torn last line", func(t *testing.T) {
		t.Parallel()
		path := write(t, tgt)
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString(`{"m":"m4","row":4,"outcome":"crea`)
		f.Close()
		cp, err := openCheckpoint(path, "in.csv", markerKey, tgt, false, now)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(written, state(cp)); diff != "" {
			t.Errorf("state (-want +got):\n%s", diff)
		}
		// What is appended after the torn line starts on a line of its own.
		if err := cp.append(cpLine{Marker: "m4", Row: 4, Outcome: "created"}); err != nil {
			t.Fatal(err)
		}
		cp.Close()
		cp, err = openCheckpoint(path, "in.csv", markerKey, tgt, false, now)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		if !cp.created("m4") {
			t.Errorf("m4 is %q after the repair, want created", cp.state["m4"].state)
		}
	})
	t.Run("corrupt middle line", func(t *testing.T) {
		t.Parallel()
		path := write(t, tgt)
		b, _ := os.ReadFile(path)
		os.WriteFile(path, []byte(strings.Replace(string(b), `{"m":"m2"`, `{"m":m2"`, 1)), 0o600)
		if _, err := openCheckpoint(path, "in.csv", markerKey, tgt, false, now); err == nil {
			t.Error("a corrupt checkpoint was accepted")
		}
	})
	t.Run("another account", func(t *testing.T) {
		t.Parallel()
		path := write(t, tgt)
		_, err := openCheckpoint(path, "in.csv", markerKey, other, false, now)
		if err == nil || !strings.Contains(err.Error(), "-fresh") {
			t.Errorf("a checkpoint of another account: %v, want an error that suggests -fresh", err)
		}
		cp, err := openCheckpoint(path, "in.csv", markerKey, other, true, now)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		if len(cp.state) != 0 || cp.Discarded == "" {
			t.Errorf("-fresh kept %d markers (discarded: %q)", len(cp.state), cp.Discarded)
		}
	})
}

// TestSettleWait checks when settle trusts the listing to show the contacts of an earlier
// run: not before Lag has passed since the last outcome line of a contact, or, for a contact
// sent without an outcome line, since this run began.
func TestSettleWait(t *testing.T) {
	t.Parallel()
	tgt := &target{ID: "people.googleapis.com user a@example.com"}
	// The lines are written when the subtest runs: a parallel subtest may start long after
	// the table is built, and "recent" must be recent when settle reads it.
	for _, tt := range []struct {
		name  string
		lines func(old, recent string) string
	}{
		{"unknown outcome after an old send", func(old, recent string) string {
			return `{"send":["m1"],"at":"` + old + `"}` + "\n" + `{"m":"m1","row":1,"outcome":"unknown","at":"` + recent + `"}` + "\n"
		}},
		{"old send without an outcome", func(old, _ string) string { return `{"send":["m1"],"at":"` + old + `"}` + "\n" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "in.csv.checkpoint")
			header := fmt.Sprintf(`{"checkpoint":1,"input":"in.csv","target":%q,"key":%q}`, tgt.ID, markerKey)
			old := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339Nano)
			recent := time.Now().UTC().Format(time.RFC3339Nano)
			if err := os.WriteFile(path, []byte(header+"\n"+tt.lines(old, recent)), 0o600); err != nil {
				t.Fatal(err)
			}
			cp, err := openCheckpoint(path, "in.csv", markerKey, tgt, false, time.Now)
			if err != nil {
				t.Fatal(err)
			}
			defer cp.Close()
			// The context is done: settle returns at once, whether it would wait or list.
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			waited := false
			_, err = settle(ctx, &target{}, markerKey, cp.unsettled(), settleTiming{Lag: time.Minute, Checks: 1},
				func(s string) { waited = waited || strings.HasPrefix(s, "waiting") })
			if !waited {
				t.Errorf("settle did not wait (err %v); unsettled: %v", err, cp.unsettled())
			}
		})
	}
}

// TestCheckpointFresh checks that -fresh sets the old checkpoint aside and starts a new
// generation, whose markers differ from the earlier ones, and that a checkpoint written
// before generations existed keeps its markers.
func TestCheckpointFresh(t *testing.T) {
	t.Parallel()
	tgt := &target{ID: "people.googleapis.com user a@example.com"}
	path := filepath.Join(t.TempDir(), "in.csv.checkpoint")
	header := fmt.Sprintf(`{"checkpoint":1,"input":"in.csv","target":%q,"key":%q}`, tgt.ID, markerKey)
	old := header + "\n" + `{"send":["m1"],"at":"2026-11-28T10:00:00Z"}` + "\n"
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	cp, err := openCheckpoint(path, "in.csv", markerKey, tgt, false, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if cp.generation != 0 {
		t.Errorf("a checkpoint without a generation reads as generation %d, want 0", cp.generation)
	}
	cp.Close()

	for gen := 1; gen <= 2; gen++ {
		before, _ := os.ReadFile(path)
		cp, err = openCheckpoint(path, "in.csv", markerKey, tgt, true, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		if cp.generation != gen {
			t.Errorf("-fresh: generation %d, want %d", cp.generation, gen)
		}
		cp.Close()
		if set, err := os.ReadFile(path + ".old"); err != nil || string(set) != string(before) {
			t.Errorf("-fresh: %s.old holds %q (%v), want the earlier checkpoint %q", path, set, err, before)
		}
		// The generation survives a resume.
		cp, err = openCheckpoint(path, "in.csv", markerKey, tgt, false, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		if cp.generation != gen {
			t.Errorf("resumed: generation %d, want %d", cp.generation, gen)
		}
		cp.Close()
	}
	// Generation 0 keeps the markers of the checkpoints written before generations existed.
	m0, m1 := markerOf("in.csv", "Ada", 0, 0), markerOf("in.csv", "Ada", 0, 1)
	if m0 != "8c0ca0233b24fbb030605475b5860b3d" || m1 == m0 || len(m1) != len(m0) {
		t.Errorf("markers of generations 0 and 1: %q and %q, want 8c0ca0233b24fbb030605475b5860b3d and another", m0, m1)
	}
}
