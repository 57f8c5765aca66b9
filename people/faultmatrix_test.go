// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The fault matrix sends 7 contacts in requests of 3, 3 and 1 with ContinueOnError; the fault
// fires on the second mutate request the emulator sees, whose contacts are 3, 4 and 5.
const (
	matrixContacts = 7
	matrixChunk    = 3
	matrixUser     = "matrix@example.com"
)

// outcome is what a fault-matrix case must end with, for one setting of reconciliation.
type outcome struct {
	counts      people.Counts
	unconfirmed int // created contacts whose reply could not be read (Err set)
	mutations   int // POST :batchCreateContacts the emulator saw
	stored      int // contacts the emulator holds
	lists       bool
}

type matrixCase struct {
	name string
	// fault fires on the second mutate request; nil with refused.
	fault *peopletest.Fault
	// refused points the client at a closed port instead of the emulator.
	refused bool
	// deadline bounds the call; zero means none.
	deadline time.Duration
	// config adjusts the client's settings.
	config func(*people.Config)
	// hint is the least wait before the retry that the server asked for.
	hint time.Duration
	// retryAt is set when the server asked for a wait too long to make: the call returns a
	// *people.RetryError with RetryAt about this far ahead.
	retryAt time.Duration
	// off and on are the outcomes without and with reconciliation.
	off, on outcome
}

// Outcomes shared by the fault kinds that behave alike.
var (
	// Throttled (429, 409): not applied, retried at once, every contact created.
	retried = outcome{counts: people.Counts{Created: 7}, mutations: 4, stored: 7}
	// Refused before commit but ambiguous to the client (5xx, a reset after the request was
	// written): unknown, never re-sent; reconciliation finds them missing and sends them again.
	beforeCommitOff = outcome{counts: people.Counts{Created: 4, Unknown: 3}, mutations: 3, stored: 4}
	beforeCommitOn  = outcome{counts: people.Counts{Created: 7}, mutations: 4, stored: 7, lists: true}
	// Applied, then the answer was lost: unknown; reconciliation finds them created.
	afterCommitOff = outcome{counts: people.Counts{Created: 4, Unknown: 3}, mutations: 3, stored: 7}
	afterCommitOn  = outcome{counts: people.Counts{Created: 7}, mutations: 3, stored: 7, lists: true}
	// A 2xx whose body cannot be read: created but unconfirmed; reconciliation confirms them.
	spoiltOff = outcome{counts: people.Counts{Created: 7}, unconfirmed: 3, mutations: 3, stored: 7}
	spoiltOn  = outcome{counts: people.Counts{Created: 7}, mutations: 3, stored: 7, lists: true}
)

