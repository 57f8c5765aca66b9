// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Command workers shows N workers importing contacts for many users at once, taking each
// user's turn through Redis, so that no two requests of one user overlap, whichever worker
// sends them:
//
//	go run ./examples/workers -redis redis://localhost:6379 -workers 4 -users 20 -contacts 400
//
// Each worker has a Redis client and a redisturn.Sequencer of its own, exactly as a worker
// process on another machine would; every worker imports a share of every user's contacts.
// They write to a People API emulator embedded in the command, which counts, per user, the
// requests that started while another was in flight: the command prints the count, which is
// 0. Run with -redis "" to see what happens with only each worker's own LocalSequencer.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "workers:", err)
		}
		os.Exit(1)
	}
}

// settings are the command's flags.
type settings struct {
	redisURL                 string
	workers, users, contacts int
	chunk                    int
	latency                  time.Duration
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("workers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var s settings
	fs.StringVar(&s.redisURL, "redis", "redis://localhost:6379", "the Redis `URL` through which workers take turns; empty: each worker on its own")
	fs.IntVar(&s.workers, "workers", 4, "number of workers")
	fs.IntVar(&s.users, "users", 20, "number of users")
	fs.IntVar(&s.contacts, "contacts", 400, "contacts per user, shared among the workers")
	fs.IntVar(&s.chunk, "chunk", 50, "contacts per request")
	fs.DurationVar(&s.latency, "latency", 20*time.Millisecond, "the emulator's latency per request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if s.workers < 1 || s.users < 1 || s.contacts < s.workers || s.chunk < 1 || s.chunk > people.MaxContactsPerRequest {
		return errors.New("want -workers ≥ 1, -users ≥ 1, -contacts ≥ -workers and -chunk from 1 to 200")
	}
	srv := peopletest.NewServer(peopletest.WithLatency(s.latency, 0))
	defer srv.Close()

	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, s.workers)
	counts := make([]people.Counts, s.workers)
	for w := range s.workers {
		wg.Go(func() { counts[w], errs[w] = work(ctx, s, w, srv) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var total people.Counts
	for _, c := range counts {
		total.Created += c.Created
		total.NotSent += c.NotSent
		total.Unknown += c.Unknown
		total.Failed += c.Failed
	}
	overlaps := 0
	for u := range s.users {
		overlaps += srv.Overlaps(userName(u))
	}
	fmt.Fprintf(stdout, "%d workers, %d users: %d created, %d failed, %d not sent, %d unknown in %v\n",
		s.workers, s.users, total.Created, total.Failed, total.NotSent, total.Unknown, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "requests that overlapped another of the same user: %d\n", overlaps)
	return nil
}

func userName(u int) string { return fmt.Sprintf("user%d@example.com", u) }

// work is one worker: it imports its share of every user's contacts, each user from a
// goroutine of its own, all through one Sequencer, as a worker process would.
func work(ctx context.Context, s settings, w int, srv *peopletest.Server) (people.Counts, error) {
	var seq people.Sequencer = people.NewSequencer()
	if s.redisURL != "" {
		rs, err := redisturn.NewFromURL(s.redisURL, nil)
		if err != nil {
			return people.Counts{}, err
		}
		defer rs.Close()
		seq = rs
	}
	pacer := people.NewPacer(0)
	var mu sync.Mutex
	var total people.Counts
	var firstErr error
	var wg sync.WaitGroup
	for u := range s.users {
		user := userName(u)
		c, err := people.NewClientWithConfig(ctx, &people.Config{User: user, Sequencer: seq, Pacer: pacer, ChunkSize: s.chunk},
			srv.ClientOptions(user)...)
		if err != nil {
			return total, err
		}
		defer c.Close()
		wg.Go(func() {
			var batch []*people.Person
			for i := w; i < s.contacts; i += s.workers {
				batch = append(batch, &people.Person{Names: []*people.Name{{GivenName: fmt.Sprintf("Contact %d of %s", i, user)}}})
			}
			res, err := c.BatchCreateContacts(ctx, batch, "", nil)
			n := res.Counts()
			mu.Lock()
			defer mu.Unlock()
			total.Created += n.Created
			total.Failed += n.Failed
			total.NotSent += n.NotSent
			total.Unknown += n.Unknown
			if err != nil && firstErr == nil {
				firstErr = fmt.Errorf("worker %d, %s: %w", w, user, err)
			}
		})
	}
	wg.Wait()
	return total, firstErr
}
