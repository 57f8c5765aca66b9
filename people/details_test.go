// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// The wire fixtures of testdata/fixtures, decoded through the public path: an httptest
// server answers BatchCreateContacts with a fixture, and the test asserts what the caller
// gets, field by field.

// rawDetails returns the "details" objects of an error fixture, byte for byte.
func rawDetails(t *testing.T, fixture []byte) []json.RawMessage {
	t.Helper()
	var env struct {
		Error struct {
			Details []json.RawMessage `json:"details"`
		} `json:"error"`
	}
	if err := json.Unmarshal(fixture, &env); err != nil {
		t.Fatal(err)
	}
	return env.Error.Details
}

// scriptedReply is the answer to one request; the zero value means success for every
// contact of the request.
type scriptedReply struct {
	status      int
	contentType string
	body        []byte
}

// fixtureServer answers batchCreateContacts: the request numbered n (from 0) gets
// replies[n] when there is one, success otherwise.
type fixtureServer struct {
	mu       sync.Mutex
	replies  map[int]scriptedReply
	requests []int // contacts per request, in order
}

func (s *fixtureServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/people:batchCreateContacts" {
		http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
		return
	}
	var req struct {
		Contacts []json.RawMessage `json:"contacts"`
		ReadMask string            `json:"readMask"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, len(req.Contacts))
	rep, ok := s.replies[n]
	s.mu.Unlock()
	if !ok {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		if req.ReadMask == "" {
			fmt.Fprint(w, "{}")
			return
		}
		var b strings.Builder
		b.WriteString(`{"createdPeople":[`)
		for i := range req.Contacts {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"person":{"resourceName":"people/c%d-%d","etag":"%%e"},"status":{}}`, n, i)
		}
		b.WriteString(`]}`)
		fmt.Fprint(w, b.String())
		return
	}
	ct := rep.contentType
	if ct == "" {
		ct = "application/json; charset=UTF-8"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(rep.status)
	w.Write(rep.body)
}

func (s *fixtureServer) sizes() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.requests...)
}

// newFixtureClient starts a fixtureServer and returns a client that tries each request once.
func newFixtureClient(t *testing.T, cfg people.Config, replies map[int]scriptedReply) (*people.Client, *fixtureServer) {
	t.Helper()
	fs := &fixtureServer{replies: replies}
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	cfg.Retry.MaxAttempts = 1
	c, err := people.NewClientWithConfig(t.Context(), &cfg,
		option.WithEndpoint(srv.URL+"/"), option.WithoutAuthentication())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, fs
}

// validContacts returns n valid, distinct contacts.
func validContacts(n int) []*people.Person {
	out := make([]*people.Person, n)
	for i := range out {
		out[i] = &people.Person{
			Names:          []*people.Name{{GivenName: "Given", FamilyName: fmt.Sprintf("Family%d", i)}},
			EmailAddresses: []*people.EmailAddress{{Value: fmt.Sprintf("c%d@example.com", i)}},
		}
	}
	return out
}

// errorCmpOpts compare *people.Error values: the header is checked on its own, and the
// unexported type URL of BatchCreateContactsErrorDetails through TypeURL.
var errorCmpOpts = cmp.Options{
	cmpopts.IgnoreFields(people.Error{}, "Header"),
	cmpopts.IgnoreUnexported(people.BatchCreateContactsErrorDetails{}),
}

// batchContactStatuses are the two contact statuses of error-batch-contacts.json.
func batchContactStatuses() map[int]*people.Status {
	return map[int]*people.Status{
		1: {
			Code:    people.InvalidArgument,
			Message: "Invalid person.names: only one name is allowed for a contact.",
			Details: people.Details{&people.BadRequest{FieldViolations: []people.FieldViolation{
				{Field: "contacts[1].contact_person.names", Description: "Only one name is allowed for a contact."},
			}}},
		},
		4: {
			Code:    people.InvalidArgument,
			Message: "Invalid person.birthdays[0].date: month must be between 1 and 12.",
			Details: people.Details{&people.BadRequest{FieldViolations: []people.FieldViolation{
				{Field: "contacts[4].contact_person.birthdays[0].date.month", Description: "Month must be between 1 and 12."},
			}}},
		},
	}
}

const quotaMessage = "Quota exceeded for quota metric 'Critical write requests' and limit 'Critical write requests per minute per user' of service 'people.googleapis.com' for consumer 'project_number:123456789012'."