func matrixCases(t *testing.T) []matrixCase {
	quota := []byte(fixture(t, "error-quota-429.json"))
	retryInfo := []byte(fixture(t, "error-quota-retryinfo-429.json"))
	status := func(code int, body []byte, hdr ...string) *peopletest.Fault {
		f := &peopletest.Fault{Kind: peopletest.FaultStatus, Request: 2, Status: code, Body: body}
		if len(hdr) > 0 {
			f.Header = http.Header{hdr[0]: {hdr[1]}}
		}
		return f
	}
	kind := func(k peopletest.FaultKind) *peopletest.Fault {
		return &peopletest.Fault{Kind: k, Request: 2}
	}
	html502 := status(http.StatusBadGateway, []byte(fixture(t, "proxy-502.html")))
	html502.ContentType = "text/html; charset=UTF-8"
	huge := kind(peopletest.FaultHugeBody)
	huge.Size = 4 << 20
	portal := status(http.StatusOK, []byte("<!DOCTYPE html><title>Sign in to the network</title>"))
	portal.ContentType = "text/html; charset=utf-8"
	slow := kind(peopletest.FaultSlowResponse)
	slow.Delay = 10 * time.Second
	// The deadline passes while the second request waits for its answer: its contacts were
	// created but stay unknown, the third request is never sent. Reconciliation cannot run
	// either: it needs the context that has just expired.
	deadlineOutcome := outcome{counts: people.Counts{Created: 3, Unknown: 3, NotSent: 1}, mutations: 2, stored: 6}
	refusedOutcome := outcome{counts: people.Counts{NotSent: 7}}

	return []matrixCase{
		{name: "429 without hint", fault: status(429, quota), off: retried, on: retried},
		{name: "429 with Retry-After", fault: status(429, quota, "Retry-After", "1"), hint: time.Second, off: retried, on: retried},
		{name: "429 with RetryInfo", fault: status(429, shortRetryInfo(t, "0.3s")), hint: 300 * time.Millisecond, off: retried, on: retried},
		{name: "429 with RetryInfo past MaxServerWait", fault: status(429, retryInfo), retryAt: 12500 * time.Millisecond,
			config: func(c *people.Config) { c.Retry.MaxServerWait = 5 * time.Second },
			off:    outcome{counts: people.Counts{Created: 4, NotSent: 3}, mutations: 3, stored: 4},
			on:     outcome{counts: people.Counts{Created: 4, NotSent: 3}, mutations: 3, stored: 4}},
		{name: "429 with QuotaFailure only", fault: status(429, []byte(fixture(t, "error-quota-fbs-429.json"))), off: retried, on: retried},
		{name: "409 aborted", fault: status(409, []byte(fixture(t, "error-unknown-detail.json"))), off: retried, on: retried},
		{name: "503", fault: status(503, nil), off: beforeCommitOff, on: beforeCommitOn},
		{name: "500", fault: status(500, []byte(fixture(t, "error-internal-500.json"))), off: beforeCommitOff, on: beforeCommitOn},
		{name: "502 html", fault: html502, off: beforeCommitOff, on: beforeCommitOn},
		{name: "504", fault: status(504, nil), off: beforeCommitOff, on: beforeCommitOn},
		{name: "connection refused", refused: true, off: refusedOutcome, on: refusedOutcome},
		{name: "reset before processing", fault: kind(peopletest.FaultResetBeforeCommit), off: beforeCommitOff, on: beforeCommitOn},
		{name: "reset after commit", fault: kind(peopletest.FaultResetAfterCommit), off: afterCommitOff, on: afterCommitOn},
		{name: "500 after commit", fault: kind(peopletest.FaultInternalAfterCommit), off: afterCommitOff, on: afterCommitOn},
		{name: "reply slower than the deadline", fault: slow, deadline: time.Second, off: deadlineOutcome, on: deadlineOutcome},
		{name: "truncated 200", fault: kind(peopletest.FaultTruncatedBody), off: spoiltOff, on: spoiltOn},
		{name: "malformed JSON 200", fault: kind(peopletest.FaultMalformedJSON), off: spoiltOff, on: spoiltOn},
		{name: "huge body", fault: huge, config: func(c *people.Config) { c.MaxResponseBytes = 256 << 10 }, off: spoiltOff, on: spoiltOn},
		// A 200 that is not the API's JSON answer, such as a captive portal's sign-in page,
		// does not tell whether the request reached the API: unknown, like a 5xx. Whether it
		// was applied (the emulator's wrong-content-type fault) or not (a portal that
		// answered in the API's place), reconciliation settles it.
		{name: "wrong content type", fault: kind(peopletest.FaultWrongContentType), off: afterCommitOff, on: afterCommitOn},
		{name: "captive portal", fault: portal, off: beforeCommitOff, on: beforeCommitOn},
	}
}

// TestFaultMatrix runs every fault the emulator knows, and a refused connection, with
// reconciliation off and on, and checks each contact's outcome against what the emulator
// did: outcomes add up, nothing is stored twice, requests never overlap, a request that may
// have been applied is never sent again blindly, and with reconciliation nothing the server
// could answer for ends unknown.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	for _, tc := range matrixCases(t) {
		for _, reconcile := range []bool{false, true} {
			name := tc.name
			want := tc.off
			if reconcile {
				name += "/reconcile"
				want = tc.on
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				if tc.waits() {
					synctest.Test(t, func(t *testing.T) { runMatrixCase(t, tc, reconcile, want) })
					return
				}
				runMatrixCase(t, tc, reconcile, want)
			})
		}
	}
}

// waits reports whether the case waits for the server's hint or for its deadline: it then
// runs in a testing/synctest bubble, on fake time, over in-memory pipes.
func (tc matrixCase) waits() bool { return tc.hint > 0 || tc.retryAt > 0 || tc.deadline > 0 }

