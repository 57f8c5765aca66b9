// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Command emulator serves the peopletest People API emulator on 127.0.0.1, so that curl, the
// official client or this SDK (through PEOPLE_EMULATOR_HOST) can create contacts without a
// Google account. It stops on SIGINT or SIGTERM.
//
// Usage:
//
//	go run ./examples/emulator -port 8085 -quota 90 -retry-after
//	go run ./examples/emulator -quota 2 -quota-window 1s -quota-burst 10 -project-quota 600
//	export PEOPLE_EMULATOR_HOST=127.0.0.1:8085
//	curl -s -X POST -H 'Authorization: Bearer alice' \
//	  -d '{"contacts":[{"contactPerson":{"names":[{"givenName":"Ada"}]}}],"readMask":"names"}' \
//	  http://127.0.0.1:8085/v1/people:batchCreateContacts
//
// The bearer token names the user; a request without one acts as the user "default". Faults
// are given as -fault KIND[,key=value...], repeatable, for example
// -fault reset-after-commit,p=0.05 or -fault status,status=503,request=3; a fault targets
// batchCreateContacts unless its mutation key names contactGroups.create,
// people.updateContactPhoto or * (every mutation). Run with -h for the kinds and keys. Contact
// groups (/v1/contactGroups) and photos (:updateContactPhoto, served back under /photos/) are
// served too; see package peopletest.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "emulator:", err)
		}
		os.Exit(2)
	}
}

// run parses args, serves until ctx is done, then shuts the server down.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(cfg.port)))
	if err != nil {
		return err
	}
	srv := peopletest.NewServer(append(cfg.options, peopletest.WithListener(l))...)
	srv.AddFaults(cfg.faults...)
	fmt.Fprintf(stdout, "peopletest emulator listening on %s\n", srv.URL)
	fmt.Fprintf(stdout, "export PEOPLE_EMULATOR_HOST=%s\n", l.Addr())
	<-ctx.Done()
	srv.Close()
	fmt.Fprintf(stdout, "emulator stopped after %d requests\n", len(srv.Requests()))
	return nil
}

// settings is what the command line asks for.
type settings struct {
	port    int
	options []peopletest.Option
	faults  []peopletest.Fault
}

// parseFlags turns the command line into settings.
func parseFlags(args []string, stderr io.Writer) (settings, error) {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		port        = fs.Int("port", 8085, "listen on 127.0.0.1:`PORT`; 0 picks a free port")
		limit       = fs.Int("contact-limit", 0, "contacts per account; 0 means 25,000 as in Google Contacts")
		quota       = fs.Int("quota", 0, "write requests per user per -quota-window; 0 means no quota")
		window      = fs.Duration("quota-window", time.Minute, "length of the write quota's sliding window")
		burst       = fs.Int("quota-burst", 0, "make the per-user quota a token bucket of `N` requests, refilled at -quota per -quota-window; 0 means a sliding window")
		project     = fs.Int("project-quota", 0, "write requests of all users together per -project-quota-window; 0 means no project quota")
		projWindow  = fs.Duration("project-quota-window", time.Minute, "length of the project quota's sliding window")
		projBurst   = fs.Int("project-quota-burst", 0, "make the project quota a token bucket of `N` requests; 0 means a sliding window")
		projLimit   = fs.String("project-quota-limit", "", "quota_limit that the project quota's 429s name; empty means CriticalWritesPerMinutePerProject")
		retryAfter  = fs.Bool("retry-after", false, "send a Retry-After header with 429 answers")
		retryInfo   = fs.Bool("retry-info", false, "send a google.rpc.RetryInfo detail with 429 answers")
		concurrency = fs.String("concurrency", "count", "overlapping mutations of one user: count, abort (409 ABORTED) or delay")
		concDelay   = fs.Duration("concurrency-delay", time.Second, "latency added to an overlapping mutation with -concurrency delay")
		latency     = fs.Duration("latency", 0, "latency of every request")
		latencyEach = fs.Duration("latency-per-contact", 0, "added latency per contact of a batchCreateContacts request")
		seed        = fs.Int64("seed", 0, "seed of probabilistic faults and of resource names")
		faultSpecs  faultList
	)
	fs.Var(&faultSpecs, "fault", "a fault `KIND[,key=value...]`, repeatable; kinds: "+kindNames()+
		"; keys: request, user, p (probability), status, delay, size, content-type, mutation (the method: "+
		mutationNames()+"; batchCreateContacts when absent)")
	if err := fs.Parse(args); err != nil {
		return settings{}, err
	}
	if fs.NArg() > 0 {
		return settings{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	check := peopletest.ConcurrencyCheck{}
	switch *concurrency {
	case "count":
	case "abort":
		check.Abort = true
	case "delay":
		check.Delay = *concDelay
	default:
		return settings{}, fmt.Errorf("-concurrency %q: want count, abort or delay", *concurrency)
	}
	return settings{port: *port, faults: faultSpecs, options: []peopletest.Option{
		peopletest.WithContactLimit(*limit),
		peopletest.WithWriteQuota(peopletest.Quota{Requests: *quota, Per: *window, Burst: *burst, RetryAfter: *retryAfter, RetryInfo: *retryInfo}),
		peopletest.WithProjectWriteQuota(peopletest.Quota{Requests: *project, Per: *projWindow, Burst: *projBurst, Limit: *projLimit,
			RetryAfter: *retryAfter, RetryInfo: *retryInfo}),
		peopletest.WithConcurrencyCheck(check),
		peopletest.WithLatency(*latency, *latencyEach),
		peopletest.WithSeed(*seed),
	}}, nil
}