func TestErrorFixtures(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status      int
		contentType string
		want        func(raw []json.RawMessage) *people.Error
		outcome     people.Outcome         // of every contact not in failed
		failed      map[int]*people.Status // contacts the server refused, by input index
		retryError  bool                   // the *Error comes wrapped in a *people.RetryError
		retryDelay  time.Duration          // what Error.RetryDelay reports; 0 for none
	}{
		"error-bad-readmask-400.json": {
			status: 400, outcome: people.OutcomeFailed,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 400, Code: people.InvalidArgument, Status: "INVALID_ARGUMENT",
					Message: `Invalid readMask path "adresy".`,
					Details: people.Details{&people.BadRequest{FieldViolations: []people.FieldViolation{
						{Field: "read_mask", Description: `Invalid readMask path "adresy".`},
					}}},
				}
			},
		},
		"error-batch-contacts.json": {
			status: 400, outcome: people.OutcomeNotSent, failed: batchContactStatuses(),
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 400, Code: people.InvalidArgument, Status: "INVALID_ARGUMENT",
					Message: "Request contains an invalid argument.",
					Details: people.Details{
						&people.BatchCreateContactsErrorDetails{ContactErrors: batchContactStatuses()},
						&people.RequestInfo{RequestID: "0f3a2c1e-9b7d-4e21-a8f4-2d6c5b1e7a90"},
					},
				}
			},
		},
		"error-internal-500.json": {
			status: 500, outcome: people.OutcomeUnknown,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{HTTPStatus: 500, Code: people.Internal, Status: "INTERNAL", Message: "Internal error encountered."}
			},
		},
		"error-legacy-400.json": {
			status: 400, outcome: people.OutcomeFailed,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 400, Code: people.InvalidArgument, Status: "INVALID_ARGUMENT",
					Message: "Request contains an invalid argument.",
					Errors:  []people.LegacyError{{Message: "Request contains an invalid argument.", Domain: "global", Reason: "badRequest"}},
				}
			},
		},
		"error-quota-429.json": {
			status: 429, outcome: people.OutcomeNotSent, retryError: true,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 429, Code: people.ResourceExhausted, Status: "RESOURCE_EXHAUSTED", Message: quotaMessage,
					Details: people.Details{&people.ErrorInfo{
						Reason: "RATE_LIMIT_EXCEEDED", Domain: "googleapis.com",
						Metadata: map[string]string{
							"service":      "people.googleapis.com",
							"consumer":     "projects/123456789012",
							"quota_metric": "people.googleapis.com/critical_write_requests",
							"quota_limit":  "CriticalWritesPerMinutePerProjectPerUser",
						},
					}},
				}
			},
		},
		"error-quota-fbs-429.json": {
			status: 429, outcome: people.OutcomeNotSent, retryError: true,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 429, Code: people.ResourceExhausted, Status: "RESOURCE_EXHAUSTED",
					Message: "Resource has been exhausted (e.g. check quota).",
					Details: people.Details{&people.QuotaFailure{Violations: []people.QuotaViolation{
						{Subject: "QUOTA_EXCEEDED", Description: "FBS quota limit exceeded"},
					}}},
				}
			},
		},
		"error-quota-retryinfo-429.json": {
			status: 429, outcome: people.OutcomeNotSent, retryError: true, retryDelay: 12500 * time.Millisecond,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 429, Code: people.ResourceExhausted, Status: "RESOURCE_EXHAUSTED", Message: quotaMessage,
					Details: people.Details{
						&people.ErrorInfo{
							Reason: "RATE_LIMIT_EXCEEDED", Domain: "googleapis.com",
							Metadata: map[string]string{
								"service":      "people.googleapis.com",
								"quota_metric": "people.googleapis.com/critical_write_requests",
								"quota_limit":  "CriticalWritesPerMinutePerProjectPerUser",
							},
						},
						&people.RetryInfo{RetryDelay: 12500 * time.Millisecond, RawRetryDelay: "12.5s"},
						&people.Help{Links: []people.HelpLink{{
							Description: "Request a higher quota limit.",
							URL:         "https://cloud.google.com/docs/quotas/help/request_increase",
						}}},
					},
				}
			},
		},
		"error-scope-403.json": {
			status: 403, outcome: people.OutcomeFailed,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 403, Code: people.PermissionDenied, Status: "PERMISSION_DENIED",
					Message: "Request had insufficient authentication scopes.",
					Details: people.Details{&people.ErrorInfo{
						Reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", Domain: "googleapis.com",
						Metadata: map[string]string{"service": "people.googleapis.com", "method": "google.people.v1.PeopleService.BatchCreateContacts"},
					}},
				}
			},
		},
		"error-too-many-400.json": {
			status: 400, outcome: people.OutcomeFailed,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 400, Code: people.InvalidArgument, Status: "INVALID_ARGUMENT",
					Message: "Too many contacts in the request: 201 (at most 200 are allowed).",
					Details: people.Details{&people.BadRequest{FieldViolations: []people.FieldViolation{
						{Field: "contacts", Description: "At most 200 contacts are allowed in one request."},
					}}},
				}
			},
		},
		"error-unauthenticated-401.json": {
			status: 401, outcome: people.OutcomeFailed,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 401, Code: people.Unauthenticated, Status: "UNAUTHENTICATED",
					Message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
					Errors: []people.LegacyError{{
						Message: "Invalid Credentials", Domain: "global", Reason: "authError",
						Location: "Authorization", LocationType: "header",
					}},
					Details: people.Details{&people.ErrorInfo{
						Reason: "ACCESS_TOKEN_EXPIRED", Domain: "googleapis.com",
						Metadata: map[string]string{"service": "people.googleapis.com", "method": "google.people.v1.PeopleService.BatchCreateContacts"},
					}},
				}
			},
		},
		"error-unavailable-503.json": {
			status: 503, outcome: people.OutcomeUnknown,
			want: func([]json.RawMessage) *people.Error {
				return &people.Error{HTTPStatus: 503, Code: people.Unavailable, Status: "UNAVAILABLE", Message: "The service is currently unavailable."}
			},
		},
		"error-unknown-detail.json": {
			status: 409, outcome: people.OutcomeNotSent, retryError: true,
			want: func(raw []json.RawMessage) *people.Error {
				return &people.Error{
					HTTPStatus: 409, Code: people.Aborted, Status: "ABORTED", Message: "The operation was aborted.",
					Details: people.Details{&people.UnknownDetail{
						Type: "type.googleapis.com/google.people.v1.SomethingNewDetails",
						Raw:  raw[0], // byte for byte as in the fixture
					}},
				}
			},
		},
	}
	// Every fixture of the folder is covered, so that a new one is not forgotten.
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "error-*.json"))
	if len(files) != len(tests) {
		t.Errorf("%d error fixtures in %s, %d test cases", len(files), fixtureDir, len(tests))
	}
	for _, f := range files {
		if _, ok := tests[filepath.Base(f)]; !ok {
			t.Errorf("fixture %s has no test case", filepath.Base(f))
		}
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			body := readFixture(t, name)
			c, fs := newFixtureClient(t, people.Config{}, map[int]scriptedReply{0: {status: tt.status, body: body}})
			res, err := c.BatchCreateContacts(t.Context(), validContacts(5), "names", nil)

			var be *people.BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %T %v, want a *people.BatchError", err, err)
			}
			var got *people.Error
			if !errors.As(err, &got) {
				t.Fatalf("errors.As(%v, *people.Error) = false", err)
			}
			want := tt.want(rawDetails(t, body))
			if diff := cmp.Diff(want, got, errorCmpOpts); diff != "" {
				t.Errorf("*people.Error (-want +got):\n%s", diff)
			}
			if ct := got.Header.Get("Content-Type"); ct != "application/json; charset=UTF-8" {
				t.Errorf("Header Content-Type = %q", ct)
			}
			if !strings.HasPrefix(got.Error(), fmt.Sprintf("people: HTTP %d %s: ", tt.status, want.Code)) {
				t.Errorf("Error() = %q", got.Error())
			}
			if got.Throttled() != (tt.status == 429) {
				t.Errorf("Throttled() = %v for HTTP %d", got.Throttled(), tt.status)
			}
			if d, ok := got.RetryDelay(); d != tt.retryDelay || ok != (tt.retryDelay != 0) {
				t.Errorf("RetryDelay() = %v, %v, want %v", d, ok, tt.retryDelay)
			}
			var re *people.RetryError
			if errors.As(err, &re) != tt.retryError {
				t.Errorf("errors.As(*people.RetryError) = %v, want %v", !tt.retryError, tt.retryError)
			} else if tt.retryError && re.Attempts != 1 {
				t.Errorf("RetryError.Attempts = %d, want 1", re.Attempts)
			}
			if n := len(fs.sizes()); n != 1 {
				t.Errorf("%d requests sent, want 1 (MaxAttempts 1)", n)
			}

			for i, r := range res.Contacts {
				if st, ok := tt.failed[i]; ok {
					var ce *people.ContactError
					if r.Outcome != people.OutcomeFailed || !errors.As(r.Err, &ce) {
						t.Errorf("contact %d: %v, %v; want failed with a *people.ContactError", i, r.Outcome, r.Err)
						continue
					}
					if ce.Index != i {
						t.Errorf("contact %d: ContactError.Index = %d", i, ce.Index)
					}
					if diff := cmp.Diff(st, ce.Status, errorCmpOpts); diff != "" {
						t.Errorf("contact %d: Status (-want +got):\n%s", i, diff)
					}
					continue
				}
				if r.Index != i || r.Outcome != tt.outcome || r.Response != nil {
					t.Errorf("contact %d: index %d, outcome %v, response %v; want outcome %v", i, r.Index, r.Outcome, r.Response, tt.outcome)
				}
				var e *people.Error
				if !errors.As(r.Err, &e) {
					t.Errorf("contact %d: Err = %v, want one that wraps the *people.Error", i, r.Err)
				}
			}
			// The request error names the refused contacts by input index.
			var reqErr *people.RequestError
			if !errors.As(err, &reqErr) {
				t.Fatalf("no *people.RequestError in %v", err)
			}
			var named []int
			for _, ce := range reqErr.Contacts {
				named = append(named, ce.Index)
			}
			var wantNamed []int
			for _, i := range []int{0, 1, 2, 3, 4} {
				if _, ok := tt.failed[i]; ok {
					wantNamed = append(wantNamed, i)
				}
			}
			if diff := cmp.Diff(wantNamed, named); diff != "" {
				t.Errorf("RequestError.Contacts indexes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBatchContactsFixtureOffsets returns error-batch-contacts.json for a request that is
// not the first, so that the request's indexes 1 and 4 must be moved to input indexes.
func TestBatchContactsFixtureOffsets(t *testing.T) {
	t.Parallel()
	body := readFixture(t, "error-batch-contacts.json")
	type want struct {
		failed  []int // input indexes with a *ContactError
		created []int
		sizes   []int // contacts per request sent
	}
	tests := map[string]struct {
		chunk, n, request int // chunk size, contacts, request answered with the fixture
		opts              []people.CallOption
		want              want
	}{
		// Requests [0-4] [5-9] [10-14]; the second fails: 5+1 = 6 and 5+4 = 9.
		"second of three": {chunk: 5, n: 15, request: 1, want: want{
			failed: []int{6, 9}, created: []int{0, 1, 2, 3, 4}, sizes: []int{5, 5},
		}},
		// Same, going on after the failure: the third request is created.
		"second of three, continue": {chunk: 5, n: 15, request: 1, opts: []people.CallOption{people.ContinueOnError()}, want: want{
			failed: []int{6, 9}, created: []int{0, 1, 2, 3, 4, 10, 11, 12, 13, 14}, sizes: []int{5, 5, 5},
		}},
		// Requests [0-1] [2-3] [4-5]; the third fails: 4+1 = 5. Its index 4 is past the end
		// of the 2-contact request and names no contact, so input 4 is only not sent.
		"index past the request": {chunk: 2, n: 6, request: 2, want: want{
			failed: []int{5}, created: []int{0, 1, 2, 3}, sizes: []int{2, 2, 2},
		}},
		// A short last request: [0-4] [5-7]; 5+1 = 6, and index 4 is past its end.
		"short last request": {chunk: 5, n: 8, request: 1, want: want{
			failed: []int{6}, created: []int{0, 1, 2, 3, 4}, sizes: []int{5, 3},
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, fs := newFixtureClient(t, people.Config{ChunkSize: tt.chunk},
				map[int]scriptedReply{tt.request: {status: 400, body: body}})
			res, err := c.BatchCreateContacts(t.Context(), validContacts(tt.n), "names", nil, tt.opts...)
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.want.sizes, fs.sizes()); diff != "" {
				t.Errorf("request sizes (-want +got):\n%s", diff)
			}
			isIn := func(s []int, i int) bool {
				for _, x := range s {
					if x == i {
						return true
					}
				}
				return false
			}
			statuses := batchContactStatuses()
			for i, r := range res.Contacts {
				switch {
				case isIn(tt.want.failed, i):
					var ce *people.ContactError
					if r.Outcome != people.OutcomeFailed || !errors.As(r.Err, &ce) || ce.Index != i {
						t.Errorf("contact %d: %v, %v; want failed with a *people.ContactError for index %d", i, r.Outcome, r.Err, i)
						continue
					}
					k := i - tt.request*tt.chunk // the index in the request
					if diff := cmp.Diff(statuses[k], ce.Status, errorCmpOpts); diff != "" {
						t.Errorf("contact %d: Status (-want +got):\n%s", i, diff)
					}
				case isIn(tt.want.created, i):
					if r.Outcome != people.OutcomeCreated || r.Err != nil || r.ResourceName() == "" {
						t.Errorf("contact %d: %v, %v, %q; want created", i, r.Outcome, r.Err, r.ResourceName())
					}
				default:
					if r.Outcome != people.OutcomeNotSent || r.Err == nil {
						t.Errorf("contact %d: %v, %v; want not sent, with a cause", i, r.Outcome, r.Err)
					}
				}
			}
			var be *people.BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %T, want *people.BatchError", err)
			}
			counts := be.Counts
			if counts.Failed != len(tt.want.failed) || counts.Created != len(tt.want.created) || counts.Total() != tt.n {
				t.Errorf("Counts = %+v, want %d failed and %d created of %d", counts, len(tt.want.failed), len(tt.want.created), tt.n)
			}
		})
	}
}