// runMatrixCase runs one case of TestFaultMatrix, with reconciliation on or off, and checks
// that it ends with want.
func runMatrixCase(t *testing.T, tc matrixCase, reconcile bool, want outcome) {
	var srv *peopletest.Server
	var base http.RoundTripper
	if tc.waits() {
		srv, base = pipeServer(t)
	} else {
		srv = peopletest.NewServer()
		t.Cleanup(srv.Close)
		base = srv.Client().Transport
	}
	if tc.fault != nil {
		srv.AddFaults(*tc.fault)
	}
	cfg := &people.Config{
		User:      matrixUser,
		ChunkSize: matrixChunk,
		Retry:     people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond},
		// Paced from the start at a rate that never binds: a throttle then slows
		// the next requests by milliseconds, not the second that pacing from off
		// would assume with nothing measured yet.
		WritesPerMinute: 60000,
	}
	if reconcile {
		cfg.Reconcile = &people.ReconcileConfig{Delay: time.Millisecond}
	}
	if tc.config != nil {
		tc.config(cfg)
	}
	w := &wire{base: base, user: matrixUser}
	opts := []option.ClientOption{option.WithEndpoint(srv.URL + "/"), option.WithHTTPClient(&http.Client{Transport: w})}
	if tc.refused {
		opts = []option.ClientOption{option.WithEndpoint("http://" + closedAddr(t) + "/"), option.WithoutAuthentication()}
	}
	c, err := people.NewClientWithConfig(t.Context(), cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })

	ctx := t.Context()
	if tc.deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, tc.deadline)
		defer cancel()
	}
	start := time.Now()
	res, err := c.BatchCreateContacts(ctx, contacts(matrixContacts), "names", nil, people.ContinueOnError())
	elapsed := time.Since(start)
	settle(t, srv, matrixUser, w)

	got := res.Counts()
	checkInvariants(t, srv, matrixUser, res, matrixContacts)
	if tc.refused {
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("emulator saw %d requests with the client pointed elsewhere", n)
		}
	} else {
		checkSequential(t, srv, matrixUser, w)
	}
	if got != want.counts {
		t.Errorf("counts = %+v, want %+v (err %v)", got, want.counts, err)
	}
	if (err == nil) != (got.Created == matrixContacts) {
		t.Errorf("err = %v with counts %+v", err, got)
	}
	if n := unconfirmed(res); n != want.unconfirmed {
		t.Errorf("%d created contacts unconfirmed, want %d", n, want.unconfirmed)
	}
	mutations, lists := requestCounts(srv, matrixUser)
	if mutations != want.mutations {
		t.Errorf("emulator saw %d batchCreateContacts requests, want %d", mutations, want.mutations)
	}
	if (lists > 0) != want.lists {
		t.Errorf("emulator saw %d connections.list requests, want some: %v", lists, want.lists)
	}
	if n := len(srv.Contacts(matrixUser)); n != want.stored {
		t.Errorf("emulator holds %d contacts, want %d", n, want.stored)
	}
	if n := srv.PendingFaults(); n != 0 {
		t.Errorf("%d faults never fired", n)
	}
	if reconcile && tc.deadline == 0 && !tc.refused && got.Unknown != 0 {
		t.Errorf("%d contacts unknown with reconciliation on", got.Unknown)
	}
	for _, r := range res.Contacts {
		if r.Outcome == people.OutcomeCreated && r.Err == nil && r.ResourceName() == "" {
			t.Errorf("contact %d created without a resource name", r.Index)
		}
	}

	if tc.hint > 0 {
		if gap := retryGap(srv, matrixUser); gap < tc.hint {
			t.Errorf("retried %v after the 429, want at least the server's %v", gap, tc.hint)
		}
	}
	if tc.retryAt > 0 {
		var re *people.RetryError
		if !errors.As(err, &re) {
			t.Fatalf("err = %v, want a *people.RetryError", err)
		}
		if d := time.Until(re.RetryAt); d < tc.retryAt-elapsed-time.Second || d > tc.retryAt {
			t.Errorf("RetryAt in %v, want about %v", d, tc.retryAt)
		}
	}
	if tc.refused {
		var re *people.RequestError
		if !errors.As(err, &re) || re.Attempts != people.DefaultRetryPolicy().MaxAttempts {
			t.Errorf("first failed request = %+v, want %d attempts", re, people.DefaultRetryPolicy().MaxAttempts)
		}
	}
	if tc.deadline > 0 {
		// The reply takes 10 s; on the bubble's fake time, a call that gave up at its
		// deadline ends exactly then.
		if elapsed != tc.deadline {
			t.Errorf("call took %v with a deadline of %v", elapsed, tc.deadline)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want one matching context.DeadlineExceeded", err)
		}
	}
}

