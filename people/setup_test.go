// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// prefix mounts the fake API below a path, so that a client that drops the endpoint's path
// fails the tests.
const prefix = "/prefix/"

// fake is a scripted People API: each request to batchCreateContacts is answered by the next
// reply, or by the default handler when none is left.
type fake struct {
	t        *testing.T
	mu       sync.Mutex
	replies  []reply
	bodies   []request // decoded request bodies, in order
	headers  []http.Header
	fallback func(w http.ResponseWriter, req request)
}

type reply struct {
	status int
	header map[string]string
	body   string
}

type request struct {
	Contacts []struct {
		ContactPerson *people.Person `json:"contactPerson"`
	} `json:"contacts"`
	ReadMask *string                 `json:"readMask"`
	Sources  []people.ReadSourceType `json:"sources"`
}

// setup starts a fake server and returns a client pointed at it.
func setup(t *testing.T, cfg *people.Config) (*people.Client, *fake) {
	t.Helper()
	return setupOn(t, cfg, nil)
}

// setupInBubble is setup for a test inside a testing/synctest bubble: the fake server
// listens on in-memory pipes, so that the bubble's fake time advances while the client waits.
func setupInBubble(t *testing.T, cfg *people.Config) (*people.Client, *fake) {
	t.Helper()
	return setupOn(t, cfg, newPipeListener())
}

// setupOn starts the fake server on l, or on a loopback port when l is nil, and returns a
// client pointed at it.
func setupOn(t *testing.T, cfg *people.Config, l *pipeListener) (*people.Client, *fake) {
	t.Helper()
	f := &fake{t: t, fallback: createAll}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+prefix+"v1/people:batchCreateContacts", f.serve)
	srv := httptest.NewUnstartedServer(mux)
	opts := []option.ClientOption{option.WithoutAuthentication()}
	if l != nil {
		srv.Listener.Close()
		srv.Listener = l
		tr := &http.Transport{DialContext: l.DialContext}
		t.Cleanup(tr.CloseIdleConnections)
		opts = []option.ClientOption{option.WithHTTPClient(&http.Client{Transport: tr})}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	if cfg == nil {
		cfg = &people.Config{}
	}
	if cfg.Retry.InitialBackoff == 0 {
		cfg.Retry.InitialBackoff = time.Millisecond
		cfg.Retry.MaxBackoff = 2 * time.Millisecond
	}
	c, err := people.NewClientWithConfig(t.Context(), cfg, append(opts, option.WithEndpoint(srv.URL+prefix))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, f
}

func (f *fake) push(rs ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies = append(f.replies, rs...)
}

func (f *fake) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.bodies...)
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	var req request
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		f.t.Errorf("request body: %v", err)
		http.Error(w, err.Error(), 400)
		return
	}
	f.mu.Lock()
	f.bodies = append(f.bodies, req)
	f.headers = append(f.headers, r.Header.Clone())
	var rep *reply
	if len(f.replies) > 0 {
		rep = &f.replies[0]
		f.replies = f.replies[1:]
	}
	fallback := f.fallback
	f.mu.Unlock()
	if rep == nil {
		fallback(w, req)
		return
	}
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	}
	w.WriteHeader(rep.status)
	io.WriteString(w, rep.body)
}

// createAll answers success for every contact, naming each person after its position.
func createAll(w http.ResponseWriter, req request) {
	type pr struct {
		Person *people.Person `json:"person"`
		Status struct{}       `json:"status"`
	}
	var out struct {
		CreatedPeople []pr `json:"createdPeople,omitempty"`
	}
	if req.ReadMask != nil && *req.ReadMask != "" {
		for i, c := range req.Contacts {
			p := *c.ContactPerson
			p.ResourceName = fmt.Sprintf("people/c%d", i)
			p.Etag = "%etag"
			out.CreatedPeople = append(out.CreatedPeople, pr{Person: &p})
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	json.NewEncoder(w).Encode(out)
}

// fixtureDir holds the wire fixtures: sample bodies of batchCreateContacts requests and
// replies (testdata/fixtures/README.md lists them).
var fixtureDir = filepath.Join("testdata", "fixtures")

// fixture returns a file of fixtureDir as a string.
func fixture(t *testing.T, name string) string {
	t.Helper()
	return string(readFixture(t, name))
}

// readFixture returns a file of fixtureDir.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return b
}

// contacts returns n valid contacts, each with a distinct name.
func contacts(n int) []*people.Person {
	out := make([]*people.Person, n)
	for i := range out {
		out[i] = &people.Person{
			Names:          []*people.Name{{GivenName: "Given", FamilyName: fmt.Sprintf("Family%d", i)}},
			EmailAddresses: []*people.EmailAddress{{Value: fmt.Sprintf("c%d@example.com", i)}},
		}
	}
	return out
}
