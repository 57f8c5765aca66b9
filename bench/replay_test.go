// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

const batchCreatePath = "/v1/people:batchCreateContacts"

// replayServer is the cheapest batchCreateContacts server that still answers correctly: it
// streams the request body into a counter of contacts, without decoding or keeping it, and
// answers with a success body encoded before the measurement for that number of contacts.
// It shares the process with the client being measured, so its work is kept as small as
// possible; whatever it costs is the same for every client.
type replayServer struct {
	*httptest.Server
	withPeople bool
	latency    time.Duration // added to each request, after its body is read

	mu     sync.Mutex
	bodies map[int][]byte // success body by number of contacts
	bufs   sync.Pool      // *[]byte copy buffers
}

var (
	jsonType = []string{"application/json; charset=UTF-8"}
	emptyOK  = []byte("{}")
)

// newReplayServer starts a server whose replies hold a created person for each contact when
// withPeople is set (a non-empty read mask), and are "{}" otherwise. It pre-encodes the
// replies for the request sizes that importing n contacts in requests of 200 makes.
func newReplayServer(tb testing.TB, withPeople bool, n int) *replayServer {
	tb.Helper()
	return newSlowReplayServer(tb, withPeople, n, 0)
}

// newSlowReplayServer is newReplayServer with a latency added to each request.
func newSlowReplayServer(tb testing.TB, withPeople bool, n int, latency time.Duration) *replayServer {
	tb.Helper()
	s := &replayServer{withPeople: withPeople, latency: latency, bodies: map[int][]byte{}}
	s.bufs.New = func() any { b := make([]byte, 32<<10); return &b }
	if withPeople {
		for _, k := range requestSizes(n) {
			s.bodies[k] = createdBody(k)
		}
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// requestSizes returns the sizes of the requests that import n contacts, 200 at a time.
func requestSizes(n int) []int {
	var ks []int
	if n >= people.MaxContactsPerRequest {
		ks = append(ks, people.MaxContactsPerRequest)
	}
	if r := n % people.MaxContactsPerRequest; r != 0 {
		ks = append(ks, r)
	}
	return ks
}

func (s *replayServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != batchCreatePath {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var c contactCounter
	buf := s.bufs.Get().(*[]byte)
	_, err := io.CopyBuffer(&c, r.Body, *buf)
	s.bufs.Put(buf)
	if err != nil {
		return
	}
	if s.latency > 0 {
		t := time.NewTimer(s.latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	body := emptyOK
	if s.withPeople {
		body = s.body(c.n)
	}
	h := w.Header()
	h["Content-Type"] = jsonType
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.Write(body)
}

// body returns the success body for n contacts, encoding it now if it was not prepared.
func (s *replayServer) body(n int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.bodies[n]
	if !ok {
		b = createdBody(n)
		s.bodies[n] = b
	}
	return b
}

// contactCounter counts the contacts of a request body as it streams by, by the key that
// wraps each of them, including a key split between two writes.
type contactCounter struct {
	n    int
	tail [len(contactKey) - 1]byte
	held int // bytes of tail in use
}

// contactKey is the key that wraps each contact of a request body.
const contactKey = `"contactPerson"`

var contactKeyBytes = []byte(contactKey)

func (c *contactCounter) Write(p []byte) (int, error) {
	// An occurrence split between writes lies within the end of the previous write and the
	// start of this one: count it in a small window of both.
	if c.held > 0 {
		var win [2 * (len(contactKey) - 1)]byte
		k := copy(win[:], c.tail[:c.held])
		k += copy(win[k:], p[:min(len(p), len(contactKey)-1)])
		c.n += bytes.Count(win[:k], contactKeyBytes)
	}
	c.n += bytes.Count(p, contactKeyBytes)
	if len(p) >= len(c.tail) {
		c.held = copy(c.tail[:], p[len(p)-len(c.tail):])
	} else {
		keep := min(c.held, len(c.tail)-len(p))
		copy(c.tail[:], c.tail[c.held-keep:c.held])
		c.held = keep + copy(c.tail[keep:], p)
	}
	return len(p), nil
}

// createdBody encodes the reply to a request of n contacts created with the read mask
// "names,emailAddresses", shaped like the real service's: resource name, etag, and the masked
// fields with their metadata and formatted values.
func createdBody(n int) []byte {
	type status struct{}
	type entry struct {
		HTTPStatusCode int            `json:"httpStatusCode"`
		Person         *people.Person `json:"person"`
		Status         status         `json:"status"`
	}
	out := struct {
		CreatedPeople []entry `json:"createdPeople"`
	}{CreatedPeople: make([]entry, n)}
	for i := range out.CreatedPeople {
		c := contact(i)
		id := fmt.Sprintf("%x", 0x1f2e3d4c5b6a7988+uint64(i)*7919)
		src := &people.Source{Type: "CONTACT", ID: id}
		nm := *c.Names[0]
		nm.Metadata = &people.FieldMetadata{Primary: true, Source: src}
		nm.DisplayName = nm.GivenName + " " + nm.FamilyName
		nm.DisplayNameLastFirst = nm.FamilyName + ", " + nm.GivenName
		nm.UnstructuredName = nm.DisplayName
		p := &people.Person{
			ResourceName: "people/c" + id,
			Etag:         "%EgcBAgkLLjc9GgQBAgUHIgw" + id,
			Names:        []*people.Name{&nm},
		}
		for k, e := range c.EmailAddresses {
			e := *e
			e.Metadata = &people.FieldMetadata{Primary: k == 0, Source: src}
			e.FormattedType = strings.ToUpper(e.Type[:1]) + e.Type[1:]
			p.EmailAddresses = append(p.EmailAddresses, &e)
		}
		out.CreatedPeople[i] = entry{HTTPStatusCode: http.StatusOK, Person: p}
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return b
}

func TestContactCounter(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte(`{"contactPerson":{"names":[]}},`), 37)
	for _, step := range []int{1, 2, 5, 13, 14, 15, 16, 29, 1000} {
		var c contactCounter
		for off := 0; off < len(body); off += step {
			c.Write(body[off:min(off+step, len(body))])
		}
		if c.n != 37 {
			t.Errorf("writes of %d bytes: counted %d contacts, want 37", step, c.n)
		}
	}
}

func TestReplayServerAnswersEverySize(t *testing.T) {
	t.Parallel()
	srv := newReplayServer(t, true, 1000)
	c := newOurs(t, srv.URL)
	for _, n := range []int{1, 199, 200, 201, 457} {
		res, err := c.BatchCreateContacts(t.Context(), contacts(n), masks[0].mask, nil)
		if err != nil {
			t.Fatalf("%d contacts: %v", n, err)
		}
		if got := res.Counts().Created; got != n {
			t.Fatalf("%d contacts: %d created", n, got)
		}
		if res.Contacts[n-1].ResourceName() == "" {
			t.Fatalf("%d contacts: no resource name for the last one", n)
		}
	}
}
