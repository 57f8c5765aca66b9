// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
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
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: 2, Delay: time.Hour})
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

// TestKillRenameLostJournal is the scenario of issue 12: import the sample, SIGKILL the
// importer mid-import, delete the journal, import the same file renamed from another folder,
// then the original again. The account must end with exactly the valid rows.
func TestKillRenameLostJournal(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	path := sample(t, "contacts.csv")
	killInChild(t, srv, "-in", path)
	if err := os.Remove(path + ".journal"); err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(t.TempDir(), "renamed.csv")
	if err := os.WriteFile(renamed, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out := importInChild(t, srv, "-in", renamed)
	if !strings.Contains(out, "created           98") || !strings.Contains(out, "already there    395") {
		t.Errorf("the renamed copy's run:\n%s", out)
	}
	out = importInChild(t, srv, "-in", path)
	if !strings.Contains(out, "created            0") || !strings.Contains(out, "already there    493") {
		t.Errorf("the original's run:\n%s", out)
	}
	if n := len(srv.Contacts(peopletest.DefaultUser)); n != csvValid {
		t.Errorf("the account holds %d contacts, want exactly the %d valid rows", n, csvValid)
	}
	checkStored(t, srv, peopletest.DefaultUser, path, csvInvalid)
}

// TestKillAndRerun SIGKILLs the importer mid-import and runs the same command again with
// the journal kept, without skip-existing: the journal alone must settle the request that
// was in flight, and the account end with exactly the valid rows.
func TestKillAndRerun(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	path := sample(t, "contacts.csv")
	killInChild(t, srv, "-in", path)
	out := importInChild(t, srv, "-in", path, "-skip-existing=false")
	if !strings.Contains(out, "created           98") || !strings.Contains(out, "already there    395") {
		t.Errorf("the rerun:\n%s", out)
	}
	if n := len(srv.Contacts(peopletest.DefaultUser)); n != csvValid {
		t.Errorf("the account holds %d contacts, want exactly the %d valid rows", n, csvValid)
	}
	checkStored(t, srv, peopletest.DefaultUser, path, csvInvalid)
}
