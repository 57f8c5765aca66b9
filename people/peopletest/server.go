// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"context"
	"errors"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"google.golang.org/api/option"
)

// DefaultUser is the user a request without an Authorization header acts as, such as the
// requests of Server.Client or of a client configured through PEOPLE_EMULATOR_HOST.
const DefaultUser = "default"

const (
	batchCreatePath = "/v1/people:batchCreateContacts"
	connectionsPath = "/v1/people/me/connections"
	groupsPath      = "/v1/contactGroups"
	photoPathPrefix = "/photos/"

	// maxBodyBytes caps request bodies; a larger one answers 413.
	maxBodyBytes = 32 << 20
)

// A Server is an in-memory emulator of the People API methods that create contacts, contact
// groups and contact photos, and of those that read them back (see the package doc for the
// list), listening on a loopback address, in the spirit of net/http/httptest.Server. Every
// user, named by the bearer token of the request, has an isolated store. Its methods are safe
// for concurrent use.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:port", without a trailing slash.
	URL string

	cfg     config
	hs      *httptest.Server
	closing context.Context // done once Close is called
	close   context.CancelFunc
	// handlers counts the requests being served, those whose connection was hijacked (to
	// reset or cut it) included, which httptest.Server.Close does not wait for.
	handlers sync.WaitGroup

	mu        sync.Mutex
	accounts  map[string]*account
	inFlight  map[string]int // mutate requests in flight per user; survives Reset
	faults    []Fault
	requests  []Request
	mutations int // mutate requests seen, for Fault.Request
	ids       map[uint64]bool
	idRand    *rand.Rand
	faultRand *rand.Rand
	photos    map[string]storedPhoto // by photo id, the last path element of its URL
	started   time.Time              // on the server's clock: the update time of system groups

	projectWrites quotaCount // what the project's write quota counted
}

// NewServer starts and returns a new emulator listening on 127.0.0.1 (or on the listener given
// with WithListener). The caller should call Close when finished, to shut it down.
func NewServer(opts ...Option) *Server {
	cfg := newConfig(opts)
	seed := uint64(cfg.seed)
	closing, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg:       cfg,
		closing:   closing,
		close:     cancel,
		accounts:  map[string]*account{},
		inFlight:  map[string]int{},
		ids:       map[uint64]bool{},
		idRand:    rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		faultRand: rand.New(rand.NewPCG(seed, 0xbf58476d1ce4e5b9)),
		photos:    map[string]storedPhoto{},
		started:   cfg.now(),
	}
	s.hs = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	if cfg.listener != nil {
		_ = s.hs.Listener.Close()
		s.hs.Listener = cfg.listener
	}
	s.hs.Start()
	s.URL = s.hs.URL
	return s
}

// Close shuts the server down. Requests waiting on latency or on a slow-response fault stop
// waiting; Close blocks until every request in flight has finished, giving up on a client
// that has not sent its request or read its answer within a second.
func (s *Server) Close() {
	s.close()
	s.hs.Close()
	s.handlers.Wait()
}

// closeGrace is how long Close lets a stalled client hold a request in flight.
const closeGrace = time.Second

// guard makes the connection of w fail its reads and writes closeGrace after Close is called,
// so that a client that stops sending or reading cannot keep Close waiting. The caller calls
// the returned function when the request is done.
func (s *Server) guard(w http.ResponseWriter) (stop func() bool) {
	rc := http.NewResponseController(w)
	return context.AfterFunc(s.closing, func() {
		deadline := time.Now().Add(closeGrace)
		_ = rc.SetReadDeadline(deadline)
		_ = rc.SetWriteDeadline(deadline)
	})
}

// Client returns an HTTP client configured for the server. Its requests carry no Authorization
// header, so they act as DefaultUser. Close closes its idle connections.
func (s *Server) Client() *http.Client {
	return s.hs.Client()
}

