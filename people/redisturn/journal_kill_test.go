// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/internal/killtest"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// The kill tests run an import with a Redis journal in a child process (the "journal" role
// of this test binary) against an emulator in the test's process, SIGKILL the child, and
// resume the import in another child with the same job name, as another machine would
// (package internal/killtest holds what they share with filejournal's).

const killTTL = time.Second

// runJournalImport is the "journal" role: it runs [killtest.Import], taking turns and keeping
// the journal of job JOB in the Redis at REDIS_ADDR under key prefix PREFIX, pausing after
// request PAUSE (if set). It prints "locked" each time the job is held by another process
// (and waits for that holder's lease).
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
	return killtest.Import(ctx, j, seq, pauseAt)
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
// (0: never).
func journalChild(t *testing.T, srv *peopletest.Server, prefix, job string, pauseAt int) *killtest.Child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), roleEnv+"=journal", "REDIS_ADDR="+needRedis(t), "PREFIX="+prefix, "JOB="+job,
		"PAUSE="+strconv.Itoa(pauseAt), killtest.EmulatorEnv(srv))
	cmd.Stderr = os.Stderr
	return killtest.Start(t, cmd)
}

// resumeJob runs the import to its end in another child and checks that every contact was
// created exactly once, that existing contacts were reported as such, and every outcome.
func resumeJob(t *testing.T, srv *peopletest.Server, prefix, job string, existing int) {
	t.Helper()
	journalChild(t, srv, prefix, job, 0).Finish(t, srv, existing)
}

func TestJournalKilledAtEachRequestBoundaryResumesElsewhere(t *testing.T) {
	addr := needRedis(t)
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for k := 1; k < killtest.Contacts/killtest.Chunk; k++ {
		t.Run(fmt.Sprintf("after request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			prefix, job := "test:"+t.Name()+":", "import"
			ch := journalChild(t, srv, prefix, job, k)
			ch.WaitLine(t, fmt.Sprintf("request %d", k))
			// While the child lives, another process cannot open its job.
			rdb := redis.NewClient(&redis.Options{Addr: addr})
			defer rdb.Close()
			_, err := redisturn.OpenJournal(t.Context(), rdb, peopletest.DefaultUser, job, &redisturn.Options{KeyPrefix: prefix})
			var le *redisturn.JobLockedError
			if !errors.As(err, &le) {
				t.Errorf("OpenJournal while the child holds the job = %v; want a *JobLockedError", err)
			}
			ch.Kill(t)
			if n := len(srv.Contacts(peopletest.DefaultUser)); n != k*killtest.Chunk {
				t.Fatalf("killed after request %d: emulator holds %d contacts", k, n)
			}
			resumeJob(t, srv, prefix, job, k*killtest.Chunk)
		})
	}
}

func TestJournalKilledWhileAReplyIsHeldResumesElsewhere(t *testing.T) {
	needRedis(t)
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for k := 1; k <= killtest.Contacts/killtest.Chunk; k++ {
		t.Run(fmt.Sprintf("request %d", k), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			// Request k is processed, then its reply held until the child is gone.
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Request: k, Delay: time.Hour})
			prefix, job := "test:"+t.Name()+":", "import"
			ch := journalChild(t, srv, prefix, job, 0)
			if k > 1 {
				ch.WaitLine(t, fmt.Sprintf("request %d", k-1))
			}
			killtest.WaitStored(t, t.Context(), srv, k*killtest.Chunk)
			ch.Kill(t)
			resumeJob(t, srv, prefix, job, k*killtest.Chunk)
		})
	}
}