func TestProxyHTMLError(t *testing.T) {
	t.Parallel()
	body := readFixture(t, "proxy-502.html")
	c, _ := newFixtureClient(t, people.Config{}, map[int]scriptedReply{0: {status: 502, contentType: "text/html; charset=UTF-8", body: body}})
	res, err := c.BatchCreateContacts(t.Context(), validContacts(5), "names", nil)
	var e *people.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *people.Error", err)
	}
	if e.HTTPStatus != 502 || e.Code != people.Unavailable || e.Status != "" || e.Message != "" || e.Details != nil || e.Errors != nil {
		t.Errorf("Error = %+v, want HTTP 502, UNAVAILABLE and nothing decoded", e)
	}
	if e.Body == "" || len(e.Body) > 200 || strings.ContainsAny(e.Body, "<>") {
		t.Errorf("Body = %q (%d bytes), want a short excerpt without tags", e.Body, len(e.Body))
	}
	for _, s := range []string{"Error 502 (Server Error)!!1", "That's an error.", "temporary error"} {
		if !strings.Contains(e.Body, s) {
			t.Errorf("Body = %q, want it to contain %q", e.Body, s)
		}
	}
	if strings.Contains(e.Body, "  ") || strings.Contains(e.Body, "\n") {
		t.Errorf("Body = %q, want white space folded", e.Body)
	}
	if got := e.Header.Get("Content-Type"); got != "text/html; charset=UTF-8" {
		t.Errorf("Header Content-Type = %q", got)
	}
	if msg := e.Error(); !strings.HasPrefix(msg, "people: HTTP 502 UNAVAILABLE: Error 502") || strings.Contains(msg, "<") {
		t.Errorf("Error() = %q", msg)
	}
	for i, r := range res.Contacts {
		if r.Outcome != people.OutcomeUnknown || !errors.As(r.Err, &e) {
			t.Errorf("contact %d: %v, %v; want unknown, with the *people.Error", i, r.Outcome, r.Err)
		}
	}
}

