// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// The kill tests run an import with a Redis journal in a child process (the "journal" role
// of this test binary) against an emulator in the test's process, SIGKILL the child, and
// resume the import in another child with the same job name, as another machine would.

const (
	killContacts = 12
	killChunk    = 3 // four requests
	killTTL      = time.Second
)

// runJournalImport is the "journal" role: it imports killContacts contacts for the
// emulator's default user at PEOPLE_EMULATOR_HOST, taking turns and keeping the journal of
// job JOB in the Redis at REDIS_ADDR under key prefix PREFIX. It prints "locked" each time
// the job is held by another process (and waits for that holder's lease), a line after each
// request, waits to be killed after request PAUSE (if set), and prints the outcomes at the end.
func runJournalImport() error {
	pauseAt, _ := strconv.Atoi(os.Getenv("PAUSE"))
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	defer rdb.Close()
	seq := redisturn.New(rdb, &redisturn.Options{KeyPrefix: os.Getenv("PREFIX"), LeaseTTL: killTTL})
	j, err := openWaiting(ctx, seq, os.Getenv("JOB"))
	if err != nil {
		return err
	}
	defer j.Close()
	c, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: killChunk, User: peopletest.DefaultUser, Sequencer: seq})
	if err != nil {
		return err
	}
	defer c.Close()
	in := make([]*people.Person, killContacts)
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

// openWaiting opens job, waiting for a holder's lease to run out while another process
// holds it, as a machine taking over a dead one's job does.
func openWaiting(ctx context.Context, seq *redisturn.Sequencer, job string) (*redisturn.Journal, error) {
	for range 20 {
		j, err := seq.OpenJournal(ctx, peopletest.DefaultUser, job)
		var le *redisturn.JobLockedError
		if !errors.As(err, &le) {
			return j, err
		}
		fmt.Println("locked")
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(le.RetryAfter):
		}
	}
	return nil, errors.New("the job stayed locked")
}

// journalChild starts a child importing job against srv, pausing after request pauseAt
// (0: never), and returns it with a scanner of its output.
func journalChild(t *testing.T, srv *peopletest.Server, prefix, job string, pauseAt int) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), roleEnv+"=journal", "REDIS_ADDR="+needRedis(t), "PREFIX="+prefix, "JOB="+job,
		"PAUSE="+strconv.Itoa(pauseAt), people.EmulatorHostEnv+"="+strings.TrimPrefix(srv.URL, "http://"))
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

// readLine reads the child's output up to a line that starts with prefix, and returns it.
func readLine(t *testing.T, sc *bufio.Scanner, prefix string) string {
	t.Helper()
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			return sc.Text()
		}
	}
	t.Fatalf("the child ended without printing %q (%v)", prefix, sc.Err())
	return ""
}

// killChild SIGKILLs the child and waits for it to die.
func killChild(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// resumeJob runs the import to its end in another child and checks that every contact was
// created exactly once, that existing contacts were reported as such, and every outcome.
func resumeJob(t *testing.T, srv *peopletest.Server, prefix, job string, existing int) {
	t.Helper()
	cmd, sc := journalChild(t, srv, prefix, job, 0)
	got := readLine(t, sc, "done")
	cmd.Wait()
	want := fmt.Sprintf("done created=%d existing=%d named=%d failed=0 notsent=0 unknown=0 err=<nil>", killContacts, existing, killContacts)
	if got != want {
		t.Errorf("resumed child:\n got %s\nwant %s", got, want)
	}
	if n, d := len(srv.Contacts(peopletest.DefaultUser)), srv.Duplicates(peopletest.DefaultUser); n != killContacts || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, killContacts)
	}
}

func TestJournalKilledAtEachRequestBoundaryResumesElsewhere(t *testing.T) {
	addr := needRedis(t)
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for k := 1; k < killContacts/killChunk; k++ {
		t.Run(fmt.Sprintf("after request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			prefix, job := "test:"+t.Name()+":", "import"
			cmd, sc := journalChild(t, srv, prefix, job, k)
			readLine(t, sc, fmt.Sprintf("request %d", k))
			// While the child lives, another process cannot open its job.
			rdb := redis.NewClient(&redis.Options{Addr: addr})
			defer rdb.Close()
			_, err := redisturn.OpenJournal(t.Context(), rdb, peopletest.DefaultUser, job, &redisturn.Options{KeyPrefix: prefix})
			var le *redisturn.JobLockedError
			if !errors.As(err, &le) {
				t.Errorf("OpenJournal while the child holds the job = %v; want a *JobLockedError", err)
			}
			killChild(t, cmd)
			if n := len(srv.Contacts(peopletest.DefaultUser)); n != k*killChunk {
				t.Fatalf("killed after request %d: emulator holds %d contacts", k, n)
			}
			resumeJob(t, srv, prefix, job, k*killChunk)
		})
	}
}

func TestJournalKilledWhileAReplyIsHeldResumesElsewhere(t *testing.T) {
	needRedis(t)
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for k := 1; k <= killContacts/killChunk; k++ {
		t.Run(fmt.Sprintf("request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			// Request k is processed, then its reply held until the child is gone.
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: k, Delay: time.Hour})
			prefix, job := "test:"+t.Name()+":", "import"
			cmd, sc := journalChild(t, srv, prefix, job, 0)
			if k > 1 {
				readLine(t, sc, fmt.Sprintf("request %d", k-1))
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
			killChild(t, cmd)
			resumeJob(t, srv, prefix, job, k*killChunk)
		})
	}
}
