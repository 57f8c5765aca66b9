// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestResume interrupts a run in each way a run can end early, runs the same import again,
// and checks that every valid contact exists exactly once.
func TestResume(t *testing.T) {
	t.Parallel()
	// The CSV's third request holds rows 401 to 500 but 402 (unreadable): 98 contacts sent,
	// since 477 is invalid.
	const third = 98
	tests := []struct {
		name string
		// interrupt runs the first import and returns its expected counts.
		interrupt func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts
		// second holds the options of the second run (besides -in) and what it must report.
		secondOpts options
		second     counts
	}{
		{
			// Ctrl-C, once: the run stops between its second and third requests.
			name: "stopped after the second request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				r := stopAfter(t, tgt, options{In: path}, 2)
				if !r.sum.Stopped || !strings.Contains(r.out, "run the same command again") {
					t.Errorf("the stopped run does not say so:\n%s", r.out)
				}
				return countsOf(r.sum)
			},
			second: counts{Created: third, Existing: csvValid - third, Failed: len(csvInvalid)},
		},
		{
			// The same, resumed by the journal alone: nothing is looked up in the account.
			name: "stopped after the second request, resumed without skip-existing",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				r := stopAfter(t, tgt, options{In: path}, 2)
				return countsOf(r.sum)
			},
			secondOpts: options{NoSkipExisting: true},
			second:     counts{Created: third, Existing: csvValid - third, Failed: len(csvInvalid)},
		},
		{
			// Ctrl-C twice, or a lost connection: the third request's reply never comes, so
			// its contacts, created by the server, have an unknown outcome.
			name: "killed during the third request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				return killDuringThird(t, srv, tgt, path)
			},
			secondOpts: options{NoSkipExisting: true},
			second:     counts{Existing: csvValid, Failed: len(csvInvalid)},
		},
		{
			// The process dies after sending the third request and before recording anything
			// of it: the journal says only that it was being sent.
			name: "crashed before recording the third request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				c := killDuringThird(t, srv, tgt, path)
				dropLastLine(t, path+".journal")
				return c
			},
			secondOpts: options{NoSkipExisting: true},
			second:     counts{Existing: csvValid, Failed: len(csvInvalid)},
		},
		{
			// The process dies after recording that the third request is about to go, and
			// before sending it: the contacts are not found, and sent.
			name: "crashed before sending the third request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				r := stopAfter(t, tgt, options{In: path}, 2)
				in, err := readInput(path, "", "")
				if err != nil {
					t.Fatal(err)
				}
				j, err := filejournal.Open(path + ".journal")
				if err != nil {
					t.Fatal(err)
				}
				defer j.Close()
				var sending []people.JournalEntry
				for _, rec := range recordsOf(in)[400:] {
					if rec.Err == nil {
						sending = append(sending, people.JournalEntry{Marker: rec.marker(), State: people.JournalSending})
					}
				}
				if err := j.Append(t.Context(), sending); err != nil {
					t.Fatal(err)
				}
				return countsOf(r.sum)
			},
			secondOpts: options{NoSkipExisting: true},
			second:     counts{Created: third, Existing: csvValid - third, Failed: len(csvInvalid)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, tgt := emulator(t)
			path := sample(t, "contacts.csv")
			first := tt.interrupt(t, srv, tgt, path)
			if first.NotSent+first.Unknown == 0 {
				t.Fatalf("the first run was not interrupted: %+v", first)
			}
			o := tt.secondOpts
			o.In = path
			r := runImport(t, t.Context(), tgt, o, nil, nil)
			if diff := cmp.Diff(tt.second, countsOf(r.sum)); diff != "" {
				t.Errorf("second run's counts (-want +got):\n%s\n%s", diff, r.out)
			}
			checkStored(t, srv, testUser, path, csvInvalid)
			checkCSVReport(t, path, r.sum.Report, csvInvalid)

			// A third run finds everything done and sends nothing.
			before := mutations(srv)
			r = runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			if diff := cmp.Diff(counts{Existing: csvValid, Failed: len(csvInvalid)}, countsOf(r.sum)); diff != "" {
				t.Errorf("third run's counts (-want +got):\n%s", diff)
			}
			if got := mutations(srv); got != before {
				// What is left are invalid rows, which the SDK refuses without sending.
				t.Errorf("the third run sent %d requests, want none", got-before)
			}
			checkStored(t, srv, testUser, path, csvInvalid)
		})
	}
}