// ClientOptions returns the options that point a People API client at the server as user:
//
//	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
//
// They set the endpoint to URL+"/" and an HTTP client that sends "Authorization: Bearer user"
// with each request; the bearer token names the user, whose contacts are kept apart from every
// other user's. An empty user sends no Authorization header, which acts as DefaultUser. The
// options work as well with the official client google.golang.org/api/people/v1.
func (s *Server) ClientOptions(user string) []option.ClientOption {
	hc := &http.Client{Transport: &bearerTransport{user: user, base: s.hs.Client().Transport}}
	return []option.ClientOption{option.WithEndpoint(s.URL + "/"), option.WithHTTPClient(hc)}
}

// bearerTransport adds "Authorization: Bearer user" to each request, on a clone.
type bearerTransport struct {
	user string
	base http.RoundTripper
}

func (t *bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.user == "" {
		return t.base.RoundTrip(r)
	}
	c := r.Clone(r.Context())
	c.Header.Set("Authorization", "Bearer "+t.user)
	return t.base.RoundTrip(c)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Done()
	rec := Request{Method: r.Method, Path: r.URL.Path, Time: s.cfg.now()}
	defer s.guard(w)()
	rw := &recorder{ResponseWriter: w, rec: &rec, s: s}
	defer rw.done()
	w = rw

	if strings.HasPrefix(r.URL.Path, photoPathPrefix) {
		s.handlePhotoDownload(w, r, &rec) // a photo URL needs no credentials, as on the real service
		return
	}
	handlers := s.route(r.URL.Path)
	if handlers == nil {
		rec.Status = write(w, errorReply(r, notFound()))
		return
	}
	handle, ok := handlers[r.Method]
	if !ok {
		rep := errorReply(r, methodNotAllowed(r.Method, r.URL.Path))
		rep.header.Set("Allow", strings.Join(slices.Sorted(maps.Keys(handlers)), ", "))
		rec.Status = write(w, rep)
		return
	}
	user, st, ok := userOf(r)
	rec.User = user
	if !ok {
		rec.Status = write(w, errorReply(r, st))
		return
	}
	handle(w, r, &rec)
}

// handler serves one HTTP method on one path for an authenticated user, recording what it did
// in rec.
type handler func(w http.ResponseWriter, r *http.Request, rec *Request)

// route returns the handlers of path by HTTP method, nil when the server serves no such path.
func (s *Server) route(path string) map[string]handler {
	switch {
	case path == batchCreatePath:
		return map[string]handler{http.MethodPost: s.handleBatchCreate}
	case path == connectionsPath:
		return map[string]handler{http.MethodGet: s.handleConnections}
	case path == groupsPath:
		return map[string]handler{http.MethodGet: s.handleListGroups, http.MethodPost: s.handleCreateGroup}
	case groupID(path) != "":
		return map[string]handler{http.MethodGet: s.handleGetGroup}
	case photoContactID(path) != "":
		return map[string]handler{http.MethodPatch: s.handleUpdatePhoto}
	}
	return nil
}

// userOf names the user of r from its bearer token; no Authorization header means DefaultUser.
func userOf(r *http.Request) (string, errorStatus, bool) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return DefaultUser, errorStatus{}, true
	}
	scheme, token, _ := strings.Cut(auth, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", unauthenticated("ACCESS_TOKEN_TYPE_UNSUPPORTED"), false
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return "", unauthenticated("CREDENTIALS_MISSING"), false
	}
	return token, errorStatus{}, true
}

// errClosing is the error of a wait cut short by Close.
var errClosing = errors.New("peopletest: server closing")

// sleep waits d, or less when ctx is done (returning its error) or the server closes
// (returning errClosing).
func (s *Server) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-s.closing.Done():
		return errClosing
	}
}

// beginMutate numbers a mutate request of user and counts it in flight; it reports whether
// another mutate request of user was in flight already.
func (s *Server) beginMutate(user string) (n int, overlapped bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mutations++
	s.inFlight[user]++
	a := s.account(user)
	if s.inFlight[user] > 1 {
		a.overlaps++
		overlapped = true
	}
	a.maxInFlight = max(a.maxInFlight, s.inFlight[user])
	return s.mutations, overlapped
}

func (s *Server) endMutate(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight[user]--; s.inFlight[user] <= 0 {
		delete(s.inFlight, user)
	}
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}