// TestRandomFaultSchedules imports contacts through seeded random schedules of every fault
// kind (about one request in ten meets one), with reconciliation off and on: 500 contacts in
// 25 requests of 20, for 5 seeds; with PEOPLEBATCH_LONG=1, 5,000 contacts in 25 requests of
// 200, for 10 seeds. Without reconciliation, only throttled requests are sent again and the
// emulator holds exactly the created contacts plus some of the unknown ones; with it, nothing
// ends unknown and the emulator holds exactly the created contacts. Outcomes always add up
// and nothing is stored twice. PEOPLE_FAULT_SEEDS=n runs n seeds.
func TestRandomFaultSchedules(t *testing.T) {
	t.Parallel()
	seeds, n, chunk := 5, 500, 20 // 25 requests per import: the faults meet requests, not contacts
	if os.Getenv("PEOPLEBATCH_LONG") == "1" {
		seeds, n, chunk = 10, 5000, people.MaxContactsPerRequest
	}
	if v := os.Getenv("PEOPLE_FAULT_SEEDS"); v != "" {
		s, err := strconv.Atoi(v)
		if err != nil || s < 1 {
			t.Fatalf("PEOPLE_FAULT_SEEDS=%q: want a positive number", v)
		}
		seeds = s
	}
	if testing.Short() {
		seeds = 1
	}
	faults := randomFaults(t, 0.10)
	for seed := range int64(seeds) {
		for _, reconcile := range []bool{false, true} {
			name := fmt.Sprintf("seed %d", seed)
			if reconcile {
				name += "/reconcile"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				srv := peopletest.NewServer(peopletest.WithSeed(seed))
				t.Cleanup(srv.Close)
				srv.AddFaults(faults...)
				const user = "random@example.com"
				cfg := &people.Config{
					User:             user,
					ChunkSize:        chunk,
					Retry:            people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond},
					MaxResponseBytes: 512 << 10,
					// The 429s here are faults, not a quota: pacing from off would take the
					// first one, with nothing measured yet, for a quota of 60 a minute.
					WritesPerMinute: 60000,
				}
				if reconcile {
					cfg.Reconcile = &people.ReconcileConfig{Delay: time.Millisecond}
				}
				c, w := wiredClient(t, srv, user, cfg)
				start := time.Now()
				res, err := c.BatchCreateContacts(t.Context(), contacts(n), "names", nil, people.ContinueOnError())
				got := res.Counts()
				settle(t, srv, user, w)

				mutations, lists := requestCounts(srv, user)
				faulted, throttled := faultCounts(srv, user)
				have := stored(srv, user)
				t.Logf("%v: %d requests, %d faulted (%d throttled), %d lists; counts %+v, %d unconfirmed; emulator holds %d",
					time.Since(start).Round(time.Millisecond), mutations, faulted, throttled, lists, got, unconfirmed(res), have)
				checkInvariants(t, srv, user, res, n)
				checkSequential(t, srv, user, w)
				if faulted == 0 {
					t.Error("no fault fired: the schedule tests nothing")
				}
				if got.Failed != 0 || got.NotSent != 0 {
					t.Errorf("counts %+v: nothing should fail or stay unsent (err %v)", got, err)
				}
				if reconcile {
					if got.Unknown != 0 || unconfirmed(res) != 0 {
						t.Errorf("%d unknown and %d unconfirmed with reconciliation on", got.Unknown, unconfirmed(res))
					}
					if have != got.Created {
						t.Errorf("emulator holds %d contacts, the result says %d created", have, got.Created)
					}
					return
				}
				// Only refused-unapplied attempts (429) are sent again.
				if want := n/chunk + throttled; mutations != want {
					t.Errorf("emulator saw %d batchCreateContacts requests, want %d requests + %d retries of a 429",
						mutations, n/chunk, throttled)
				}
				if have < got.Created || have > got.Created+got.Unknown {
					t.Errorf("emulator holds %d contacts, want between %d created and %d created or unknown",
						have, got.Created, got.Created+got.Unknown)
				}
			})
		}
	}
}