// TestErrorBodyExcerptCapped sends long non-JSON error bodies: Error.Body, "capped at
// maxExcerpt bytes" (200), must stay within 200 bytes whatever the body.
func TestErrorBodyExcerptCapped(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"plain text":   strings.Repeat("a", 1000),
		"html":         "<html><body><p>" + strings.Repeat("Bad gateway. ", 100) + "</p></body></html>",
		"2-byte runes": strings.Repeat("é", 500),
		"3-byte runes": strings.Repeat("€", 500),
		"4-byte runes": "x" + strings.Repeat("😀", 500),
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFixtureClient(t, people.Config{}, map[int]scriptedReply{0: {status: 502, contentType: "text/html", body: []byte(body)}})
			_, err := c.BatchCreateContacts(t.Context(), validContacts(1), "names", nil)
			var e *people.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want a *people.Error", err)
			}
			if len(e.Body) == 0 || len(e.Body) > 200 {
				t.Errorf("len(Body) = %d, want 1 to 200 bytes: %q", len(e.Body), e.Body)
			}
			if strings.ContainsAny(e.Body, "<>") {
				t.Errorf("Body = %q keeps tags", e.Body)
			}
		})
	}
}

func TestSuccessFixture(t *testing.T) {
	t.Parallel()
	body := readFixture(t, "success.json")
	c, _ := newFixtureClient(t, people.Config{}, map[int]scriptedReply{0: {status: 200, body: body}})
	in := validContacts(2)
	res, err := c.BatchCreateContacts(t.Context(), in, "names,emailAddresses,metadata", []people.ReadSourceType{people.ReadSourceContact})
	if err != nil {
		t.Fatal(err)
	}
	primary := func(id string) *people.FieldMetadata {
		return &people.FieldMetadata{Primary: true, Source: &people.Source{Type: "CONTACT", ID: id}}
	}
	want := []*people.PersonResponse{
		{
			HTTPStatusCode: 200, // "status": {} decodes to a nil Status, which is OK
			Person: &people.Person{
				ResourceName: "people/c7304838471528374651",
				Etag:         "%EgcBAgkLLjc9GgQBAgUHIgxBZGFMb3ZlbGFjZTE=",
				Metadata: &people.PersonMetadata{
					Sources:    []*people.Source{{Type: "CONTACT", ID: "6559a8f60e6c3f7b", Etag: "#XyZ1aGVsbG8=", UpdateTime: "2026-11-27T09:14:03.211Z"}},
					ObjectType: "PERSON",
				},
				Names: []*people.Name{{
					Metadata:    primary("6559a8f60e6c3f7b"),
					DisplayName: "Ada Lovelace", FamilyName: "Lovelace", GivenName: "Ada",
					DisplayNameLastFirst: "Lovelace, Ada", UnstructuredName: "Ada Lovelace",
				}},
				EmailAddresses: []*people.EmailAddress{{
					Metadata: primary("6559a8f60e6c3f7b"),
					Value:    "ada@example.com", Type: "work", FormattedType: "Work",
				}},
			},
		},
		{
			HTTPStatusCode: 200,
			Person: &people.Person{
				ResourceName: "people/c1958302746602917433",
				Etag:         "%EgcBAgkLLjc9GgQBAgUHIgxBbGFuVHVyaW5nMQ==",
				Metadata: &people.PersonMetadata{
					Sources:    []*people.Source{{Type: "CONTACT", ID: "1b2d0c4e9f7a8812", Etag: "#QWxhbg==", UpdateTime: "2026-11-27T09:14:03.215Z"}},
					ObjectType: "PERSON",
				},
				Names: []*people.Name{{
					Metadata:    primary("1b2d0c4e9f7a8812"),
					DisplayName: "Alan Turing", FamilyName: "Turing", GivenName: "Alan",
					DisplayNameLastFirst: "Turing, Alan", UnstructuredName: "Alan Turing",
				}},
				EmailAddresses: []*people.EmailAddress{{
					Metadata: primary("1b2d0c4e9f7a8812"),
					Value:    "alan@example.org",
				}},
			},
		},
	}
	if len(res.Contacts) != len(want) {
		t.Fatalf("%d results, want %d", len(res.Contacts), len(want))
	}
	for i, r := range res.Contacts {
		if r.Index != i || r.Outcome != people.OutcomeCreated || r.Err != nil {
			t.Errorf("contact %d: index %d, %v, %v; want created", i, r.Index, r.Outcome, r.Err)
		}
		if diff := cmp.Diff(want[i], r.Response, errorCmpOpts); diff != "" {
			t.Errorf("contact %d: Response (-want +got):\n%s", i, diff)
		}
		if !r.Response.Status.OK() {
			t.Errorf("contact %d: Status.OK() = false", i)
		}
		if got := r.ResourceName(); got != want[i].Person.ResourceName {
			t.Errorf("contact %d: ResourceName() = %q", i, got)
		}
	}
	if in[0].ResourceName != "" || in[0].Metadata != nil {
		t.Error("the caller's contact was modified")
	}
}

