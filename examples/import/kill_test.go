// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2/google"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The kill tests run the importer as a child process (this test binary, re-executed) against
// an emulator in the test's process, through PEOPLE_EMULATOR_HOST, and SIGKILL it while the
// emulator holds back the reply to its second request, whose contacts it has created: the
// first request's outcome is in the journal, the second is recorded as being sent.

// createdBeforeKill is what the sample's first two requests create: rows 1 to 400 but the
// five invalid ones.
const createdBeforeKill = 395

// childArgsEnv holds the child's command line, its arguments separated by newlines.
const childArgsEnv = "IMPORT_TEST_CHILD_ARGS"

// TestImportChild is the child's side; it does nothing in a normal run. It runs the command
// with the arguments of IMPORT_TEST_CHILD_ARGS and exits with its status.
func TestImportChild(t *testing.T) {
	args := os.Getenv(childArgsEnv)
	if args == "" {
		t.Skip("run by the kill tests only")
	}
	noADC := func(context.Context) (*google.Credentials, error) { return nil, os.ErrNotExist }
	ctx := context.Background()
	os.Exit(realMain(ctx, ctx, strings.Split(args, "\n"), env{stdout: os.Stdout, stderr: os.Stderr, findADC: noADC}))
}

// child returns the command that runs the importer with args against srv.
func child(t *testing.T, srv *peopletest.Server, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestImportChild$")
	cmd.Env = append(os.Environ(),
		childArgsEnv+"="+strings.Join(args, "\n"),
		people.EmulatorHostEnv+"="+strings.TrimPrefix(srv.URL, "http://"))
	return cmd
}

// importInChild runs the importer with args to its end and returns what it printed. Failed
// rows make it exit with status 1, which is expected.
func importInChild(t *testing.T, srv *peopletest.Server, args ...string) string {
	t.Helper()
	out, err := child(t, srv, args...).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("import %q: %v\n%s", args, err, out)
	}
	return string(out)
}

// killInChild runs the importer with args and SIGKILLs it once the emulator has created the
// contacts of its second request, whose reply it holds back.
func killInChild(t *testing.T, srv *peopletest.Server, args ...string) {
	t.Helper()
	// The run's first two mutations create the sample's groups Family and Friends: the second
	// request of contacts is the fourth mutation.
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: 4, Delay: time.Hour})
	cmd := child(t, srv, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Waiting for the child's requests to reach the emulator is not what the test asserts:
	// the poll only decides when to kill.
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for len(srv.Contacts(peopletest.DefaultUser)) < createdBeforeKill {
		select {
		case err := <-exited:
			t.Fatalf("the importer ended before it could be killed: %v\n%s", err, out.String())
		case <-tick.C:
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	if strings.Contains(out.String(), "Imported ") {
		t.Fatalf("the importer finished before it was killed:\n%s", out.String())
	}
}

// TestKilledImport SIGKILLs the importer mid-import, goes on in each way a user could, and
// checks that the account ends with exactly the valid rows.
//
// It runs before the parallel tests, not among them: a child process shares the files of this
// one between fork and exec, the lock of a journal (people/filejournal) too, and an import of
// a parallel test that reopened its journal in that moment would find it locked.
func TestKilledImport(t *testing.T) {
	tests := map[string]func(t *testing.T, srv *peopletest.Server, path string){
		// The scenario of issue 12: the journal is lost, the same file is imported renamed
		// from another folder, then the original again.
		"journal deleted, renamed copy, then the original": func(t *testing.T, srv *peopletest.Server, path string) {
			if err := os.Remove(path + ".journal"); err != nil {
				t.Fatal(err)
			}
			renamed := filepath.Join(t.TempDir(), "renamed.csv")
			copyFile(t, path, renamed)
			wantRun(t, "the renamed copy", importInChild(t, srv, "-in", renamed), 98, 395)
			wantRun(t, "the original", importInChild(t, srv, "-in", path), 0, 493)
		},
		// The same command again, with the journal kept and without skip-existing: the journal
		// alone settles the request that was in flight.
		"rerun with the journal": func(t *testing.T, srv *peopletest.Server, path string) {
			wantRun(t, "the rerun", importInChild(t, srv, "-in", path, "-skip-existing=false"), 98, 395)
		},
	}
	for name, goOn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			path := sample(t, "contacts.csv")
			killInChild(t, srv, "-in", path)
			goOn(t, srv, path)
			if n := len(srv.Contacts(peopletest.DefaultUser)); n != csvValid {
				t.Errorf("the account holds %d contacts, want exactly the %d valid rows", n, csvValid)
			}
			checkStored(t, srv, peopletest.DefaultUser, path, csvInvalid)
		})
	}
}

// wantRun checks the counts that the summary of a run, out, shows.
func wantRun(t *testing.T, what, out string, created, existing int) {
	t.Helper()
	if !strings.Contains(out, fmt.Sprintf("created        %5d", created)) ||
		!strings.Contains(out, fmt.Sprintf("already there  %5d", existing)) {
		t.Errorf("%s: want %d created and %d already there:\n%s", what, created, existing, out)
	}
}