// randomFaults returns one probabilistic fault of every kind, the kinds together firing on
// about share of the requests.
func randomFaults(t *testing.T, share float64) []peopletest.Fault {
	html := fixture(t, "proxy-502.html")
	fs := []peopletest.Fault{
		{Kind: peopletest.FaultStatus, Status: 429, Body: []byte(fixture(t, "error-quota-429.json"))},
		{Kind: peopletest.FaultStatus, Status: 429, Body: []byte(fixture(t, "error-quota-fbs-429.json"))},
		{Kind: peopletest.FaultStatus, Status: 503},
		{Kind: peopletest.FaultStatus, Status: 500},
		{Kind: peopletest.FaultStatus, Status: 502, Body: []byte(html), ContentType: "text/html; charset=UTF-8"},
		{Kind: peopletest.FaultStatus, Status: 504},
		{Kind: peopletest.FaultResetBeforeCommit},
		{Kind: peopletest.FaultResetAfterCommit},
		{Kind: peopletest.FaultInternalAfterCommit},
		{Kind: peopletest.FaultSlowResponse, Delay: 20 * time.Millisecond},
		{Kind: peopletest.FaultTruncatedBody},
		{Kind: peopletest.FaultMalformedJSON},
		{Kind: peopletest.FaultHugeBody, Size: 2 << 20},
		{Kind: peopletest.FaultWrongContentType},
	}
	// Each of k faults fires with p; together 1-(1-p)^k.
	p := 1 - math.Pow(1-share, 1/float64(len(fs)))
	for i := range fs {
		fs[i].Probability = p
	}
	return fs
}

// shortRetryInfo returns the fixture error-quota-retryinfo-429.json with a retryDelay of
// delay instead of its 12.5 s.
func shortRetryInfo(t *testing.T, delay string) []byte {
	t.Helper()
	long := fixture(t, "error-quota-retryinfo-429.json")
	short := strings.Replace(long, `"12.5s"`, strconv.Quote(delay), 1)
	if short == long {
		t.Fatal("error-quota-retryinfo-429.json no longer holds a retryDelay of 12.5s")
	}
	return []byte(short)
}

// checkInvariants checks what holds for every call: one result per input contact, at its
// index, outcomes adding up, and no contact stored twice.
func checkInvariants(t *testing.T, srv *peopletest.Server, user string, res *people.Result, want int) {
	t.Helper()
	if got := len(res.Contacts); got != want {
		t.Fatalf("%d results for %d contacts", got, want)
	}
	c := res.Counts()
	if c.Created+c.Failed+c.NotSent+c.Unknown != want {
		t.Errorf("counts %+v add up to %d, want %d", c, c.Total(), want)
	}
	for i, r := range res.Contacts {
		if r.Index != i {
			t.Fatalf("result %d has Index %d", i, r.Index)
		}
		if r.Outcome != people.OutcomeCreated && r.Err == nil {
			t.Errorf("contact %d: %v without an error", i, r.Outcome)
		}
	}
	if d := srv.Duplicates(user); d != 0 {
		t.Errorf("emulator holds %d duplicates", d)
	}
}

// unconfirmed counts the contacts reported created whose reply could not be read.
func unconfirmed(res *people.Result) int {
	n := 0
	for _, r := range res.Contacts {
		if r.Outcome == people.OutcomeCreated && r.Err != nil {
			n++
		}
	}
	return n
}

// requestCounts counts user's batchCreateContacts and connections.list requests.
func requestCounts(srv *peopletest.Server, user string) (mutations, lists int) {
	for _, r := range srv.Requests() {
		if r.User != user {
			continue
		}
		if r.Number > 0 {
			mutations++
		} else if r.Method == http.MethodGet {
			lists++
		}
	}
	return mutations, lists
}

// faultCounts counts user's mutate requests that met a fault, and those answered 429.
func faultCounts(srv *peopletest.Server, user string) (faulted, throttled int) {
	for _, r := range srv.Requests() {
		if r.User != user || r.Number == 0 {
			continue
		}
		if r.Fault != nil {
			faulted++
		}
		if r.Status == http.StatusTooManyRequests {
			throttled++
		}
	}
	return faulted, throttled
}

// retryGap returns the time between the arrival of user's first 429 and of the request after
// it.
func retryGap(srv *peopletest.Server, user string) time.Duration {
	var at time.Time
	for _, r := range srv.Requests() { // in the order they finished: one at a time here
		if r.User != user || r.Number == 0 {
			continue
		}
		if !at.IsZero() {
			return r.Time.Sub(at)
		}
		if r.Status == http.StatusTooManyRequests {
			at = r.Time
		}
	}
	return 0
}