func TestSuccessEmptyReadMaskFixture(t *testing.T) {
	t.Parallel()
	body := readFixture(t, "success-empty-readmask.json")
	c, _ := newFixtureClient(t, people.Config{}, map[int]scriptedReply{0: {status: 200, body: body}})
	res, err := c.BatchCreateContacts(t.Context(), validContacts(5), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Counts(); got != (people.Counts{Created: 5}) {
		t.Errorf("Counts = %+v, want 5 created", got)
	}
	for i, r := range res.Contacts {
		if r.Index != i || r.Outcome != people.OutcomeCreated || r.Response != nil || r.Err != nil || r.ResourceName() != "" {
			t.Errorf("contact %d = %+v, want created with no response", i, r)
		}
	}
}

// errorFixtureDetails decodes the details of every error fixture.
func errorFixtureDetails(t *testing.T) map[string]people.Details {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "error-*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no error fixtures in %s: %v", fixtureDir, err)
	}
	out := map[string]people.Details{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var env struct {
			Error struct {
				Details people.Details `json:"details"`
			} `json:"error"`
		}
		if err := json.Unmarshal(b, &env); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = env.Error.Details
	}
	return out
}

// allDetails holds one detail of every type the package knows, and an unknown one.
func allDetails() people.Details {
	return people.Details{
		&people.ErrorInfo{Reason: "R", Domain: "d", Metadata: map[string]string{"k": "v"}},
		&people.RetryInfo{RetryDelay: 1500 * time.Millisecond, RawRetryDelay: "1.500s"},
		&people.QuotaFailure{Violations: []people.QuotaViolation{{
			Subject: "s", Description: "d", APIService: "people.googleapis.com", QuotaMetric: "m", QuotaID: "id",
			QuotaDimensions: map[string]string{"user": "u"}, QuotaValue: 90, FutureQuotaValue: 120,
		}}},
		&people.BadRequest{FieldViolations: []people.FieldViolation{{
			Field: "f", Description: "d", Reason: "r", LocalizedMessage: &people.LocalizedMessage{Locale: "pl-PL", Message: "źle"},
		}}},
		&people.PreconditionFailure{Violations: []people.PreconditionViolation{{Type: "TOS", Subject: "s", Description: "d"}}},
		&people.ResourceInfo{ResourceType: "person", ResourceName: "people/c1", Owner: "o", Description: "d"},
		&people.RequestInfo{RequestID: "id", ServingData: "sd"},
		&people.Help{Links: []people.HelpLink{{Description: "d", URL: "https://example.com"}}},
		&people.LocalizedMessage{Locale: "en-US", Message: "m"},
		&people.DebugInfo{StackEntries: []string{"a", "b"}, Detail: "d"},
		&people.BatchCreateContactsErrorDetails{ContactErrors: map[int]*people.Status{
			0:   {Code: people.InvalidArgument, Message: "m", Details: people.Details{&people.BadRequest{FieldViolations: []people.FieldViolation{{Field: "f"}}}}},
			199: {Code: people.FailedPrecondition},
		}},
		&people.UnknownDetail{Type: "type.googleapis.com/x.Y", Raw: []byte(`{"@type":"type.googleapis.com/x.Y","a":[1, 2]}`)},
	}
}

