// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// outcome is what a client saw: an answer, or an error while sending or reading.
type outcome struct {
	status int
	header http.Header
	body   []byte
	length int64 // resp.ContentLength
	err    error
}

// send posts a batchCreateContacts body as user ("" sends no Authorization header).
func send(ctx context.Context, srv *peopletest.Server, user, body string) outcome {
	return sendMutation(ctx, srv, peopletest.MutationBatchCreateContacts, user, "", body)
}

// sendWith posts a batchCreateContacts body as user to the server at url through hc.
func sendWith(ctx context.Context, hc *http.Client, url, user, body string) outcome {
	return sendMutationWith(ctx, hc, url, peopletest.MutationBatchCreateContacts, user, "", body)
}

func TestFaultKinds(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		fault peopletest.Fault
		check func(t *testing.T, o outcome)
	}{
		"zero fault is 503": {fault: peopletest.Fault{}, check: func(t *testing.T, o outcome) {
			wantError(t, o, 503, "UNAVAILABLE", "The service is currently unavailable.")
		}},
		"status 502 HTML": {fault: peopletest.Fault{Status: 502, ContentType: "text/html; charset=UTF-8"}, check: func(t *testing.T, o outcome) {
			if o.status != 502 || o.header.Get("Content-Type") != "text/html; charset=UTF-8" || !strings.Contains(string(o.body), "<title>Error 502 (Server Error)!!1</title>") {
				t.Errorf("got %d %q %s", o.status, o.header.Get("Content-Type"), o.body)
			}
		}},
		"status 429 default body": {fault: peopletest.Fault{Status: 429}, check: func(t *testing.T, o outcome) {
			wantError(t, o, 429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).")
		}},
		"status 418 default body": {fault: peopletest.Fault{Status: 418}, check: func(t *testing.T, o outcome) {
			wantError(t, o, 418, "UNKNOWN", "I'm a teapot")
		}},
		"status 200 without body": {fault: peopletest.Fault{Status: 200}, check: func(t *testing.T, o outcome) {
			if o.status != 200 || string(o.body) != "{}\n" {
				t.Errorf("got %d %q, want 200 {}", o.status, o.body)
			}
		}},
		"status with body and header": {fault: peopletest.Fault{Status: 503, Body: []byte("oops"), ContentType: "text/plain", Header: http.Header{"Retry-After": {"7"}}},
			check: func(t *testing.T, o outcome) {
				if o.status != 503 || string(o.body) != "oops" || o.header.Get("Content-Type") != "text/plain" || o.header.Get("Retry-After") != "7" {
					t.Errorf("got %d %q %q %q", o.status, o.body, o.header.Get("Content-Type"), o.header.Get("Retry-After"))
				}
			}},
		"reset before commit": {fault: peopletest.Fault{Kind: peopletest.FaultResetBeforeCommit}, check: wantTransportError},
		"reset after commit":  {fault: peopletest.Fault{Kind: peopletest.FaultResetAfterCommit}, check: wantTransportError},
		"500 after commit": {fault: peopletest.Fault{Kind: peopletest.FaultInternalAfterCommit}, check: func(t *testing.T, o outcome) {
			wantError(t, o, 500, "INTERNAL", "Internal error encountered.")
		}},
		"slow response": {fault: peopletest.Fault{Kind: peopletest.FaultSlowResponse, Delay: 50 * time.Millisecond}, check: wantCreated},
		"truncated body": {fault: peopletest.Fault{Kind: peopletest.FaultTruncatedBody}, check: func(t *testing.T, o outcome) {
			if o.status != 200 || !errors.Is(o.err, io.ErrUnexpectedEOF) || o.length <= int64(len(o.body)) {
				t.Errorf("got %d, err %v, %d of %d bytes; want 200 and an unexpected EOF", o.status, o.err, len(o.body), o.length)
			}
		}},
		"malformed JSON": {fault: peopletest.Fault{Kind: peopletest.FaultMalformedJSON}, check: func(t *testing.T, o outcome) {
			if o.err != nil || o.status != 200 || json.Valid(o.body) || o.header.Get("Content-Type") != "application/json; charset=UTF-8" {
				t.Errorf("got %d %v %q, want 200 with invalid JSON", o.status, o.err, o.body)
			}
		}},
		"huge body": {fault: peopletest.Fault{Kind: peopletest.FaultHugeBody, Size: 1 << 20}, check: func(t *testing.T, o outcome) {
			if o.err != nil || o.status != 200 || len(o.body) != 1<<20 || o.length != -1 || !json.Valid(o.body) {
				t.Errorf("got %d %v, %d bytes (Content-Length %d), valid %v", o.status, o.err, len(o.body), o.length, json.Valid(o.body))
			}
		}},
		"huge error body": {fault: peopletest.Fault{Kind: peopletest.FaultHugeBody, Status: 503, Size: 100 << 10}, check: func(t *testing.T, o outcome) {
			if o.status != 503 || len(o.body) != 100<<10 || !json.Valid(o.body) || !strings.HasPrefix(string(o.body), `{"error":{"code":503,"status":"UNAVAILABLE"`) {
				t.Errorf("got %d, %d bytes, valid %v", o.status, len(o.body), json.Valid(o.body))
			}
		}},
		"wrong content type": {fault: peopletest.Fault{Kind: peopletest.FaultWrongContentType}, check: func(t *testing.T, o outcome) {
			if o.status != 200 || !strings.HasPrefix(o.header.Get("Content-Type"), "text/html") || json.Valid(o.body) {
				t.Errorf("got %d %q", o.status, o.header.Get("Content-Type"))
			}
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			srv.AddFaults(tc.fault)
			if srv.PendingFaults() != 1 {
				t.Fatalf("PendingFaults = %d, want 1", srv.PendingFaults())
			}
			o := send(t.Context(), srv, "u", batch("names", person("A"), person("B")))
			tc.check(t, o)

			wantStored := 0
			if tc.fault.Kind.AfterCommit() {
				wantStored = 2
			}
			if got := len(srv.Contacts("u")); got != wantStored {
				t.Errorf("%d contacts stored, want %d (AfterCommit %v)", got, wantStored, tc.fault.Kind.AfterCommit())
			}
			if n := srv.PendingFaults(); n != 0 {
				t.Errorf("PendingFaults = %d after the fault fired", n)
			}
			waitFor(t, "the request record", func() bool { return len(srv.Requests()) == 1 })
			r := srv.Requests()[0]
			if r.Fault == nil || r.Fault.Kind != tc.fault.Kind || r.Created != wantStored || r.Number != 1 {
				t.Errorf("record = %+v", r)
			}
			// The next request is served normally.
			if o := send(t.Context(), srv, "u", batch("", person("C"))); o.err != nil || o.status != 200 {
				t.Errorf("request after the fault: %d %v", o.status, o.err)
			}
		})
	}
}

