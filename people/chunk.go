// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"errors"
	"fmt"
)

// chunk is one request's worth of input contacts on its way through the engine that both
// forms of the call share: validate ([validateContacts]), mark ([call.newChunk]), send and
// classify ([call.send]), decode ([call.decode]), report ([call.report]).
type chunk struct {
	br *BatchResult
	// contacts are the input contacts, or copies that carry markers when reconciling.
	contacts []*Person
	markers  []string     // each contact's reconciliation marker; nil when off
	pending  []int        // positions in contacts of the contacts to send
	body     *requestBody // the encoded request for pending; nil once given back
	// reply is the undecoded reply of a request that created the contacts at created.
	reply   *createdReply
	created []int
	err     error // the request's error: nil or a *RequestError
}

// newResults returns the results of n contacts from input index offset on, not sent yet.
func newResults(offset, n int) []ContactResult {
	rs := make([]ContactResult, n)
	for i := range rs {
		rs[i].Index = offset + i
	}
	return rs
}

// validateContacts validates contacts, the first of which has input index offset. It
// returns the problems of each (nil when none has any) and all of them.
func (cl *call) validateContacts(offset int, contacts []*Person) (each [][]*ValidationError, all []*ValidationError) {
	for i, p := range contacts {
		if ps := cl.validateContact(offset+i, p); ps != nil {
			if each == nil {
				each = make([][]*ValidationError, len(contacts))
			}
			each[i] = ps
			all = append(all, ps...)
		}
	}
	return each, all
}

// refuseInvalid records a call refused by validation in results: each invalid contact fails
// with its own problems, the others are not sent because of all of them, which it returns.
func refuseInvalid(results []ContactResult, each [][]*ValidationError, all []*ValidationError) *InputError {
	err := &InputError{Problems: all}
	markNotSent(results, err)
	for i := range results {
		if each[i] != nil {
			results[i].Outcome, results[i].Err = OutcomeFailed, &InputError{Problems: each[i]}
		}
	}
	return err
}

// markNotSent gives every one of results the outcome "not sent" because of err.
func markNotSent(results []ContactResult, err error) {
	for i := range results {
		results[i].Outcome, results[i].Err = OutcomeNotSent, err
	}
}

// newChunk makes the next request of the call from contacts, whose results it fills in:
// contacts with problems fail, the others are marked (when reconciling) and encoded.
func (cl *call) newChunk(results []ContactResult, contacts []*Person, problems [][]*ValidationError) *chunk {
	ch := &chunk{br: &BatchResult{Request: cl.request, Offset: results[0].Index, Contacts: results}, contacts: contacts}
	cl.request++
	ch.pending = make([]int, 0, len(contacts))
	for i := range contacts {
		if problems != nil && problems[i] != nil {
			results[i].Outcome, results[i].Err = OutcomeFailed, &InputError{Problems: problems[i]}
			continue
		}
		ch.pending = append(ch.pending, i)
	}
	if cl.keyed != nil {
		ch.contacts, ch.pending, ch.err = cl.keyed.prepare(cl, ch.br, contacts, ch.pending)
		ch.markers = cl.keyed.markers
		if ch.err != nil {
			return ch
		}
	}
	if len(ch.pending) == 0 {
		return ch
	}
	if rc := cl.c.cfg.Reconcile; rc != nil && cl.keyed == nil {
		ch.contacts, ch.markers = marked(contacts, rc.key())
		cl.countCallerMarkers(contacts, ch.markers, ch.pending)
	}
	ch.body = cl.encode(ch, ch.pending)
	return ch
}

// encode returns the request body for ch's contacts at pending. A contact that
// encoding/json cannot encode fails the request: its contacts are not sent.
func (cl *call) encode(ch *chunk, pending []int) *requestBody {
	body := cl.c.bodies.get()
	if err := encodeRequest(&body.buf, ch.contacts, pending, cl.reqMask, cl.sources); err != nil {
		cl.c.bodies.put(body)
		ch.err = cl.fail(ch.br, pending, OutcomeNotSent, nil, fmt.Errorf("people: encoding request: %w", err))
		return nil
	}
	return body
}