// TestDetailsRoundTrip encodes details with MarshalJSON and decodes them again.
func TestDetailsRoundTrip(t *testing.T) {
	t.Parallel()
	cases := map[string]people.Details{"every type": allDetails()}
	for name, ds := range errorFixtureDetails(t) {
		cases[name] = ds
	}
	for name, ds := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := ds.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(b) {
				t.Fatalf("MarshalJSON = %s, not JSON", b)
			}
			var back people.Details
			if err := back.UnmarshalJSON(b); err != nil {
				t.Fatalf("UnmarshalJSON(%s): %v", b, err)
			}
			if diff := cmp.Diff(ds, back, cmpopts.IgnoreUnexported(people.BatchCreateContactsErrorDetails{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("round trip (-before +after):\n%s\nJSON: %s", diff, b)
			}
			if len(back) != len(ds) {
				return
			}
			for i := range ds {
				if ds[i].TypeURL() != back[i].TypeURL() {
					t.Errorf("detail %d: TypeURL %q became %q", i, ds[i].TypeURL(), back[i].TypeURL())
				}
				if u, ok := ds[i].(*people.UnknownDetail); ok && string(u.Raw) != string(back[i].(*people.UnknownDetail).Raw) {
					t.Errorf("detail %d: Raw %s became %s", i, u.Raw, back[i].(*people.UnknownDetail).Raw)
				}
			}
		})
	}
}

