// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
	"golang.org/x/oauth2"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestMain fails the package's external tests if any goroutine outlives them: a call that
// returns must leave nothing running behind it once its client and server are closed.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// cancelWithin bounds how long a cancelled call may take to return: far less than the waits
// the tests cancel (30 s to a minute), so that a call that waited them out fails, and far
// more than any scheduling delay, so that no figure of the machine's load decides.
const cancelWithin = 10 * time.Second

// TestCancelReturnsPromptly cancels a call in each kind of wait: the backoff after a 429
// (30 s), pacing's wait for the next turn (60 s), and an answer that does not come. Each
// time the call returns long before the wait would have ended, and says which contacts may
// exist.
func TestCancelReturnsPromptly(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg   people.Config
		fault *peopletest.Fault
		// The moment of the cancel: at the retry's log record, just before its wait; at the
		// first request's progress report, before pacing's wait for the second; or once the
		// emulator has processed the request whose answer it holds back.
		onRetry, onProgress, inFly bool
		want                       people.Counts
		stored                     int
	}{
		"during a 30 s backoff": {
			cfg: people.Config{
				ChunkSize: 2,
				Retry:     people.RetryPolicy{InitialBackoff: 30 * time.Second, MaxBackoff: 30 * time.Second, Rand: func() float64 { return 0.99 }},
			},
			fault:   &peopletest.Fault{Kind: peopletest.FaultStatus, Status: 429, Request: 2},
			onRetry: true, want: people.Counts{Created: 2, NotSent: 4}, stored: 2,
		},
		"during pacing's wait": {
			cfg:        people.Config{ChunkSize: 2, WritesPerMinute: 1},
			onProgress: true, want: people.Counts{Created: 2, NotSent: 4}, stored: 2,
		},
		"waiting for an answer": {
			cfg:   people.Config{ChunkSize: 2},
			fault: &peopletest.Fault{Kind: peopletest.FaultSlowResponse, Delay: time.Minute, Request: 2},
			// The second request was processed before its answer was held back.
			inFly: true, want: people.Counts{Created: 2, Unknown: 2, NotSent: 2}, stored: 4,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			if tc.fault != nil {
				srv.AddFaults(*tc.fault)
			}
			const user = "cancel@example.com"
			cfg := tc.cfg
			cfg.User = user
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tc.onRetry {
				cfg.Logger = slog.New(onRetry{cancel})
			}
			var opts []people.CallOption
			if tc.onProgress {
				opts = append(opts, people.WithProgress(func(people.Progress) { cancel() }))
			}
			c := emulatorClient(t, srv, user, &cfg)
			type result struct {
				res *people.Result
				err error
			}
			done := make(chan result, 1)
			go func() {
				res, err := c.BatchCreateContacts(ctx, contacts(6), "names", nil, opts...)
				done <- result{res, err}
			}()
			if tc.inFly {
				waitFor(t, func() bool { return len(srv.Contacts(user)) == 4 })
				cancel()
			}
			var r result
			select {
			case r = <-done:
			case <-time.After(cancelWithin):
				t.Fatalf("the call did not return within %v of its context's cancel", cancelWithin)
			}
			if got := r.res.Counts(); got != tc.want {
				t.Errorf("counts = %+v, want %+v (err %v)", got, tc.want, r.err)
			}
			if !errors.Is(r.err, context.Canceled) {
				t.Errorf("err = %v, want one matching context.Canceled", r.err)
			}
			srv.Close()
			if n := len(srv.Contacts(user)); n != tc.stored {
				t.Errorf("emulator holds %d contacts, want %d", n, tc.stored)
			}
		})
	}
}

// TestCancelledCallSaysWhy cancels a call during a request's backoff, without
// ContinueOnError: the call stopped because its context was cancelled, which BatchError.Err
// and the cause of every contact left unsent must say, as they do when the context is
// cancelled between requests.
func TestCancelledCallSaysWhy(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultStatus, Status: 429, Request: 1})
	const user = "why@example.com"
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// Cancel once the client has read the 429 and starts the minute's backoff: the retry is
	// logged then. (Cancelling when the emulator has merely recorded the request could land
	// while the reply is on its way, which makes the request's outcome rightly unknown.)
	logger := slog.New(onRetry{cancel})
	c := emulatorClient(t, srv, user, &people.Config{User: user, ChunkSize: 2, Logger: logger,
		Retry: people.RetryPolicy{InitialBackoff: time.Minute, MaxBackoff: time.Minute, Rand: func() float64 { return 0.5 }}})
	res, err := c.BatchCreateContacts(ctx, contacts(6), "names", nil)
	var be *people.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *people.BatchError", err)
	}
	if res.Counts() != (people.Counts{NotSent: 6}) {
		t.Errorf("counts = %+v, want all 6 not sent", res.Counts())
	}
	if !errors.Is(be.Err, context.Canceled) {
		t.Errorf("BatchError.Err = %v, want context.Canceled: the call stopped for a reason of its own", be.Err)
	}
	for _, r := range res.Contacts[2:] {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("contact %d not sent because %v, want context.Canceled", r.Index, r.Err)
		}
	}
}

