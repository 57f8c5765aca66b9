// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file serves POST /v1/people:batchCreateContacts.

type batchCreateResponse struct {
	CreatedPeople []personResponse `json:"createdPeople,omitempty"`
}

type personResponse struct {
	HTTPStatusCode int            `json:"httpStatusCode,omitempty"`
	Person         *people.Person `json:"person,omitempty"`
	Status         rpcStatus      `json:"status"`
}

func (s *Server) handleBatchCreate(w http.ResponseWriter, r *http.Request, rec *Request) {
	s.handleMutation(w, r, rec, MutationBatchCreateContacts, s.applyBatchCreate)
}

// process runs a mutate request of any method: concurrency check, quota, latency (n is the
// number of contacts in it), then apply, which validates and commits. It returns the answer,
// the number of contacts created, and false when the client went away before the commit (then
// nothing was created and nobody is left to answer).
func (s *Server) process(r *http.Request, user string, n int, overlapped bool, apply func() (reply, int)) (reply, int, bool) {
	ctx := r.Context()
	if overlapped {
		if s.cfg.concurrency.Abort {
			return errorReply(r, aborted()), 0, true
		}
		if err := s.sleep(ctx, s.cfg.concurrency.Delay); err != nil {
			return s.interrupted(r, err)
		}
	}
	if q, wait := s.admit(user); q != nil {
		rep := errorReply(r, quotaExceeded(wait, q, q == &s.cfg.projectQuota))
		if q.RetryAfter {
			rep.header.Set("Retry-After", strconv.Itoa(retryAfterSeconds(wait)))
		}
		return rep, 0, true
	}
	if err := s.sleep(ctx, s.cfg.perRequest+time.Duration(n)*s.cfg.perContact); err != nil {
		return s.interrupted(r, err)
	}
	rep, created := apply()
	return rep, created, true
}

// applyBatchCreate validates and commits a batchCreateContacts request.
func (s *Server) applyBatchCreate(r *http.Request, user string, body []byte) (reply, int) {
	var req batchCreateRequest
	if st := decodeStrict(body, &req); st != nil {
		return errorReply(r, *st), 0
	}
	mask, st := checkRequest(&req)
	if st == nil {
		st = s.checkContacts(req.Contacts, s.userGroupSet(user))
	}
	if st != nil {
		return errorReply(r, *st), 0
	}
	submitted := make([]*people.Person, len(req.Contacts))
	for i, c := range req.Contacts {
		submitted[i] = c.ContactPerson
	}
	stored, st := s.commit(user, submitted)
	if st != nil {
		return errorReply(r, *st), 0
	}
	if len(mask) == 0 {
		return jsonReply(r, http.StatusOK, struct{}{}), len(stored)
	}
	resp := batchCreateResponse{CreatedPeople: make([]personResponse, len(stored))}
	for i, p := range stored {
		resp.CreatedPeople[i] = personResponse{HTTPStatusCode: http.StatusOK, Person: maskPerson(p, mask)}
	}
	return jsonReply(r, http.StatusOK, resp), len(stored)
}

// interrupted is the outcome of a wait cut short by err.
func (s *Server) interrupted(r *http.Request, err error) (reply, int, bool) {
	if errors.Is(err, errClosing) {
		return errorReply(r, unavailable("The service is shutting down.")), 0, true
	}
	return reply{}, 0, false
}

// checkContacts applies the per-contact rules, memberships of the groups in userGroups
// included. When any contact breaks one, the whole batch fails with
// BatchCreateContactsErrorDetails keyed by request index.
func (s *Server) checkContacts(contacts []contactToCreate, userGroups map[string]bool) *errorStatus {
	errs := map[string]rpcStatus{}
	for i, c := range contacts {
		vs := []violation{{"", "", "A contact person is required."}}
		if c.ContactPerson != nil {
			vs = append(validatePerson(c.ContactPerson), checkMemberships(c.ContactPerson, userGroups)...)
		}
		if len(vs) > 0 {
			st := contactStatus(i, vs)
			errs[strconv.Itoa(i)] = st
		}
	}
	if len(errs) == 0 {
		return nil
	}
	s.mu.Lock()
	id := s.requestID()
	s.mu.Unlock()
	return &errorStatus{
		Code:    http.StatusBadRequest,
		Message: "Request contains an invalid argument.",
		Status:  "INVALID_ARGUMENT",
		Details: []any{
			batchErrorDetails{Type: typePrefix + "google.people.v1.BatchCreateContactsErrorDetails", ContactErrors: errs},
			requestInfo{Type: typePrefix + "google.rpc.RequestInfo", RequestID: id},
		},
	}
}

// maskPerson returns a copy of p holding only resourceName, etag and the fields in mask.
func maskPerson(p *people.Person, mask []string) *people.Person {
	cp := *p // shallow: stored people are never modified, and the copy is only encoded
	c := &cp
	v := reflect.ValueOf(c).Elem()
	for i := range v.NumField() {
		name := jsonName(v.Type().Field(i))
		if name != "resourceName" && name != "etag" && !slices.Contains(mask, name) {
			v.Field(i).SetZero()
		}
	}
	return c
}

// countContacts counts the contacts of a body leniently, for the record and for latency.
func countContacts(body []byte) int {
	var probe struct {
		Contacts []struct{} `json:"contacts"` // each contact skipped, not copied
	}
	if json.Unmarshal(body, &probe) != nil {
		return 0
	}
	return len(probe.Contacts)
}