// send sends ch's request and records each contact's outcome. With ResendValid, a request
// refused because of some of its contacts is sent again once without them. When reconciling,
// it decodes the reply and settles the contacts whose outcome is unknown. A created reply is
// otherwise left in ch.reply for [call.decode].
func (cl *call) send(ch *chunk) {
	if ch.body == nil {
		return // nothing to send, or encoding failed
	}
	err := cl.sendContacts(ch, ch.pending, ch.body)
	var re *RequestError
	// Only a request of which the server refused some contacts, not all, has others to send.
	if cl.settings.resendValid && errors.As(err, &re) && len(re.Contacts) > 0 && len(re.Contacts) < len(ch.pending) {
		rest := make([]int, 0, len(ch.pending))
		for _, i := range ch.pending {
			if ch.br.Contacts[i].Outcome == OutcomeNotSent {
				rest = append(rest, i)
			}
		}
		if body := cl.encode(ch, rest); body != nil {
			// The refused contacts stay failed; the request's error is now that of the
			// second try, if it failed too, with every refused contact listed.
			var re2 *RequestError
			err2 := cl.sendContacts(ch, rest, body)
			cl.c.bodies.put(body)
			if errors.As(err2, &re2) {
				re2.Contacts = append(re.Contacts, re2.Contacts...)
				re = re2
			} else {
				re.Outcome = OutcomeCreated
			}
			re.Attempts = ch.br.Attempts
			err = re
		}
	}
	ch.err = err
	if ch.markers != nil {
		cl.decode(ch)
		if cl.c.cfg.Reconcile != nil && unsettled(ch.br) {
			ch.err = cl.reconcile(ch, ch.err)
		}
	}
	if cl.keyed != nil {
		ch.err = cl.keyed.record(cl, ch.br, ch.pending, ch.err)
	}
}

// sendContacts sends body, the request for ch's contacts at pending, and records their
// outcomes from the request's verdict. It returns a *RequestError unless every contact sent
// was created; the created reply is left in ch.reply, undecoded.
func (cl *call) sendContacts(ch *chunk, pending []int, body *requestBody) error {
	s := cl.c.sendRequest(cl.ctx, batchCreate(body))
	ch.br.Attempts += s.attempts
	switch s.verdict {
	case verdictCreated:
		for _, i := range pending {
			ch.br.Contacts[i].Outcome, ch.br.Contacts[i].Err = OutcomeCreated, nil
		}
		ch.reply, ch.created = s.reply, pending
		return nil
	case verdictRejected:
		return cl.rejected(ch.br, pending, s.err.(*Error))
	case verdictUnknown:
		return cl.fail(ch.br, pending, OutcomeUnknown, nil, s.err)
	}
	return cl.fail(ch.br, pending, OutcomeNotSent, nil, s.err)
}

// rejected records a 4xx reply. Contacts named by BatchCreateContactsErrorDetails failed;
// the others were not created and may be sent again. Without that detail, every contact
// sent failed with the request.
func (cl *call) rejected(br *BatchResult, pending []int, e *Error) error {
	d := e.Details.BatchCreateContactsErrorDetails()
	if d == nil {
		return cl.fail(br, pending, OutcomeFailed, nil, e)
	}
	var named []*ContactError
	rest := make([]int, 0, len(pending))
	for k, i := range pending {
		if st, ok := d.ContactErrors[k]; ok {
			ce := &ContactError{Index: br.Contacts[i].Index, Status: st}
			named = append(named, ce)
			br.Contacts[i].Outcome, br.Contacts[i].Err = OutcomeFailed, ce
			continue
		}
		rest = append(rest, i)
	}
	return cl.fail(br, rest, OutcomeNotSent, named, e)
}

// fail gives the contacts at pending the outcome o and returns the request's error, which
// also becomes their Err.
func (cl *call) fail(br *BatchResult, pending []int, o Outcome, named []*ContactError, cause error) error {
	re := &RequestError{
		Request: br.Request, Offset: br.Offset, Count: len(br.Contacts),
		Attempts: br.Attempts, Outcome: o, Contacts: named, Err: cause,
	}
	for _, i := range pending {
		br.Contacts[i].Outcome, br.Contacts[i].Err = o, re
	}
	return re
}

// stops reports whether a request's error ends the call: any error unless ContinueOnError,
// and a full account always.
func (cl *call) stops(err error) bool {
	var full *AccountFullError
	return err != nil && (!cl.settings.continueOnError || errors.As(err, &full))
}