// TestCancelBetweenRequests cancels the context from the progress hook, between requests:
// the call stops there, and the result names exactly the contacts that were not sent.
func TestCancelBetweenRequests(t *testing.T) {
	t.Parallel()
	const (
		user   = "between@example.com"
		n      = 10
		chunk  = 2
		cutoff = 3 // requests done when the context is cancelled
	)
	in := contacts(n)
	tests := map[string][]people.CallOption{
		"stop on error":     nil,
		"continue on error": {people.ContinueOnError()},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			c := emulatorClient(t, srv, user, &people.Config{User: user, ChunkSize: chunk})
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			opts = append(opts, people.WithProgress(func(p people.Progress) {
				if p.Requests == cutoff {
					cancel()
				}
			}))
			res, err := c.BatchCreateContacts(ctx, in, "names", nil, opts...)
			var be *people.BatchError
			if !errors.As(err, &be) || !errors.Is(be.Err, context.Canceled) {
				t.Fatalf("err = %v, want a *people.BatchError whose Err is context.Canceled", err)
			}
			if want := (people.Counts{Created: cutoff * chunk, NotSent: n - cutoff*chunk}); be.Counts != want || res.Counts() != want {
				t.Errorf("counts = %+v (error) and %+v (result), want %+v", be.Counts, res.Counts(), want)
			}
			for i, r := range res.Contacts {
				wantSent := i < cutoff*chunk
				if sent := r.Outcome == people.OutcomeCreated; sent != wantSent {
					t.Errorf("contact %d: %v, want created %v", i, r.Outcome, wantSent)
				}
				if !wantSent && !errors.Is(r.Err, context.Canceled) {
					t.Errorf("contact %d: err %v, want context.Canceled", i, r.Err)
				}
			}
			// The emulator holds exactly the contacts reported created.
			var got []string
			for _, p := range srv.Contacts(user) {
				got = append(got, p.EmailAddresses[0].Value)
			}
			var want []string
			for _, p := range in[:cutoff*chunk] {
				want = append(want, p.EmailAddresses[0].Value)
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("emulator holds %v, want %v", got, want)
			}
		})
	}

	t.Run("streaming", func(t *testing.T) {
		t.Parallel()
		srv := peopletest.NewServer()
		t.Cleanup(srv.Close)
		c := emulatorClient(t, srv, user, &people.Config{User: user, ChunkSize: chunk})
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		read := 0
		input := func(yield func(*people.Person) bool) {
			for _, p := range in {
				read++
				if !yield(p) {
					return
				}
			}
		}
		var results []*people.BatchResult
		var last error
		for br, err := range c.BatchCreateContactsSeq(ctx, iter.Seq[*people.Person](input), "names", nil, people.ContinueOnError()) {
			results = append(results, br)
			last = err
			if len(results) == cutoff {
				cancel()
			}
		}
		if len(results) != cutoff+1 {
			t.Fatalf("%d results, want %d sent and 1 not sent", len(results), cutoff)
		}
		stop := results[cutoff]
		if stop.Offset != cutoff*chunk || len(stop.Contacts) != chunk || stop.Counts() != (people.Counts{NotSent: chunk}) {
			t.Errorf("last result = offset %d, counts %+v; want the %d contacts at %d not sent", stop.Offset, stop.Counts(), chunk, cutoff*chunk)
		}
		if !errors.Is(last, context.Canceled) {
			t.Errorf("last error = %v, want context.Canceled", last)
		}
		if want := (cutoff + 1) * chunk; read != want {
			t.Errorf("read %d contacts of the input, want %d: none after the request not sent", read, want)
		}
		if n := len(srv.Contacts(user)); n != cutoff*chunk {
			t.Errorf("emulator holds %d contacts, want %d", n, cutoff*chunk)
		}
	})
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(time.Millisecond)
	}
}

// The secrets that must never reach a log line or an error string.
const (
	secretToken = "ya29.SECRET"
	canary      = "canary-7f3a"
)