// stopAfter runs an import that is stopped, as by a first Ctrl-C, after request n.
func stopAfter(t *testing.T, tgt *target, o options, n int) run {
	t.Helper()
	stop, cancel := context.WithCancel(t.Context())
	defer cancel()
	return runImport(t, t.Context(), tgt, o, stop, func(done int) {
		if done == n {
			cancel()
		}
	})
}

// killDuringThird runs an import whose third request is created by the server and then held;
// the run is cancelled outright while it waits for the reply.
func killDuringThird(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
	t.Helper()
	// The run's first two mutations create the groups Family and Friends: the third request
	// of contacts is the fifth mutation.
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: 5, Delay: time.Minute})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan struct{})
	r := runImport(t, ctx, tgt, options{In: path}, nil, func(n int) {
		if n != 2 {
			return
		}
		go func() {
			defer close(done)
			// Cancel once the server has created the third request's contacts.
			for len(srv.Contacts(testUser)) < csvValid {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
	})
	<-done
	if r.sum.Unknown == 0 {
		t.Errorf("no unknown outcome after the kill:\n%s\n%s", r.out, r.err)
	}
	return countsOf(r.sum)
}

// dropLastLine removes the last line of a file: in a journal, the last batch of entries.
func dropLastLine(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.LastIndexByte(bytes.TrimSuffix(b, []byte("\n")), '\n')
	if cut < 0 {
		t.Fatalf("%s holds fewer than two lines", path)
	}
	if err := os.WriteFile(path, b[:cut+1], 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestFreshRun checks that a -fresh run sets the journal aside and creates a second copy of
// every contact on purpose, marked apart from the first; and that a -fresh run interrupted
// goes on, when run again without -fresh, with its own markers rather than the first copy's.
func TestFreshRun(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.csv")
	runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	first := map[string]bool{}
	for _, p := range srv.Contacts(testUser) {
		first[people.Marker(p, markerKey)] = true
	}

	r := stopAfter(t, tgt, options{In: path, Fresh: true}, 1)
	if !strings.Contains(r.out, "set aside") {
		t.Errorf("the fresh run does not say the journal is set aside:\n%s", r.out)
	}
	if _, err := os.Stat(path + ".journal.old"); err != nil {
		t.Errorf("the earlier journal is not kept: %v", err)
	}
	if r.sum.Created == 0 || r.sum.Existing != 0 || r.sum.NotSent == 0 {
		t.Errorf("the interrupted fresh run: %+v", countsOf(r.sum))
	}
	r = runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	if r.sum.Created+r.sum.Existing != csvValid || r.sum.Created == csvValid {
		t.Errorf("the resumed fresh run: %+v", countsOf(r.sum))
	}

	stored := srv.Contacts(testUser)
	again := 0
	for _, p := range stored {
		if first[people.Marker(p, markerKey)] {
			again++
		}
	}
	if len(stored) != 2*csvValid || again != csvValid {
		t.Errorf("%d contacts stored, %d with a marker of the first run; want %d and %d", len(stored), again, 2*csvValid, csvValid)
	}
	if d := srv.Duplicates(testUser); d != 0 {
		t.Errorf("%d duplicates", d)
	}
}

// TestRenamedCopy checks that the same rows imported again from a renamed copy of the file
// in another directory, with no journal there, are found in the account and not created
// twice, and that the summary says what looking for them cost.
func TestRenamedCopy(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.csv")
	runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	copyPath := filepath.Join(t.TempDir(), "renamed.csv")
	copyFile(t, path, copyPath)
	before := mutations(srv)
	r := runImport(t, t.Context(), tgt, options{In: copyPath}, nil, nil)
	if diff := cmp.Diff(counts{Existing: csvValid, Failed: len(csvInvalid)}, countsOf(r.sum)); diff != "" {
		t.Errorf("the renamed copy's counts (-want +got):\n%s", diff)
	}
	if got := mutations(srv); got != before {
		t.Errorf("the renamed copy sent %d requests, want none", got-before)
	}
	if r.sum.LookupRequests != 1 || !strings.Contains(r.out, "already there    493") ||
		!strings.Contains(r.out, "finding those already there: 1 page of the account's contacts listed") {
		t.Errorf("the summary does not say what was there and what finding it cost (%d pages):\n%s", r.sum.LookupRequests, r.out)
	}
	checkStored(t, srv, testUser, path, csvInvalid)

	// Without skip-existing, nothing protects the renamed copy: it is created again.
	r = runImport(t, t.Context(), tgt, options{In: copyPath, NoSkipExisting: true, Journal: copyPath + ".other"}, nil, nil)
	if r.sum.Created != csvValid || r.sum.LookupRequests != 0 {
		t.Errorf("without skip-existing: %+v, %d pages listed", countsOf(r.sum), r.sum.LookupRequests)
	}
}

// TestJournalRefused checks that a journal that cannot be trusted stops the run before
// anything is sent (no contact, and no group for the input's label), with an error that
// names the journal and says what to do: one written for another input (resumed with
// -adopt-journal), a damaged one (naming the offset), and one that another import holds.
func TestJournalRefused(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		// spoil readies the journal at path, which an import of other rows wrote, and
		// returns a function that undoes what must be undone after the run.
		spoil    func(t *testing.T, path string) func()
		wantErr  any
		wantText []string
	}{
		"another input": {
			spoil:    func(*testing.T, string) func() { return func() {} },
			wantErr:  new(*people.JournalMismatchError),
			wantText: []string{"another input", "-adopt-journal"},
		},
		"damaged": {
			spoil: func(t *testing.T, path string) func() {
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				f.WriteString("00000000 {\"e\":[]}\n")
				return func() {}
			},
			wantErr:  new(*filejournal.CorruptError),
			wantText: []string{"offset", "damaged"},
		},
		"held by another import": {
			spoil: func(t *testing.T, path string) func() {
				j, err := filejournal.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				return func() { j.Close() }
			},
			wantErr:  new(*filejournal.LockedError),
			wantText: []string{"Another import is using the journal"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, tgt := emulator(t)
			journal, b := journalOfAnother(t, tgt, "First Name,Last Name,Labels\nGrace,Sample,Chess Club\n")
			undo := tt.spoil(t, journal)

			in, err := readInput(b, "", "")
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			im := &importer{opts: options{In: b, Journal: journal, ChunkSize: 200, WritesPerMinute: -1}, tgt: tgt, out: &out, errOut: &out, stop: t.Context()}
			_, err = im.run(t.Context(), in)
			undo()
			if !errors.As(err, tt.wantErr) {
				t.Fatalf("err = %v, want a %T", err, tt.wantErr)
			}
			for _, s := range append(tt.wantText, journal) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("err = %v, want one with %q", err, s)
				}
			}
			if n := len(srv.Contacts(testUser)); n != 1 {
				t.Errorf("%d contacts stored after the refusal, want 1", n)
			}
			if names, _ := groupsOf(srv); len(names) != 0 {
				t.Errorf("groups %v created by the refused run, want none", names)
			}
		})
	}
}