func TestUnknownDetailKeptByteForByte(t *testing.T) {
	t.Parallel()
	body := readFixture(t, "error-unknown-detail.json")
	raw := rawDetails(t, body)
	ds := errorFixtureDetails(t)["error-unknown-detail.json"]
	if len(ds) != 1 {
		t.Fatalf("details = %v, want 1", ds)
	}
	u, ok := ds[0].(*people.UnknownDetail)
	if !ok {
		t.Fatalf("detail is %T, want *people.UnknownDetail", ds[0])
	}
	if u.Type != "type.googleapis.com/google.people.v1.SomethingNewDetails" || u.TypeURL() != u.Type {
		t.Errorf("Type = %q, TypeURL() = %q", u.Type, u.TypeURL())
	}
	if string(u.Raw) != string(raw[0]) {
		t.Errorf("Raw = %s\nwant %s", u.Raw, raw[0])
	}
	b, err := ds.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := "[" + string(raw[0]) + "]"; string(b) != want {
		t.Errorf("MarshalJSON = %s\nwant %s", b, want)
	}
}

func TestContactErrorsKeys(t *testing.T) {
	t.Parallel()
	detail := func(typ, key string) string {
		return `[{"@type":"` + typ + `","contactErrors":{` + key + `:{"code":3,"message":"bad"}}}]`
	}
	const v1 = "type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails"
	tests := map[string]struct {
		json  string
		index int // -1: the detail stays an *UnknownDetail
	}{
		"plain":            {detail(v1, `"3"`), 3},
		"leading space":    {detail(v1, `" 3"`), 3},
		"trailing space":   {detail(v1, `"3 "`), 3},
		"leading zero":     {detail(v1, `"03"`), 3},
		"zero":             {detail(v1, `"0"`), 0},
		"other package":    {detail("type.googleapis.com/google.people.v2.BatchCreateContactsErrorDetails", `"1"`), 1},
		"bare name":        {detail("BatchCreateContactsErrorDetails", `"1"`), 1},
		"not an integer":   {detail(v1, `"x"`), -1},
		"fraction":         {detail(v1, `"1.5"`), -1},
		"negative":         {detail(v1, `"-1"`), -1},
		"empty key":        {detail(v1, `""`), -1},
		"too large":        {detail(v1, `"99999999999999999999"`), -1},
		"similar type":     {detail("type.googleapis.com/google.people.v1.NotBatchCreateContactsErrorDetails", `"1"`), -1},
		"status not array": {`[{"@type":"` + v1 + `","contactErrors":{"1":{"details":{}}}}]`, -1},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var ds people.Details
			if err := json.Unmarshal([]byte(tt.json), &ds); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if len(ds) != 1 {
				t.Fatalf("details = %v, want 1", ds)
			}
			if tt.index < 0 {
				u, ok := ds[0].(*people.UnknownDetail)
				if !ok {
					t.Fatalf("detail is %T, want *people.UnknownDetail", ds[0])
				}
				var raw []json.RawMessage
				json.Unmarshal([]byte(tt.json), &raw)
				if string(u.Raw) != string(raw[0]) {
					t.Errorf("Raw = %s, want %s", u.Raw, raw[0])
				}
				if ds.BatchCreateContactsErrorDetails() != nil {
					t.Error("BatchCreateContactsErrorDetails() != nil for an unknown detail")
				}
				return
			}
			d := ds.BatchCreateContactsErrorDetails()
			if d == nil {
				t.Fatalf("detail is %T, want *people.BatchCreateContactsErrorDetails", ds[0])
			}
			want := map[int]*people.Status{tt.index: {Code: people.InvalidArgument, Message: "bad"}}
			if diff := cmp.Diff(want, d.ContactErrors); diff != "" {
				t.Errorf("ContactErrors (-want +got):\n%s", diff)
			}
			var head struct {
				Type string `json:"@type"`
			}
			var raws []json.RawMessage
			json.Unmarshal([]byte(tt.json), &raws)
			json.Unmarshal(raws[0], &head)
			if d.TypeURL() != head.Type {
				t.Errorf("TypeURL() = %q, want the one sent, %q", d.TypeURL(), head.Type)
			}
		})
	}
}

func TestBatchCreateContactsErrorDetailsDefaultTypeURL(t *testing.T) {
	t.Parallel()
	d := &people.BatchCreateContactsErrorDetails{ContactErrors: map[int]*people.Status{2: {Code: people.InvalidArgument}}}
	b, err := people.Details{d}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"@type":"type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails","contactErrors":{"2":{"code":3}}}]`
	if string(b) != want {
		t.Errorf("MarshalJSON = %s\nwant %s", b, want)
	}
}
