// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

var testHeader = people.JournalHeader{User: "ann", Endpoint: "http://127.0.0.1/", Input: "f1", MarkerKey: "peoplebatch.id"}

// open opens the journal at path and closes it at the end of the test.
func open(t *testing.T, path string) *filejournal.Journal {
	t.Helper()
	j, err := filejournal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

// write starts a journal at path with three lines: the header and two batches.
func write(t *testing.T, path string) {
	t.Helper()
	j := open(t, path)
	ctx := t.Context()
	if err := j.Start(ctx, testHeader); err != nil {
		t.Fatal(err)
	}
	if err := j.Append(ctx, []people.JournalEntry{{Marker: "a", State: people.JournalSending}, {Marker: "b", State: people.JournalSending}}); err != nil {
		t.Fatal(err)
	}
	if err := j.Append(ctx, []people.JournalEntry{{Marker: "a", State: people.JournalCreated, ResourceName: "people/c1"}, {Marker: "b", State: people.JournalUnknown}}); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestJournalReadsBackWhatItRecorded(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "j")
	write(t, path)
	h, es, err := open(t, path).Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []people.JournalEntry{{Marker: "a", State: people.JournalCreated, ResourceName: "people/c1"}, {Marker: "b", State: people.JournalUnknown}}
	if diff := cmp.Diff(&testHeader, h); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, es); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestJournalDropsAnUnfinishedLastRecord(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "j")
	write(t, path)
	data, _ := os.ReadFile(path)
	last := bytes.LastIndexByte(data[:len(data)-1], '\n') + 1
	for _, cut := range []int{last + 1, last + 10, len(data) - 1} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "j")
			os.WriteFile(p, data[:cut], 0o600)
			j := open(t, p)
			if got := j.Dropped(); got != int64(cut-last) {
				t.Errorf("Dropped = %d, want %d", got, cut-last)
			}
			_, es, _ := j.Load(t.Context())
			if len(es) != 2 || es[0].State != people.JournalSending {
				t.Errorf("entries %+v; want the first batch only", es)
			}
			// The journal goes on from the last whole record.
			if err := j.Append(t.Context(), []people.JournalEntry{{Marker: "c", State: people.JournalFailed}}); err != nil {
				t.Fatal(err)
			}
			j.Close()
			_, es, err := open(t, p).Load(t.Context())
			if err != nil || len(es) != 3 {
				t.Errorf("reopened: %d entries, %v; want 3", len(es), err)
			}
		})
	}
}

func TestJournalRefusesACorruptFileNamingTheOffset(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "j")
	write(t, path)
	data, _ := os.ReadFile(path)
	second := bytes.IndexByte(data, '\n') + 1
	third := bytes.IndexByte(data[second:], '\n') + second + 1
	tests := map[string]struct {
		at         int  // byte to change
		to         byte // its new value
		wantOffset int64
	}{
		"header":              {12, 'X', 0},
		"first batch":         {second + 20, 'Z', int64(second)},
		"last record, whole":  {third + 15, 'Q', int64(third)},
		"checksum":            {second + 1, 'g', int64(second)},
		"newline in a record": {second + 30, '\n', int64(second)},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			bad := bytes.Clone(data)
			bad[tt.at] = tt.to
			p := filepath.Join(t.TempDir(), "j")
			os.WriteFile(p, bad, 0o600)
			j, err := filejournal.Open(p)
			var ce *filejournal.CorruptError
			if !errors.As(err, &ce) || ce.Path != p || ce.Offset != tt.wantOffset {
				if j != nil {
					j.Close()
				}
				t.Fatalf("Open = %v; want a *CorruptError at %s offset %d", err, p, tt.wantOffset)
			}
			// The refusal releases the lock.
			open(t, p+"2")
		})
	}
}

func TestJournalIsLockedWhileOpen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "j")
	j := open(t, path)
	_, err := filejournal.Open(path)
	var le *filejournal.LockedError
	if !errors.As(err, &le) || le.Path != path {
		t.Fatalf("second Open = %v; want a *LockedError", err)
	}
	j.Close()
	open(t, path)
}

func TestJournalCompactsSupersededEntries(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "j")
	j := open(t, path)
	ctx := t.Context()
	j.Start(ctx, testHeader)
	const n = filejournal.CompactAfter + 500
	var sizes []int64
	for _, st := range []people.JournalState{people.JournalSending, people.JournalCreated} {
		for from := 0; from < n; from += 500 {
			batch := make([]people.JournalEntry, 0, 500)
			for i := from; i < min(from+500, n); i++ {
				batch = append(batch, people.JournalEntry{Marker: fmt.Sprintf("m%05d", i), State: st, ResourceName: "people/c"})
			}
			if err := j.Append(ctx, batch); err != nil {
				t.Fatal(err)
			}
			fi, _ := os.Stat(path)
			sizes = append(sizes, fi.Size())
		}
	}
	if last, peak := sizes[len(sizes)-1], sizes[len(sizes)-2]; last >= peak {
		t.Errorf("the file grew from %d to %d bytes: not compacted", peak, last)
	}
	j.Close()
	h, es, err := open(t, path).Load(ctx)
	if err != nil || h == nil || len(es) != n {
		t.Fatalf("reopened: header %v, %d entries, %v; want %d", h, len(es), err, n)
	}
	for _, e := range es {
		if e.State != people.JournalCreated {
			t.Fatalf("entry %+v, want created", e)
		}
	}
}

func TestANilJournalFailsTheCallWithoutPanicking(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClient(t.Context(), srv.ClientOptions("ann")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var j *filejournal.Journal
	_, err = c.BatchCreateContacts(t.Context(), []*people.Person{{Names: []*people.Name{{GivenName: "A"}}}}, "", nil,
		people.WithKeys(func(int, *people.Person) string { return "a" }), people.WithJournal(j))
	var je *people.JournalError
	if !errors.As(err, &je) || len(srv.Contacts("ann")) != 0 {
		t.Fatalf("err = %v, %d stored; want a *JournalError and nothing sent", err, len(srv.Contacts("ann")))
	}
}