func wantError(t *testing.T, o outcome, code int, status, message string) {
	t.Helper()
	if o.err != nil {
		t.Fatal(o.err)
	}
	e := decodeError(t, result{status: o.status, header: o.header, body: o.body})
	if o.status != code || e.Error.Code != code || e.Error.Status != status || e.Error.Message != message {
		t.Errorf("got %d %+v, want %d %s %q", o.status, e.Error, code, status, message)
	}
}

func wantTransportError(t *testing.T, o outcome) {
	t.Helper()
	if o.err == nil {
		t.Errorf("got %d %s, want a transport error", o.status, o.body)
	}
}

func wantCreated(t *testing.T, o outcome) {
	t.Helper()
	if o.err != nil || o.status != 200 {
		t.Errorf("got %d %v", o.status, o.err)
	}
}

func TestSlowResponseOutlivesClientDeadline(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultSlowResponse, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	o := send(ctx, srv, "u", batch("", person("A")))
	if !errors.Is(o.err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a deadline", o.err)
	}
	// The handler notices the client left and stops waiting long before the minute is up.
	waitFor(t, "the request record", func() bool { return len(srv.Requests()) == 1 })
	if time.Since(start) > 10*time.Second {
		t.Errorf("the server kept waiting after the client left")
	}
	if r := srv.Requests()[0]; r.Status != 0 || r.Created != 1 {
		t.Errorf("record = %+v, want no status and 1 created", r)
	}
	if n := len(srv.Contacts("u")); n != 1 {
		t.Errorf("%d contacts stored, want 1: the outcome is ambiguous, not void", n)
	}
}

