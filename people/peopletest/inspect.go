// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"slices"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file lets tests look inside the server. Every method returns copies and is safe to call
// while requests are in flight. A user named "" means DefaultUser.

// A Request is the server's record of one HTTP request it answered (or chose not to answer).
type Request struct {
	// Number is the 1-based number of a mutate request (one of the methods named by Mutation,
	// that passed authentication), counted across users and methods since NewServer or Reset,
	// as Fault.Request counts it; zero for any other request.
	Number int
	// Mutation is the method of a mutate request, empty for any other request.
	Mutation Mutation
	// Method and Path are those of the HTTP request, without the query.
	Method string
	Path   string
	// User is the user the request acted as, "" when authentication failed.
	User string
	// Contacts is the number of contacts in a batchCreateContacts body (counted even when the
	// body is invalid, zero when it is not JSON), or the number of people in a connections
	// page.
	Contacts int
	// BodyBytes is the size of the request body the server read.
	BodyBytes int64
	// Status is the HTTP status the client was sent; zero when it was sent none (a connection
	// reset, or a client that went away).
	Status int
	// Created is the number of contacts the request created, whatever the client was told;
	// zero for the other mutations, whose writes Groups and Photo show.
	Created int
	// Overlapped reports whether the request started while another mutate request of the same
	// user was in flight.
	Overlapped bool
	// Time is when the request arrived, on the server's clock (see WithClock).
	Time time.Time
	// Fault is a copy of the fault that fired for the request, nil when none did.
	Fault *Fault
}

// Requests returns the records of the requests the server answered since NewServer or Reset,
// in the order their answers started: a request is recorded as its answer starts out (or as
// its connection is reset or cut), so a client that has read an answer finds its request here.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		if r.Fault != nil {
			f := r.Fault.clone()
			r.Fault = &f
		}
		out[i] = r
	}
	return out
}

// Contacts returns deep copies of the contacts stored for user, in creation order, as the
// server stores them: with resourceName, etag, metadata and the formatted fields it fills in.
func (s *Server) Contacts(user string) []*people.Person {
	s.mu.Lock()
	var stored []storedContact
	if a := s.accounts[userKey(user)]; a != nil {
		stored = a.contacts[:len(a.contacts):len(a.contacts)]
	}
	s.mu.Unlock()
	out := make([]*people.Person, len(stored))
	for i, c := range stored {
		out[i] = c.person()
	}
	return out
}

// Groups returns copies of the contact groups user created with contactGroups.create, in
// creation order, each with the resource names of its members. The system groups
// (contactGroups/myContacts, starred and the others), which every user has, are not included.
func (s *Server) Groups(user string) []Group {
	user = userKey(user)
	views := s.groupViews(user)
	s.mu.Lock()
	var created []Group
	if a := s.accounts[user]; a != nil {
		created = a.groups[:len(a.groups):len(a.groups)]
	}
	s.mu.Unlock()
	out := make([]Group, len(created))
	for i, g := range created {
		g.ClientData = slices.Clone(g.ClientData)
		if j := slices.IndexFunc(views, func(v groupView) bool { return v.resourceName == g.ResourceName }); j >= 0 {
			g.Members = slices.Clone(views[j].members)
		}
		out[i] = g
	}
	return out
}

// Photo returns a copy of the photo last set with updateContactPhoto on the contact of user
// named resourceName ("people/c…"), and false when that contact has none.
func (s *Server) Photo(user, resourceName string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[userKey(user)]
	if a == nil {
		return nil, false
	}
	i := indexOf(a.contacts, resourceName)
	if i < 0 || a.contacts[i].photoURL == "" {
		return nil, false
	}
	ph, ok := s.photos[photoIDOf(a.contacts[i].photoURL)]
	return slices.Clone(ph.data), ok
}

// Duplicates returns how many times a contactPerson already stored for user was stored again:
// the same submitted person (by canonical JSON of what the client sent) created n times counts
// n-1. A client that replays a batch whose outcome it did not know makes duplicates.
func (s *Server) Duplicates(user string) int {
	return s.counter(user, func(a *account) int { return a.duplicates })
}

// Overlaps returns how many mutate requests of user started while another one of the same user
// was in flight, which the contract forbids.
func (s *Server) Overlaps(user string) int {
	return s.counter(user, func(a *account) int { return a.overlaps })
}

// MaxInFlight returns the largest number of mutate requests of user that were in flight at
// once; 1 for a client that never overlaps.
func (s *Server) MaxInFlight(user string) int {
	return s.counter(user, func(a *account) int { return a.maxInFlight })
}

// QuotaRejections returns how many mutate requests of user the write quota rejected with 429.
func (s *Server) QuotaRejections(user string) int {
	return s.counter(user, func(a *account) int { return a.quotaRejections })
}

func (s *Server) counter(user string, get func(*account) int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.accounts[userKey(user)]; a != nil {
		return get(a)
	}
	return 0
}

// Reset empties every user's contacts, contact groups and photos, the fault queue, the request
// records, the quota windows and the counters, and restarts the numbering of mutate requests.
// Requests in flight finish normally.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts = map[string]*account{}
	s.photos = map[string]storedPhoto{}
	s.faults = nil
	s.requests = nil
	s.mutations = 0
	s.projectWrites = quotaCount{}
}

func userKey(user string) string {
	if user == "" {
		return DefaultUser
	}
	return user
}
