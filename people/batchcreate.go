// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"iter"
	"sync"
)

// errStopped is the cause given to contacts left unsent because an earlier request failed.
var errStopped = errors.New("people: not sent: an earlier request of the call failed")

// BatchCreateContacts creates contacts through people.batchCreateContacts, as many as
// given: it sends them in requests of at most Config.ChunkSize (200) contacts, in input
// order, one request at a time for the client's user. While a request is on its way, the
// next one is encoded and the reply to the one before is decoded (unless Config.Reconcile is
// set), so that the client's own work hides behind the round trips. Progress is reported
// from the calling goroutine as each reply comes in, before the next request is sent.
//
// readMask names the fields of each created person to return, such as
// ReadMask(MaskNames, MaskEmailAddresses); an empty mask is legal and returns no person
// data, saving the server's read after the create. sources selects the sources read back;
// nil means the server's default (contact and profile).
//
// Before sending anything it validates the arguments and every contact against the rules
// the API documents for creation; a problem fails the call with an *InputError that names
// each contact index and field, unless SkipInvalid is given.
//
// The *Result has one ContactResult per input contact, in input order, whatever happens,
// and is returned even with an error. The error is nil when every contact was created;
// otherwise it is a *BatchError that lists the failed requests, each a *RequestError whose
// cause is an *Error from the server, a *RetryError, or a transport or context error, and
// whose Contacts name the refused contacts by input index.
//
// The call is not idempotent: a contact whose outcome is OutcomeUnknown may exist. See the
// package documentation, section Retries.
func (c *Client) BatchCreateContacts(ctx context.Context, contacts []*Person, readMask string, sources []ReadSourceType, opts ...CallOption) (*Result, error) {
	res := &Result{Contacts: make([]ContactResult, len(contacts))}
	for i := range res.Contacts {
		res.Contacts[i].Index = i
	}
	cl := c.newCall(ctx, readMask, sources, len(contacts), opts)
	cl.ctx, cl.trace = c.tel.startCall(cl.ctx, spanCall, len(contacts), c.cfg.ChunkSize)
	defer cl.trace.endResult(res)
	if err := cl.checkArgs(); err != nil {
		for i := range res.Contacts {
			res.Contacts[i].Err = err
		}
		return res, err
	}

	// Validate everything before sending anything.
	var problems [][]*ValidationError
	var all []*ValidationError
	for i, p := range contacts {
		if ps := validateContact(i, p); ps != nil {
			if problems == nil {
				problems = make([][]*ValidationError, len(contacts))
			}
			problems[i] = ps
			all = append(all, ps...)
		}
	}
	if all != nil && !cl.settings.skipInvalid {
		err := &InputError{Problems: all}
		for i := range res.Contacts {
			res.Contacts[i].Err = err
			if problems[i] != nil {
				res.Contacts[i].Outcome = OutcomeFailed
				res.Contacts[i].Err = &InputError{Problems: problems[i]}
			}
		}
		return res, err
	}

	// Requests go one after another. With reconciliation off, each successful reply is
	// decoded while the next request is on its way: the decision to send the next one
	// depends only on the reply's status, and the decoding is most of the client's work.
	cl.decodeBehind = c.cfg.Reconcile == nil
	var failed []*RequestError
	var stopErr error
	// settle gives f's contacts their results, once its reply is decoded.
	settle := func(f *inFlight) {
		if f.behind != nil {
			cl.decode(f.behind)
		}
		copy(res.Contacts[f.off:], f.br.Contacts)
	}
	problemsIn := func(from, to int) [][]*ValidationError {
		if problems == nil {
			return nil
		}
		return problems[from:to]
	}
	size := c.cfg.ChunkSize
	var prev *inFlight     // sent and reported, results not yet settled
	var ahead *requestBody // the next request, encoded while the one before was on its way
	defer func() {
		if ahead != nil {
			c.bodies.put(ahead)
		}
	}()
	for off := 0; ; off += size {
		var cur *inFlight
		if off < len(contacts) {
			if err := ctx.Err(); err != nil {
				if prev != nil {
					settle(prev)
				}
				stopErr = err
				markRest(res, off, err)
				break
			}
			cur = &inFlight{off: off, end: min(off+size, len(contacts))}
		}
		// The request goes out from this goroutine at once; the work that can wait (the
		// previous reply, the next request's body) is done by another meanwhile. (The other
		// way round, a new goroutine sending, waits to be scheduled while this one works.)
		var wg sync.WaitGroup
		pre := ahead
		ahead = nil
		var next *requestBody
		nextOff := off + size
		encodeNext := cur != nil && nextOff < len(contacts) && cl.decodeBehind
		if p := prev; p != nil || encodeNext {
			wg.Go(func() {
				if p != nil {
					settle(p)
				}
				if encodeNext {
					end := min(nextOff+size, len(contacts))
					next = cl.preEncode(contacts[nextOff:end], problemsIn(nextOff, end))
				}
			})
		}
		if cur != nil {
			cur.br, cur.err = cl.sendTraced(cur.off, contacts[cur.off:cur.end], problemsIn(cur.off, cur.end), pre)
			cur.behind, cl.behind = cl.behind, nil
		}
		wg.Wait()
		ahead = next
		if cur == nil {
			break
		}
		// Report at once: a request's outcomes are known before its reply is decoded, and a
		// progress hook that cancels the context then stops the call before the next request.
		cl.report(cur.br)
		var re *RequestError
		if errors.As(cur.err, &re) {
			failed = append(failed, re)
		}
		prev = cur
		if cur.err != nil && !cl.settings.continueOnError {
			settle(cur)
			cause := errStopped
			if cerr := ctx.Err(); cerr != nil {
				stopErr, cause = cerr, cerr
			}
			markRest(res, cur.end, cause)
			break
		}
	}
	counts := res.Counts()
	if counts.Created == len(contacts) {
		return res, nil
	}
	be := &BatchError{Counts: counts, Requests: failed, Err: stopErr}
	if all != nil {
		be.Invalid = &InputError{Problems: all}
	}
	return res, be
}

