// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package killtest holds what the journal kill tests of people/filejournal and
// people/redisturn share. A kill test runs an import of [Contacts] contacts in a child process
// (the test binary, re-executed, calling [Import]) against an emulator in the test's process,
// SIGKILLs the child at some point, and resumes the import in a new child with the same
// journal; [Child.Finish] then checks that every contact exists exactly once.
package killtest

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The import of a kill test.
const (
	Contacts = 12 // contacts imported
	Chunk    = 3  // contacts per request: four requests
)

// Import is the child's side of a kill test. It imports [Contacts] contacts, keyed by row,
// for the emulator's default user through the emulator that people.EmulatorHostEnv names,
// with journal j and, when seq is not nil, that Sequencer. It prints "request N" after
// request N, blocks until the process is killed after request pauseAt (0: never), and prints
// the "done" line that [Child.Finish] reads.
func Import(ctx context.Context, j people.Journal, seq people.Sequencer, pauseAt int) error {
	c, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: Chunk, User: peopletest.DefaultUser, Sequencer: seq})
	if err != nil {
		return err
	}
	defer c.Close()
	in := make([]*people.Person, Contacts)
	for i := range in {
		in[i] = &people.Person{Names: []*people.Name{{GivenName: "Row", FamilyName: strconv.Itoa(i)}}}
	}
	res, err := c.BatchCreateContacts(ctx, in, "", nil,
		people.WithKeys(func(i int, _ *people.Person) string { return "row " + strconv.Itoa(i) }),
		people.WithJournal(j),
		people.WithProgress(func(p people.Progress) {
			fmt.Printf("request %d\n", p.Requests)
			if p.Requests == pauseAt {
				<-make(chan struct{}) // until the parent kills this process
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
	fmt.Printf("done created=%d existing=%d named=%d failed=%d notsent=%d unknown=%d err=%v\n",
		cn.Created, existing, named, cn.Failed, cn.NotSent, cn.Unknown, err)
	return nil
}

// EmulatorEnv returns the environment entry that points a child's client at srv.
func EmulatorEnv(srv *peopletest.Server) string {
	return people.EmulatorHostEnv + "=" + strings.TrimPrefix(srv.URL, "http://")
}

// Child is a child process of a kill test, with its output.
type Child struct {
	cmd *exec.Cmd
	out *bufio.Scanner
}

// Start starts cmd, a re-execution of the test binary whose arguments and environment make it
// call [Import], and returns it. The child is killed when the test ends, if it is still alive.
func Start(t testing.TB, cmd *exec.Cmd) *Child {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return &Child{cmd: cmd, out: bufio.NewScanner(out)}
}

// WaitLine reads the child's output up to a line that starts with prefix, and returns it.
func (c *Child) WaitLine(t testing.TB, prefix string) string {
	t.Helper()
	for c.out.Scan() {
		if strings.HasPrefix(c.out.Text(), prefix) {
			return c.out.Text()
		}
	}
	t.Fatalf("the child ended without printing %q (%v)", prefix, c.out.Err())
	return ""
}

// Kill SIGKILLs the child and waits for it to die.
func (c *Child) Kill(t testing.TB) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
}

// Finish waits for the child, the one that resumes the import, to end, and checks that it
// reports every contact created, existing of them found in the journal as made by an earlier
// run, and that srv holds each contact once.
func (c *Child) Finish(t testing.TB, srv *peopletest.Server, existing int) {
	t.Helper()
	got := c.WaitLine(t, "done")
	c.cmd.Wait()
	want := fmt.Sprintf("done created=%d existing=%d named=%d failed=0 notsent=0 unknown=0 err=<nil>", Contacts, existing, Contacts)
	if got != want {
		t.Errorf("resumed child:\n got %s\nwant %s", got, want)
	}
	if n, d := len(srv.Contacts(peopletest.DefaultUser)), srv.Duplicates(peopletest.DefaultUser); n != Contacts || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, Contacts)
	}
}

// WaitStored waits until srv holds n contacts of its default user: the child prints nothing
// while it waits for a reply that srv holds.
func WaitStored(t testing.TB, ctx context.Context, srv *peopletest.Server, n int) {
	t.Helper()
	for len(srv.Contacts(peopletest.DefaultUser)) < n {
		select {
		case <-ctx.Done():
			t.Fatalf("the emulator never held %d contacts", n)
		case <-time.After(time.Millisecond):
		}
	}
}
