// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/killtest"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The kill tests run an import in a child process (this test binary, re-executed) against an
// emulator in the test's process, SIGKILL the child, and resume the import in a new child
// with the same journal file (package internal/killtest holds what they share with
// redisturn's).

const childEnv = "FILEJOURNAL_TEST_CHILD"

// TestChildImport is the child's side; it does nothing in a normal run. It runs
// [killtest.Import] with the journal FILEJOURNAL_TEST_CHILD names, pausing after request
// FILEJOURNAL_TEST_PAUSE (if set).
func TestChildImport(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by the kill tests only")
	}
	pauseAt, _ := strconv.Atoi(os.Getenv("FILEJOURNAL_TEST_PAUSE"))
	j, err := filejournal.Open(path)
	if err == nil {
		err = killtest.Import(context.Background(), j, nil, pauseAt)
	}
	if err != nil {
		fmt.Println("child:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

// child starts an import child against srv with the journal at path, pausing after request
// pauseAt (0: never).
func child(t *testing.T, srv *peopletest.Server, path string, pauseAt int) *killtest.Child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildImport$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path, "FILEJOURNAL_TEST_PAUSE="+strconv.Itoa(pauseAt), killtest.EmulatorEnv(srv))
	cmd.Stderr = os.Stderr
	return killtest.Start(t, cmd)
}

// resume runs the import to its end in a new child and checks that every contact was
// created exactly once, that existing contacts were reported as such, and every outcome.
func resume(t *testing.T, srv *peopletest.Server, path string, existing int) {
	t.Helper()
	child(t, srv, path, 0).Finish(t, srv, existing)
}

func TestKilledAtEachRequestBoundaryResumesExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	// Not parallel with the other tests: a child holds a copy of every open file of this
	// process between fork and exec, locks included, which would make a test that closes
	// and reopens a journal meanwhile see it locked.
	for k := 1; k < killtest.Contacts/killtest.Chunk; k++ {
		t.Run(fmt.Sprintf("after request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			path := filepath.Join(t.TempDir(), "import.journal")
			ch := child(t, srv, path, k)
			ch.WaitLine(t, fmt.Sprintf("request %d", k))
			// While the child lives, its journal is locked against other processes.
			_, err := filejournal.Open(path)
			var le *filejournal.LockedError
			if !errors.As(err, &le) {
				t.Errorf("Open while the child holds the journal = %v; want a *LockedError", err)
			}
			ch.Kill(t)
			if n := len(srv.Contacts(peopletest.DefaultUser)); n != k*killtest.Chunk {
				t.Fatalf("killed after request %d: emulator holds %d contacts", k, n)
			}
			resume(t, srv, path, k*killtest.Chunk)
		})
	}
}

func TestKilledWhileAReplyIsHeldResumesExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	// Not parallel with the other tests: a child holds a copy of every open file of this
	// process between fork and exec, locks included, which would make a test that closes
	// and reopens a journal meanwhile see it locked.
	for k := 1; k <= killtest.Contacts/killtest.Chunk; k++ {
		t.Run(fmt.Sprintf("request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			// Request k is processed, then its reply held until the child is gone.
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: k, Delay: time.Hour})
			path := filepath.Join(t.TempDir(), "import.journal")
			ch := child(t, srv, path, 0)
			if k > 1 {
				ch.WaitLine(t, fmt.Sprintf("request %d", k-1))
			}
			killtest.WaitStored(t, t.Context(), srv, k*killtest.Chunk)
			ch.Kill(t)
			resume(t, srv, path, k*killtest.Chunk)
		})
	}
}

func TestKilledBeforeTheServerCommitsResumesExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	// Not parallel with the other tests: a child holds a copy of every open file of this
	// process between fork and exec, locks included, which would make a test that closes
	// and reopens a journal meanwhile see it locked.
	// Every request waits before it is processed: the child is killed while the first one
	// waits, after its journal recorded it as sending.
	srv := peopletest.NewServer(peopletest.WithLatency(0, 50*time.Millisecond))
	t.Cleanup(srv.Close)
	path := filepath.Join(t.TempDir(), "import.journal")
	ch := child(t, srv, path, 0)
	for srv.MaxInFlight(peopletest.DefaultUser) == 0 {
		select {
		case <-t.Context().Done():
			t.Fatal("the first request never arrived")
		case <-time.After(time.Millisecond):
		}
	}
	ch.Kill(t)
	if n := len(srv.Contacts(peopletest.DefaultUser)); n != 0 {
		t.Fatalf("the held request created %d contacts before the kill", n)
	}
	resume(t, srv, path, 0)
}