// inFlight is a request of BatchCreateContacts: contacts[off:end], its result and error, and
// its reply if it is still to be decoded.
type inFlight struct {
	off, end int
	br       *BatchResult
	err      error
	behind   *replyDecode
}

// markRest gives every contact from index from on the outcome "not sent" because of err.
func markRest(res *Result, from int, err error) {
	for i := from; i < len(res.Contacts); i++ {
		res.Contacts[i].Outcome = OutcomeNotSent
		res.Contacts[i].Err = err
	}
}

// BatchCreateContactsSeq is the streaming form of BatchCreateContacts: it reads contacts as
// it needs them and yields the outcome of each request as soon as it is known, so that
// memory holds one request's worth of contacts whatever the length of the input.
//
// It reads Config.ChunkSize contacts (or the rest of the input) before it sends each request,
// and validates them just before the request is built. Unless SkipInvalid is given,
// an invalid contact ends the sequence with a BatchResult that reports it failed and the rest
// of its request not sent, and an *InputError; earlier requests have been sent by then.
//
// Each pair yielded is a request's result and its error: nil, or a *RequestError. A call
// whose arguments are invalid yields one pair, (nil, *InputError). Unless ContinueOnError is
// given, the sequence ends after the first failed request; the contacts after it are not read.
// Breaking out of the loop stops the call between requests.
func (c *Client) BatchCreateContactsSeq(ctx context.Context, contacts iter.Seq[*Person], readMask string, sources []ReadSourceType, opts ...CallOption) iter.Seq2[*BatchResult, error] {
	return func(yield func(*BatchResult, error) bool) {
		cl := c.newCall(ctx, readMask, sources, -1, opts)
		cl.ctx, cl.trace = c.tel.startCall(cl.ctx, spanCallSeq, -1, c.cfg.ChunkSize)
		defer cl.trace.endSeq()
		yield = cl.trace.tally(yield)
		if err := cl.checkArgs(); err != nil {
			yield(nil, err)
			return
		}
		size := c.cfg.ChunkSize
		chunk := make([]*Person, 0, size)
		offset := 0
		// flush sends the chunk and reports whether to go on.
		flush := func() bool {
			var problems [][]*ValidationError
			var all []*ValidationError
			for i, p := range chunk {
				if ps := validateContact(offset+i, p); ps != nil {
					if problems == nil {
						problems = make([][]*ValidationError, len(chunk))
					}
					problems[i] = ps
					all = append(all, ps...)
				}
			}
			if all != nil && !cl.settings.skipInvalid {
				br := &BatchResult{Request: cl.request, Offset: offset, Contacts: make([]ContactResult, len(chunk))}
				err := &InputError{Problems: all}
				for i := range br.Contacts {
					br.Contacts[i] = ContactResult{Index: offset + i, Err: err}
					if problems[i] != nil {
						br.Contacts[i].Outcome = OutcomeFailed
						br.Contacts[i].Err = &InputError{Problems: problems[i]}
					}
				}
				yield(br, err)
				return false
			}
			if err := ctx.Err(); err != nil {
				yield(notSent(cl.request, offset, len(chunk), err), err)
				return false
			}
			br, err := cl.sendTraced(offset, chunk, problems, nil)
			cl.report(br)
			offset += len(chunk)
			chunk = chunk[:0]
			return yield(br, err) && (err == nil || cl.settings.continueOnError)
		}
		for p := range contacts {
			chunk = append(chunk, p)
			if len(chunk) == size && !flush() {
				return
			}
		}
		if len(chunk) > 0 {
			flush()
		}
	}
}

// notSent returns the result of a request that was never sent because of err.
func notSent(request, offset, n int, err error) *BatchResult {
	br := &BatchResult{Request: request, Offset: offset, Contacts: make([]ContactResult, n)}
	for i := range br.Contacts {
		br.Contacts[i] = ContactResult{Index: offset + i, Err: err}
	}
	return br
}