func TestHugeBodyStopsWhenClientLeaves(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultHugeBody}) // 32 MiB
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+batchPath, strings.NewReader(batch("", person("A"))))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.CopyN(io.Discard, resp.Body, 1<<20)
	resp.Body.Close() // gives up after 1 MiB
	if n != 1<<20 {
		t.Errorf("read %d bytes", n)
	}
	waitFor(t, "the request record", func() bool { return len(srv.Requests()) == 1 })
}

func TestFaultMatching(t *testing.T) {
	t.Parallel()
	status := func(code int) peopletest.Fault { return peopletest.Fault{Status: code} }
	tests := map[string]struct {
		faults []peopletest.Fault
		users  []string // one request per entry
		want   []int    // statuses
		left   int      // pending faults at the end
	}{
		"next requests in queue order": {faults: []peopletest.Fault{status(500), status(503)}, users: []string{"a", "a", "a"}, want: []int{500, 503, 200}},
		"by request number": {faults: []peopletest.Fault{{Status: 502, Request: 3}, {Status: 504, Request: 2}},
			users: []string{"a", "b", "a", "b"}, want: []int{200, 504, 502, 200}},
		"by user": {faults: []peopletest.Fault{{Status: 503, User: "b"}}, users: []string{"a", "a", "b", "b"}, want: []int{200, 200, 503, 200}},
		"number and user must both match": {faults: []peopletest.Fault{{Status: 503, User: "b", Request: 1}},
			users: []string{"a", "b"}, want: []int{200, 200}, left: 1},
		"past number stays pending": {faults: []peopletest.Fault{{Status: 503, Request: 1}, {Status: 500, Request: 1}},
			users: []string{"a", "a"}, want: []int{503, 200}, left: 1},
		"certain probability never used up": {faults: []peopletest.Fault{{Status: 503, Probability: 1}},
			users: []string{"a", "a", "a"}, want: []int{503, 503, 503}},
		"queued fault after probabilistic miss": {faults: []peopletest.Fault{{Status: 503, Probability: 1e-12}, status(500)},
			users: []string{"a", "a"}, want: []int{500, 200}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			srv.AddFaults(tc.faults...)
			var got []int
			for _, u := range tc.users {
				got = append(got, send(t.Context(), srv, u, batch("", person("A"))).status)
				// Reads never fire a fault.
				if res := mustDo(t, srv, u, http.MethodGet, connPath+"?personFields=names", nil); res.status != 200 {
					t.Errorf("read got %d", res.status)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			if n := srv.PendingFaults(); n != tc.left {
				t.Errorf("PendingFaults = %d, want %d", n, tc.left)
			}
		})
	}
}

func TestProbabilisticFaultsFollowTheSeed(t *testing.T) {
	t.Parallel()
	pattern := func(seed int64) []int {
		srv := newServer(t, peopletest.WithSeed(seed))
		srv.AddFaults(peopletest.Fault{Status: 503, Probability: 0.5})
		var out []int
		for range 40 {
			out = append(out, send(t.Context(), srv, "a", batch("", person("A"))).status)
		}
		if srv.PendingFaults() != 0 {
			t.Errorf("a probabilistic fault counts as pending")
		}
		return out
	}
	a, b := pattern(42), pattern(42)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different faults (-first +second):\n%s", diff)
	}
	fired := 0
	for _, s := range a {
		if s == 503 {
			fired++
		}
	}
	if fired < 5 || fired > 35 {
		t.Errorf("fired %d times out of 40 with probability 0.5", fired)
	}
}

func TestAddFaultsRejectsBadStatus(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	for _, status := range []int{42, 100, 600} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("AddFaults accepted Status %d", status)
				}
			}()
			srv.AddFaults(peopletest.Fault{Status: status})
		}()
	}
	if n := srv.PendingFaults(); n != 0 {
		t.Errorf("PendingFaults = %d", n)
	}
}

func TestFaultKindNames(t *testing.T) {
	t.Parallel()
	for k := peopletest.FaultStatus; k <= peopletest.FaultWrongContentType; k++ {
		got, ok := peopletest.ParseFaultKind(k.String())
		if !ok || got != k {
			t.Errorf("ParseFaultKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := peopletest.ParseFaultKind("nope"); ok {
		t.Error("ParseFaultKind accepted an unknown name")
	}
	if s := peopletest.FaultKind(99).String(); s != "FaultKind(99)" {
		t.Errorf("String = %q", s)
	}
}