// TestAdoptJournal checks that -adopt-journal resumes a journal written for another input.
func TestAdoptJournal(t *testing.T) {
	t.Parallel()
	_, tgt := emulator(t)
	journal, b := journalOfAnother(t, tgt, "First Name,Last Name\nGrace,Sample\nAda,Example\n")
	// Without skip-existing, only the journal knows that Ada exists.
	r := runImport(t, t.Context(), tgt, options{In: b, Journal: journal, AdoptJournal: true, NoSkipExisting: true}, nil, nil)
	if diff := cmp.Diff(counts{Created: 1, Existing: 1}, countsOf(r.sum)); diff != "" {
		t.Errorf("adopted journal's counts (-want +got):\n%s", diff)
	}
}

// journalOfAnother imports a file of one row, Ada Example, with a journal, and writes another
// file holding text. It returns the journal's path and the other file's.
func journalOfAnother(t *testing.T, tgt *target, text string) (journal, other string) {
	t.Helper()
	dir := t.TempDir()
	journal = filepath.Join(dir, "shared.journal")
	first, other := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	writeText(t, first, "First Name,Last Name\nAda,Example\n")
	writeText(t, other, text)
	runImport(t, t.Context(), tgt, options{In: first, Journal: journal}, nil, nil)
	return journal, other
}

// writeText writes text to the file at path.
func writeText(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
