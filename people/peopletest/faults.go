// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// FaultKind says what a Fault does to the mutate request it matches. Kinds that act "before
// commit" answer without processing the request, so nothing is created; kinds that act "after
// commit" process the request normally (a valid request creates its contacts) and then spoil
// the answer, so the client cannot learn what happened.
type FaultKind int

const (
	// FaultStatus answers with Fault.Status (503 when zero) and Fault.Body, before commit:
	// nothing is created. The zero Fault is a FaultStatus for the next mutate request.
	FaultStatus FaultKind = iota
	// FaultResetBeforeCommit reads the request, then resets the connection (TCP RST) without
	// answering, before commit: nothing is created; the client sees a connection reset or EOF.
	FaultResetBeforeCommit
	// FaultResetAfterCommit processes the request, then resets the connection without
	// answering: the contacts are created, the client sees a connection reset or EOF.
	FaultResetAfterCommit
	// FaultInternalAfterCommit processes the request, then answers 500 INTERNAL (shaped like
	// fixtures/error-internal-500.json): the contacts are created.
	FaultInternalAfterCommit
	// FaultSlowResponse processes the request, then holds the answer for Fault.Delay: the
	// contacts are created, and a client whose deadline is shorter gives up not knowing it.
	FaultSlowResponse
	// FaultTruncatedBody processes the request, then sends the headers of the real answer
	// (its Content-Length included) and half of its body, and closes the connection: the
	// contacts are created; the client sees an unexpected EOF while reading the body.
	FaultTruncatedBody
	// FaultMalformedJSON processes the request, then sends the real status and a complete body
	// that is not valid JSON: the contacts are created.
	FaultMalformedJSON
	// FaultHugeBody processes the request, then answers Fault.Status (200 when zero) with a
	// body of Fault.Size bytes (32 MiB when zero) of valid-looking JSON, sent chunked without a
	// Content-Length: the contacts are created; a client that does not cap what it reads is
	// stuck reading.
	FaultHugeBody
	// FaultWrongContentType processes the request, then answers 200 with Content-Type
	// text/html and an HTML page, as a captive portal or a misconfigured proxy would: the
	// contacts are created.
	FaultWrongContentType
)

var faultKindNames = [...]string{
	FaultStatus:              "status",
	FaultResetBeforeCommit:   "reset-before-commit",
	FaultResetAfterCommit:    "reset-after-commit",
	FaultInternalAfterCommit: "internal-after-commit",
	FaultSlowResponse:        "slow-response",
	FaultTruncatedBody:       "truncated-body",
	FaultMalformedJSON:       "malformed-json",
	FaultHugeBody:            "huge-body",
	FaultWrongContentType:    "wrong-content-type",
}

// String returns the kind's name in kebab case, such as "reset-after-commit".
func (k FaultKind) String() string {
	if k >= 0 && int(k) < len(faultKindNames) {
		return faultKindNames[k]
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// ParseFaultKind returns the kind whose String is name, and false when there is none.
func ParseFaultKind(name string) (FaultKind, bool) {
	i := slices.Index(faultKindNames[:], name)
	return FaultKind(i), i >= 0
}

// AfterCommit reports whether the kind processes the request before spoiling the answer, so
// that a valid request creates its contacts.
func (k FaultKind) AfterCommit() bool {
	return k != FaultStatus && k != FaultResetBeforeCommit
}

// DefaultHugeBodySize is the body size of a FaultHugeBody whose Size is zero.
const DefaultHugeBodySize = 32 << 20

// A Fault is a scripted misbehaviour for one mutate request (see Mutation): by default a
// batchCreateContacts request. Faults wait in a queue, in the order they were added; each mutate
// request fires the first fault that matches it, if any, and a fired fault is used up, unless it
// is probabilistic. A fault matches a request when every condition it sets holds. Reads
// (connections.list, contactGroups.list and get, photo downloads) never fire faults.
type Fault struct {
	// Kind is what the fault does; the zero Kind is FaultStatus.
	Kind FaultKind
	// Mutation is the method the fault targets: MutationBatchCreateContacts when empty,
	// AnyMutation for every mutate method. The "commit" of a kind is the method's write: the
	// contacts created, the contact group created, the photo stored.
	Mutation Mutation
	// Request, when not zero, matches only the Request-th mutate request the server sees
	// (1-based, counted across users since NewServer or Reset). Zero matches the next one.
	Request int
	// User, when not empty, matches only requests of that user (see Server.ClientOptions).
	User string
	// Probability, when above zero, makes the fault fire on each matching request with that
	// probability, drawn from the server's seeded source (see WithSeed). Such a fault is never
	// used up and does not count in PendingFaults.
	Probability float64

	// Status is the HTTP status of a FaultStatus (503 when zero) or a FaultHugeBody (200 when
	// zero).
	Status int
	// Body is the body of a FaultStatus. When nil the server writes the body the real service
	// or its front end is known to send for Status: Google's JSON error envelope, or, when
	// ContentType names HTML, Google's HTML error page (like fixtures/proxy-502.html); for a
	// Status below 400, "{}".
	Body []byte
	// ContentType is the Content-Type of a FaultStatus; empty means
	// "application/json; charset=UTF-8".
	ContentType string
	// Header holds extra headers for a FaultStatus, such as Retry-After.
	Header http.Header
	// Delay is how long a FaultSlowResponse holds the answer.
	Delay time.Duration
	// Size is the body size in bytes of a FaultHugeBody; zero means DefaultHugeBodySize.
	Size int
}

// faultMutations are the values a Fault's Mutation may hold.
var faultMutations = []Mutation{"", MutationBatchCreateContacts, MutationCreateContactGroup, MutationUpdateContactPhoto, AnyMutation}

// AddFaults appends faults to the server's queue. It panics when a fault's Status is neither
// zero nor a final HTTP status (200 to 599), or when its Mutation is not one of the Mutation
// constants or empty.
func (s *Server) AddFaults(f ...Fault) {
	for _, x := range f {
		if x.Status != 0 && (x.Status < 200 || x.Status > 599) {
			panic("peopletest: Fault.Status " + strconv.Itoa(x.Status) + " is not an HTTP status from 200 to 599")
		}
		if !slices.Contains(faultMutations, x.Mutation) {
			panic("peopletest: Fault.Mutation " + strconv.Quote(string(x.Mutation)) + " is not a Mutation")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range f {
		s.faults = append(s.faults, x.clone())
	}
}

// PendingFaults returns how many faults wait in the queue, not counting probabilistic ones. A
// test asserts that it is zero to know that every scripted fault fired.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		if f.Probability <= 0 {
			n++
		}
	}
	return n
}

// takeFault returns the fault that fires for mutate request number n of user, a request of
// method m, or nil.
func (s *Server) takeFault(n int, user string, m Mutation) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.Request != 0 && f.Request != n) || (f.User != "" && f.User != user) || !f.targets(m) {
			continue
		}
		if f.Probability > 0 {
			if s.faultRand.Float64() < f.Probability {
				c := f.clone()
				return &c
			}
			continue
		}
		s.faults = slices.Delete(s.faults, i, i+1)
		return &f
	}
	return nil
}

// targets reports whether the fault targets method m.
func (f Fault) targets(m Mutation) bool {
	switch f.Mutation {
	case AnyMutation:
		return true
	case "":
		return m == MutationBatchCreateContacts
	}
	return f.Mutation == m
}

func (f Fault) clone() Fault {
	f.Body = slices.Clone(f.Body)
	f.Header = f.Header.Clone()
	return f
}