// wire stands between a client and the emulator. It sends the user's bearer token, as
// Server.ClientOptions does, and records what the client puts on the wire: how many
// batchCreateContacts requests it sent, and how many were in flight at once, each from the
// moment it is sent until its reply is closed or fails.
type wire struct {
	base http.RoundTripper
	user string

	mu                      sync.Mutex
	posts, inFlight, maxFly int
}

func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	c := r.Clone(r.Context())
	c.Header.Set("Authorization", "Bearer "+w.user)
	if r.Method != http.MethodPost {
		return w.base.RoundTrip(c)
	}
	w.mu.Lock()
	w.posts++
	w.inFlight++
	w.maxFly = max(w.maxFly, w.inFlight)
	w.mu.Unlock()
	resp, err := w.base.RoundTrip(c)
	if err != nil {
		w.done()
		return nil, err
	}
	resp.Body = &doneOnClose{ReadCloser: resp.Body, done: w.done}
	return resp, nil
}

func (w *wire) done() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
}

func (w *wire) sent() (posts, maxInFlight int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.posts, w.maxFly
}

type doneOnClose struct {
	io.ReadCloser
	once sync.Once
	done func()
}

func (d *doneOnClose) Close() error {
	err := d.ReadCloser.Close()
	d.once.Do(d.done)
	return err
}

// wiredClient returns a client of srv acting as user through a wire, closed when the test
// ends.
func wiredClient(t *testing.T, srv *peopletest.Server, user string, cfg *people.Config) (*people.Client, *wire) {
	t.Helper()
	w := &wire{base: srv.Client().Transport, user: user}
	c, err := people.NewClientWithConfig(t.Context(), cfg,
		option.WithEndpoint(srv.URL+"/"), option.WithHTTPClient(&http.Client{Transport: w}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, w
}

// settle closes srv and waits until it has recorded every batchCreateContacts request the
// wire sent. Close waits for the handlers in flight, except those that took their connection
// over to reset or truncate it: they record their request a moment after the client has seen
// the connection end.
func settle(t *testing.T, srv *peopletest.Server, user string, w *wire) {
	t.Helper()
	srv.Close()
	posts, _ := w.sent()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mutations, _ := requestCounts(srv, user)
		if mutations >= posts {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("emulator recorded %d batchCreateContacts requests, the client sent %d", mutations, posts)
		}
		time.Sleep(time.Millisecond)
	}
}

// outlivesConnection reports whether the emulator's handler for a fault of kind k goes on
// after the client has seen the end of the exchange: it resets or truncates the connection
// it took over, or streams a body the client stops reading.
func outlivesConnection(k peopletest.FaultKind) bool {
	switch k {
	case peopletest.FaultResetBeforeCommit, peopletest.FaultResetAfterCommit,
		peopletest.FaultTruncatedBody, peopletest.FaultHugeBody:
		return true
	}
	return false
}

// checkSequential checks that user's requests never overlapped. The client side is strict:
// never two batchCreateContacts requests between sending one and closing its reply. The
// emulator counts a request in flight until its handler returns, which, after a fault that
// outlives the connection, is a moment after the client has moved on; an overlap of the
// request right after such a fault is the emulator's, and is logged, not failed.
func checkSequential(t *testing.T, srv *peopletest.Server, user string, w *wire) {
	t.Helper()
	if _, fly := w.sent(); fly > 1 {
		t.Errorf("client had %d requests in flight at once, want 1", fly)
	}
	byNumber := map[int]peopletest.Request{}
	for _, r := range srv.Requests() {
		if r.User == user && r.Number > 0 {
			byNumber[r.Number] = r
		}
	}
	excused := 0
	for n, r := range byNumber {
		if !r.Overlapped {
			continue
		}
		if prev, ok := byNumber[n-1]; ok && prev.Fault != nil && outlivesConnection(prev.Fault.Kind) {
			excused++
			continue
		}
		t.Errorf("request %d started while another of %s was in flight", n, user)
	}
	if m := srv.MaxInFlight(user); m > 1 && excused == 0 {
		t.Errorf("MaxInFlight = %d, want 1", m)
	}
	if excused > 0 {
		t.Logf("%d requests overlapped the tail of a handler that outlived its connection", excused)
	}
}

// closedAddr returns a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
