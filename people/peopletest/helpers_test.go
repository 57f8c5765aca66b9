// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	batchPath = "/v1/people:batchCreateContacts"
	connPath  = "/v1/people/me/connections"
)

// newServer starts a server closed at the end of the test.
func newServer(t *testing.T, opts ...peopletest.Option) *peopletest.Server {
	t.Helper()
	srv := peopletest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// result is a complete HTTP answer.
type result struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request as user ("" sends no Authorization header) and reads the whole answer.
func do(t *testing.T, srv *peopletest.Server, user, method, path string, body []byte) (result, error) {
	t.Helper()
	return doWith(t, srv.Client(), srv.URL, user, method, path, body)
}

// doWith is do through hc, to the server at url.
func doWith(t *testing.T, hc *http.Client, url, user, method, path string, body []byte) (result, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return result{status: resp.StatusCode, header: resp.Header, body: b}, err
}

// mustDo is do that fails the test on a transport error.
func mustDo(t *testing.T, srv *peopletest.Server, user, method, path string, body []byte) result {
	t.Helper()
	res, err := do(t, srv, user, method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return res
}

// create posts a batchCreateContacts body as user, compact.
func create(t *testing.T, srv *peopletest.Server, user, body string) result {
	t.Helper()
	return mustDo(t, srv, user, http.MethodPost, batchPath+"?alt=json&prettyPrint=false", []byte(body))
}

// batch builds a request body from contactPerson JSON objects and a read mask.
func batch(readMask string, persons ...string) string {
	contacts := make([]string, len(persons))
	for i, p := range persons {
		contacts[i] = `{"contactPerson":` + p + `}`
	}
	return fmt.Sprintf(`{"contacts":[%s],"readMask":%q}`, strings.Join(contacts, ","), readMask)
}

// person is a small valid contact named given.
func person(given string) string {
	return fmt.Sprintf(`{"names":[{"givenName":%q,"familyName":"Test"}],"emailAddresses":[{"value":"%s@example.com"}]}`, given, strings.ToLower(given))
}

// envelope is Google's error envelope, decoded loosely.
type envelope struct {
	Error struct {
		Code    int              `json:"code"`
		Message string           `json:"message"`
		Status  string           `json:"status"`
		Details []map[string]any `json:"details"`
		Errors  []map[string]any `json:"errors"`
	} `json:"error"`
}

func decodeError(t *testing.T, res result) envelope {
	t.Helper()
	var e envelope
	if err := json.Unmarshal(res.body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/json; charset=UTF-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	return e
}

// fieldViolations lists the fields of the BadRequest details of an error, in order.
func fieldViolations(e envelope) []string {
	var out []string
	for _, d := range e.Error.Details {
		if d["@type"] != "type.googleapis.com/google.rpc.BadRequest" {
			continue
		}
		for _, v := range d["fieldViolations"].([]any) {
			f, _ := v.(map[string]any)["field"].(string)
			out = append(out, f)
		}
	}
	return out
}

// fixturesDir holds the wire fixtures: sample bodies of batchCreateContacts requests and
// replies (testdata/fixtures/README.md lists them).
var fixturesDir = filepath.Join("testdata", "fixtures")

// readFixture returns a file of fixturesDir.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixturesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// waitFor polls cond until it holds, failing the test after a few seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// fakeClock is a settable clock for WithClock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 27, 9, 14, 3, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