// TestNoSecretsInLogsOrErrors runs a client authenticated with an OAuth token, logging at
// debug level, through every fault the emulator knows, with contacts whose every field
// carries a canary, and checks that neither the token, nor the word Bearer, nor the canary
// shows up in a log record or in any error the call returns.
func TestNoSecretsInLogsOrErrors(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var faults []peopletest.Fault
	for _, f := range randomFaults(t, 0.5) {
		f.Probability = 0
		faults = append(faults, f)
	}
	faults = append(faults,
		// A wait past MaxServerWait, which the pacer then keeps for the user: 0.1 s, not the
		// fixture's 12.5 s, for the client's second call.
		peopletest.Fault{Kind: peopletest.FaultStatus, Status: 429, Body: shortRetryInfo(t, "0.1s")},
		peopletest.Fault{Kind: peopletest.FaultStatus, Status: 401, Body: []byte(fixture(t, "error-unauthenticated-401.json"))},
		peopletest.Fault{Kind: peopletest.FaultStatus, Status: 403, Body: []byte(fixture(t, "error-scope-403.json"))},
		peopletest.Fault{Kind: peopletest.FaultStatus, Status: 400, Body: []byte(fixture(t, "error-batch-contacts.json"))},
	)

	for _, reconcile := range []bool{false, true} {
		srv.AddFaults(faults...)
		cfg := &people.Config{
			ChunkSize:        2,
			Retry:            people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, MaxServerWait: 50 * time.Millisecond},
			MaxResponseBytes: 64 << 10,
			WritesPerMinute:  60000,
			Logger:           logger,
		}
		if reconcile {
			cfg.Reconcile = &people.ReconcileConfig{Delay: time.Millisecond}
		}
		c, err := people.NewClientWithConfig(t.Context(), cfg,
			option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: secretToken})),
			option.WithEndpoint(srv.URL+"/"))
		if err != nil {
			t.Fatalf("a client with a token for a loopback endpoint: %v", err)
		}
		t.Cleanup(func() { c.Close() })

		in := canaryContacts(2 * len(faults))
		// One contact that validation refuses, to have a validation error too.
		in[1].Names = append(in[1].Names, &people.Name{GivenName: canary})
		res, err := c.BatchCreateContacts(t.Context(), in, "names,emailAddresses,phoneNumbers,biographies", nil,
			people.ContinueOnError(), people.ResendValid(), people.SkipInvalid())
		if err == nil {
			t.Fatal("no error: the faults did not fire")
		}
		var errs []error
		errs = append(errs, err)
		for _, r := range res.Contacts {
			if r.Err != nil {
				errs = append(errs, r.Err)
			}
		}
		for br, err := range c.BatchCreateContactsSeq(t.Context(), slices.Values(canaryContacts(6)), "names", nil, people.ContinueOnError()) {
			if err != nil {
				errs = append(errs, err)
			}
			for _, r := range br.Contacts {
				if r.Err != nil {
					errs = append(errs, r.Err)
				}
			}
		}
		for _, e := range errs {
			for _, s := range []string{e.Error(), fmt.Sprintf("%v", e), fmt.Sprintf("%+v", e)} {
				checkClean(t, "error", s)
			}
		}
		t.Logf("reconcile %v: %d errors checked, such as: %v", reconcile, len(errs), err)
		if n := srv.PendingFaults(); n != 0 {
			t.Errorf("%d faults never fired", n)
		}
	}
	if srv.Requests()[0].User != secretToken {
		t.Fatalf("the emulator saw user %q: the token was not sent", srv.Requests()[0].User)
	}
	logs := buf.String()
	if !strings.Contains(logs, "people:") {
		t.Fatalf("nothing was logged:\n%s", logs)
	}
	checkClean(t, "log", logs)
	t.Logf("log lines such as: %s", logs[:strings.IndexByte(logs, '\n')])
}

// checkClean fails the test if s holds a secret.
func checkClean(t *testing.T, what, s string) {
	t.Helper()
	for _, secret := range []string{secretToken, "Bearer", canary} {
		if strings.Contains(s, secret) {
			t.Errorf("%s holds %q: %s", what, secret, s)
		}
	}
}

// canaryContacts returns n valid contacts whose every field carries the canary.
func canaryContacts(n int) []*people.Person {
	out := make([]*people.Person, n)
	for i := range out {
		out[i] = &people.Person{
			Names:          []*people.Name{{GivenName: canary, FamilyName: fmt.Sprintf("%s-%d", canary, i)}},
			EmailAddresses: []*people.EmailAddress{{Value: fmt.Sprintf("%s-%d@example.com", canary, i)}},
			PhoneNumbers:   []*people.PhoneNumber{{Value: fmt.Sprintf("+1 202 555 %04d %s", i, canary)}},
			Biographies:    []*people.Biography{{Value: "note " + canary}},
		}
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
