// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The kill tests run an import in a child process (this test binary, re-executed) against an
// emulator in the test's process, SIGKILL the child, and resume the import in a new child
// with the same journal file.

const (
	killContacts = 12
	killChunk    = 3 // four requests
	childEnv     = "FILEJOURNAL_TEST_CHILD"
)

// TestChildImport is the child's side; it does nothing in a normal run. It imports
// killContacts contacts with the journal FILEJOURNAL_TEST_CHILD names, prints a line after
// each request, waits to be killed after request FILEJOURNAL_TEST_PAUSE (if set), and
// prints the outcome counts at the end.
func TestChildImport(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by the kill tests only")
	}
	pauseAt, _ := strconv.Atoi(os.Getenv("FILEJOURNAL_TEST_PAUSE"))
	ctx := context.Background()
	j, err := filejournal.Open(path)
	if err != nil {
		fmt.Println("child: open:", err)
		os.Exit(2)
	}
	c, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: killChunk, User: peopletest.DefaultUser})
	if err != nil {
		fmt.Println("child: client:", err)
		os.Exit(2)
	}
	in := make([]*people.Person, killContacts)
	for i := range in {
		in[i] = &people.Person{Names: []*people.Name{{GivenName: "Row", FamilyName: strconv.Itoa(i)}}}
	}
	res, err := c.BatchCreateContacts(ctx, in, "", nil,
		people.WithKeys(func(i int, _ *people.Person) string { return "row " + strconv.Itoa(i) }),
		people.WithJournal(j),
		people.WithProgress(func(p people.Progress) {
			fmt.Printf("child: request %d\n", p.Requests)
			if p.Requests == pauseAt {
				time.Sleep(time.Hour) // until the parent kills this process
			}
		}))
	existing, named := 0, 0
	for _, r := range res.Contacts {
		if r.Existing {
			existing++
		}
		if r.ResourceName() != "" {
			named++
		}
	}
	cn := res.Counts()
	fmt.Printf("child: done created=%d existing=%d named=%d failed=%d notsent=%d unknown=%d err=%v\n",
		cn.Created, existing, named, cn.Failed, cn.NotSent, cn.Unknown, err)
	os.Exit(0)
}

// child starts an import child against srv with the journal at path, pausing after request
// pauseAt (0: never), and returns it with a scanner of its output.
func child(t *testing.T, srv *peopletest.Server, path string, pauseAt int) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildImport$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path, "FILEJOURNAL_TEST_PAUSE="+strconv.Itoa(pauseAt),
		people.EmulatorHostEnv+"="+strings.TrimPrefix(srv.URL, "http://"))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

// waitLine reads the child's output up to a line that starts with prefix, and returns it.
func waitLine(t *testing.T, sc *bufio.Scanner, prefix string) string {
	t.Helper()
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			return sc.Text()
		}
	}
	t.Fatalf("the child ended without printing %q (%v)", prefix, sc.Err())
	return ""
}

// kill SIGKILLs the child and waits for it to die.
func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// resume runs the import to its end in a new child and checks that every contact was
// created exactly once, that existing contacts were reported as such, and every outcome.
func resume(t *testing.T, srv *peopletest.Server, path string, existing int) {
	t.Helper()
	cmd, sc := child(t, srv, path, 0)
	got := waitLine(t, sc, "child: done")
	cmd.Wait()
	want := fmt.Sprintf("child: done created=%d existing=%d named=%d failed=0 notsent=0 unknown=0 err=<nil>", killContacts, existing, killContacts)
	if got != want {
		t.Errorf("resumed child:\n got %s\nwant %s", got, want)
	}
	if n, d := len(srv.Contacts(peopletest.DefaultUser)), srv.Duplicates(peopletest.DefaultUser); n != killContacts || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, killContacts)
	}
}

func TestKilledAtEachRequestBoundaryResumesExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	// Not parallel with the other tests: a child holds a copy of every open file of this
	// process between fork and exec, locks included, which would make a test that closes
	// and reopens a journal meanwhile see it locked.
	for k := 1; k < killContacts/killChunk; k++ {
		t.Run(fmt.Sprintf("after request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			path := filepath.Join(t.TempDir(), "import.journal")
			cmd, sc := child(t, srv, path, k)
			waitLine(t, sc, fmt.Sprintf("child: request %d", k))
			// While the child lives, its journal is locked against other processes.
			_, err := filejournal.Open(path)
			var le *filejournal.LockedError
			if !errors.As(err, &le) {
				t.Errorf("Open while the child holds the journal = %v; want a *LockedError", err)
			}
			kill(t, cmd)
			if n := len(srv.Contacts(peopletest.DefaultUser)); n != k*killChunk {
				t.Fatalf("killed after request %d: emulator holds %d contacts", k, n)
			}
			resume(t, srv, path, k*killChunk)
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
	for k := 1; k <= killContacts/killChunk; k++ {
		t.Run(fmt.Sprintf("request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			// Request k is processed, then its reply held until the child is gone.
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: k, Delay: time.Hour})
			path := filepath.Join(t.TempDir(), "import.journal")
			cmd, sc := child(t, srv, path, 0)
			if k > 1 {
				waitLine(t, sc, fmt.Sprintf("child: request %d", k-1))
			}
			// The child prints nothing while it waits for the held reply: watch the emulator
			// store request k's contacts.
			for len(srv.Contacts(peopletest.DefaultUser)) < k*killChunk {
				select {
				case <-t.Context().Done():
					t.Fatal("request", k, "was never processed")
				case <-time.After(time.Millisecond):
				}
			}
			kill(t, cmd)
			resume(t, srv, path, k*killChunk)
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
	cmd, _ := child(t, srv, path, 0)
	for srv.MaxInFlight(peopletest.DefaultUser) == 0 {
		select {
		case <-t.Context().Done():
			t.Fatal("the first request never arrived")
		case <-time.After(time.Millisecond):
		}
	}
	kill(t, cmd)
	if n := len(srv.Contacts(peopletest.DefaultUser)); n != 0 {
		t.Fatalf("the held request created %d contacts before the kill", n)
	}
	resume(t, srv, path, 0)
}
