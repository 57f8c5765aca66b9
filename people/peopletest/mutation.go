// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"errors"
	"io"
	"net/http"
	"sync"
)

// This file runs every mutate request the same way, whatever its method: numbering, overlap
// detection, faults, write quota, latency, then the method's own work, then delivery.

// A Mutation names a mutate method of the People API. Every mutation of a user counts against
// that user's write quota (see WithWriteQuota) and in the overlap detection (see
// WithConcurrencyCheck), is numbered as Fault.Request counts, and can be targeted by a Fault.
type Mutation string

const (
	// MutationBatchCreateContacts is [people.batchCreateContacts], the method a Fault whose
	// Mutation is empty targets.
	//
	// [people.batchCreateContacts]: https://developers.google.com/people/api/rest/v1/people/batchCreateContacts
	MutationBatchCreateContacts Mutation = "people.batchCreateContacts"
	// MutationCreateContactGroup is [contactGroups.create].
	//
	// [contactGroups.create]: https://developers.google.com/people/api/rest/v1/contactGroups/create
	MutationCreateContactGroup Mutation = "contactGroups.create"
	// MutationUpdateContactPhoto is [people.updateContactPhoto].
	//
	// [people.updateContactPhoto]: https://developers.google.com/people/api/rest/v1/people/updateContactPhoto
	MutationUpdateContactPhoto Mutation = "people.updateContactPhoto"
	// AnyMutation, as a Fault's Mutation, targets every mutate method.
	AnyMutation Mutation = "*"
)

// applyFunc does the work of one mutate method on an admitted request whose body is body, and
// returns the answer and the number of contacts it created.
type applyFunc func(r *http.Request, user string, body []byte) (rep reply, created int)

// handleMutation serves a mutate request of method m, applied by apply.
func (s *Server) handleMutation(w http.ResponseWriter, r *http.Request, rec *Request, m Mutation, apply applyFunc) {
	n, overlapped := s.beginMutate(rec.User)
	// The request counts as in flight until the client can know it ended: when the handler
	// returns (its answer's last bytes go out after that), or, for a fault that cuts the
	// connection, just before the cut, so that a client that sends the next request at once
	// does not meet the tail of this handler.
	done := sync.OnceFunc(func() { s.endMutate(rec.User) })
	defer done()
	rec.Number, rec.Overlapped, rec.Mutation = n, overlapped, m

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	rec.BodyBytes = int64(len(body))
	if err != nil {
		if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
			rec.Status = write(w, htmlReply(http.StatusRequestEntityTooLarge, googleErrorPage(http.StatusRequestEntityTooLarge)))
		}
		return // otherwise the client went away
	}
	if m == MutationBatchCreateContacts {
		rec.Contacts = countContacts(body)
	}

	f := s.takeFault(n, rec.User, m)
	rec.Fault = f
	if f != nil && !f.Kind.AfterCommit() {
		if f.Kind == FaultResetBeforeCommit {
			done()
			resetConn(w)
			return
		}
		rec.Status = write(w, f.statusReply(r))
		return
	}
	rep, created, answer := s.process(r, rec.User, rec.Contacts, overlapped, func() (reply, int) {
		return apply(r, rec.User, body)
	})
	rec.Created = created
	if answer {
		if f != nil && f.Kind.cutsConnection() {
			done()
			if f.Kind == FaultTruncatedBody {
				rec.Status = rep.status // the status line goes out before the cut
			}
		}
		rec.Status = s.deliver(w, r, rep, f)
	}
}

// cutsConnection reports whether a fault of kind k ends its request by cutting the connection
// (a reset, a body cut short) or lets the client end it (a body past any cap), rather than by
// an answer that the handler completes before it returns.
func (k FaultKind) cutsConnection() bool {
	switch k {
	case FaultResetBeforeCommit, FaultResetAfterCommit, FaultTruncatedBody, FaultHugeBody:
		return true
	}
	return false
}
