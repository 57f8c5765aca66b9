// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
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
