// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
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
		// second is what the second run must report.
		second counts
	}{
		{
			// Ctrl-C, once: the run stops between its second and third requests.
			name: "stopped after the second request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				stop, cancel := context.WithCancel(t.Context())
				defer cancel()
				r := runImport(t, t.Context(), tgt, options{In: path}, stop, func(n int) {
					if n == 2 {
						cancel()
					}
				})
				if !r.sum.Stopped || !strings.Contains(r.out, "run the same command again") {
					t.Errorf("the stopped run does not say so:\n%s", r.out)
				}
				return countsOf(r.sum)
			},
			second: counts{Created: third, Failed: len(csvInvalid), Earlier: csvValid - third},
		},
		{
			// Ctrl-C twice, or a lost connection: the third request's reply never comes, so
			// its contacts, created by the server, have an unknown outcome.
			name: "killed during the third request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				return killDuringThird(t, srv, tgt, path)
			},
			second: counts{Failed: len(csvInvalid), Earlier: csvValid, Settled: third},
		},
		{
			// The process dies after sending the third request and before recording anything
			// of it: the checkpoint says only that it was sent.
			name: "crashed before recording the third request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				c := killDuringThird(t, srv, tgt, path)
				dropLines(t, path+".checkpoint", `"outcome":"unknown"`)
				return c
			},
			second: counts{Failed: len(csvInvalid), Earlier: csvValid, Settled: third},
		},
		{
			// The process dies after recording that the third request is about to go, and
			// before sending it: the contacts are not found, and sent.
			name: "crashed before sending the third request",
			interrupt: func(t *testing.T, srv *peopletest.Server, tgt *target, path string) counts {
				stop, cancel := context.WithCancel(t.Context())
				defer cancel()
				r := runImport(t, t.Context(), tgt, options{In: path}, stop, func(n int) {
					if n == 2 {
						cancel()
					}
				})
				in, err := readInput(path, "", "")
				if err != nil {
					t.Fatal(err)
				}
				cp, err := openCheckpoint(path+".checkpoint", in.Name, markerKey, tgt, false, time.Now)
				if err != nil {
					t.Fatal(err)
				}
				var markers []string
				for _, rec := range recordsOf(in)[400:] {
					if rec.Err == nil {
						markers = append(markers, rec.Marker)
					}
				}
				if err := cp.sending(markers); err != nil {
					t.Fatal(err)
				}
				cp.Close()
				return countsOf(r.sum)
			},
			second: counts{Created: third, Failed: len(csvInvalid), Earlier: csvValid - third},
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
			r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			if diff := cmp.Diff(tt.second, countsOf(r.sum)); diff != "" {
				t.Errorf("second run's counts (-want +got):\n%s\n%s", diff, r.out)
			}
			checkStored(t, srv, path, csvInvalid)
			checkCSVReport(t, path, r.sum.Report, csvInvalid)

			// A third run finds everything done and sends nothing.
			before := mutations(srv)
			r = runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			if diff := cmp.Diff(counts{Failed: len(csvInvalid), Earlier: csvValid}, countsOf(r.sum)); diff != "" {
				t.Errorf("third run's counts (-want +got):\n%s", diff)
			}
			if got := mutations(srv); got != before {
				// What is left are invalid rows, which the SDK refuses without sending.
				t.Errorf("the third run sent %d requests, want none", got-before)
			}
			checkStored(t, srv, path, csvInvalid)
		})
	}
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

// dropLines removes from a file the lines that contain s.
func dropLines(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	all := lines(t, f)
	f.Close()
	kept := slices.DeleteFunc(all, func(l string) bool { return strings.Contains(l, s) })
	if len(kept) == len(all) {
		t.Fatalf("no line of %s holds %s", path, s)
	}
	if err := os.WriteFile(path, []byte(strings.Join(kept, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestFreshRun checks that a -fresh run sets the checkpoint aside and marks its contacts
// apart from the earlier run's, so that reconciliation cannot take one for the other.
func TestFreshRun(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.csv")
	runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	first := map[string]bool{}
	for _, p := range srv.Contacts(testUser) {
		first[people.Marker(p, markerKey)] = true
	}
	r := runImport(t, t.Context(), tgt, options{In: path, Fresh: true}, nil, nil)
	if diff := cmp.Diff(counts{Created: csvValid, Failed: len(csvInvalid)}, countsOf(r.sum)); diff != "" {
		t.Errorf("fresh run's counts (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.out, "set aside") {
		t.Errorf("the fresh run does not say the checkpoint is set aside:\n%s", r.out)
	}
	if _, err := os.Stat(path + ".checkpoint.old"); err != nil {
		t.Errorf("the earlier checkpoint is not kept: %v", err)
	}
	again := 0
	for _, p := range srv.Contacts(testUser) {
		if first[people.Marker(p, markerKey)] {
			again++
		}
	}
	if again != csvValid {
		t.Errorf("%d contacts carry a marker of the first run, want only its %d", again, csvValid)
	}
}
