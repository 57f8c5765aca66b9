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

// BatchCreateContacts creates contacts through [people.batchCreateContacts], as many as
// given: it sends them in requests of at most [Config].ChunkSize (200) contacts, in input
// order, one request at a time for the client's user. [WithProgress] is called from the
// calling goroutine after each request, before the next one is sent.
//
// readMask names the fields of each created person to return, such as
// [ReadMask]([MaskNames], [MaskEmailAddresses]); an empty mask is legal and returns no person
// data, saving the server's read after the create. sources selects the sources read back;
// nil means the server's default (contact and profile).
//
// Before sending anything it validates the arguments and every contact against the rules
// the API documents for creation; a problem fails the call with an [*InputError] that names
// each contact index and field, unless [SkipInvalid] is given. A nil ctx is such a problem.
//
// The [*Result] has one [ContactResult] per input contact, in input order, whatever happens,
// and is returned even with an error. The error is nil when every contact was created;
// otherwise it is a [*BatchError] that lists the failed requests, each a [*RequestError]
// whose cause is an [*Error] from the server, a [*RetryError], an [*AccountFullError], or a
// transport, context or [Sequencer] error, and whose Contacts name the refused contacts by
// input index. Unless [ContinueOnError] is given, the call stops at the first failed
// request; a full account always stops it.
//
// When ctx ends, the call stops: the [*BatchError]'s Err is ctx's error and the contacts not
// sent yet are [OutcomeNotSent] because of it. A request that ctx ends while it waits to be
// retried (after a 429, say) fails with a [*RetryError] that holds the last attempt's error
// and matches ctx's error with errors.Is.
//
// The call is not idempotent: a contact whose outcome is [OutcomeUnknown] may exist. See the
// package documentation, section Retries.
//
// [people.batchCreateContacts]: https://developers.google.com/people/api/rest/v1/people/batchCreateContacts
func (c *Client) BatchCreateContacts(ctx context.Context, contacts []*Person, readMask string, sources []ReadSourceType, opts ...CallOption) (*Result, error) {
	res := &Result{Contacts: newResults(0, len(contacts))}
	cl, err := c.newCall(ctx, readMask, sources, len(contacts), opts)
	if err != nil {
		markNotSent(res.Contacts, err)
		return res, err
	}
	cl.ctx, cl.trace = c.tel.startCall(cl.ctx, spanCall, len(contacts), c.cfg.ChunkSize)
	defer cl.trace.endResult(res)
	each, all := cl.validateContacts(0, contacts)
	if all != nil && !cl.settings.skipInvalid {
		return res, refuseInvalid(res.Contacts, each, all)
	}
	size := c.cfg.ChunkSize
	// chunkAt makes the request of the contacts from off on; its results are those of res.
	chunkAt := func(off int) *chunk {
		end := min(off+size, len(contacts))
		var problems [][]*ValidationError
		if each != nil {
			problems = each[off:end]
		}
		return cl.newChunk(res.Contacts[off:end], contacts[off:end], problems)
	}
	// Requests go one after another, each sent from this goroutine. Unless reconciling,
	// which decodes each reply before the next request, another goroutine decodes the reply
	// before and makes the next request meanwhile: what decides whether to send the next
	// request is the verdict alone.
	// Keyed calls too: their journal records each request before the next is made.
	pipelined := c.cfg.Reconcile == nil && cl.keyed == nil
	if cl.keyed != nil {
		cl.keyed.input = contacts
	}
	var failed []*RequestError
	var stopErr error
	var cur, prev *chunk // prev: sent and reported, its reply maybe not decoded yet
	if len(contacts) > 0 {
		cur = chunkAt(0)
	}
	for cur != nil {
		if err := ctx.Err(); err != nil {
			stopErr = err
			cl.decode(cur)
			markNotSent(res.Contacts[cur.br.Offset:], err)
			break
		}
		var next *chunk
		nextOff := cur.br.Offset + size
		var wg sync.WaitGroup
		if pipelined {
			done := prev
			wg.Go(func() {
				cl.decode(done)
				if nextOff < len(contacts) {
					next = chunkAt(nextOff)
				}
			})
		}
		func() {
			defer wg.Wait() // also when sending panics (a caller's transport or Sequencer)
			cl.sendTraced(cur)
		}()
		// Report at once: a request's outcomes are known before its reply is decoded, and a
		// progress hook that cancels the context then stops the call before the next request.
		cl.report(cur.br)
		var re *RequestError
		if errors.As(cur.err, &re) {
			failed = append(failed, re)
		}
		prev = cur
		if cl.stops(cur.err) {
			cl.decode(next)
			cause := stopCause(ctx, cur.err)
			if cause != errStopped {
				stopErr = cause
			}
			markNotSent(res.Contacts[min(nextOff, len(contacts)):], cause)
			break
		}
		if !pipelined && nextOff < len(contacts) {
			next = chunkAt(nextOff)
		}
		cur = next
	}
	cl.decode(prev)
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

// stopCause returns why the contacts after a request that failed with err are not sent: the
// context's error, the full account, or [errStopped].
func stopCause(ctx context.Context, err error) error {
	var full *AccountFullError
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &full):
		return full
	}
	return errStopped
}

// BatchCreateContactsSeq is the streaming form of [Client.BatchCreateContacts]: it reads contacts as
// it needs them and yields the outcome of each request as soon as it is known, so that
// memory holds one request's worth of contacts whatever the length of the input.
//
// It reads [Config].ChunkSize contacts (or the rest of the input) before it sends each request,
// and validates them just before the request is built. Unless [SkipInvalid] is given,
// an invalid contact ends the sequence with a [BatchResult] that reports it failed and the
// rest of its request not sent, and an [*InputError]; earlier requests have been sent by then.
//
// Each pair yielded is a request's result and its error: nil, or a [*RequestError]; when ctx
// is done before a request is sent, the last pair reports that request's contacts
// [OutcomeNotSent] with ctx's error, and when ctx ends while a request waits to be retried,
// that request's [*RequestError] holds a [*RetryError] that matches ctx's error, as in
// [Client.BatchCreateContacts]. A call whose arguments are invalid (a nil ctx included)
// yields one pair, (nil, [*InputError]).
// Unless [ContinueOnError] is given, the sequence ends after the first failed request, and
// after a full account ([*AccountFullError]) in any case; the contacts after it are not read.
// Breaking out of the loop stops the call between requests.
func (c *Client) BatchCreateContactsSeq(ctx context.Context, contacts iter.Seq[*Person], readMask string, sources []ReadSourceType, opts ...CallOption) iter.Seq2[*BatchResult, error] {
	return func(yield func(*BatchResult, error) bool) {
		cl, err := c.newCall(ctx, readMask, sources, -1, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		cl.ctx, cl.trace = c.tel.startCall(cl.ctx, spanCallSeq, -1, c.cfg.ChunkSize)
		defer cl.trace.endSeq()
		yield = cl.trace.tally(yield)
		size := c.cfg.ChunkSize
		buf := make([]*Person, 0, size)
		offset := 0
		// flush sends the contacts of buf and reports whether to go on.
		flush := func() bool {
			results := newResults(offset, len(buf))
			each, all := cl.validateContacts(offset, buf)
			if all != nil && !cl.settings.skipInvalid {
				yield(&BatchResult{Request: cl.request, Offset: offset, Contacts: results}, refuseInvalid(results, each, all))
				return false
			}
			if err := ctx.Err(); err != nil {
				markNotSent(results, err)
				yield(&BatchResult{Request: cl.request, Offset: offset, Contacts: results}, err)
				return false
			}
			ch := cl.newChunk(results, buf, each)
			cl.sendTraced(ch)
			cl.decode(ch)
			cl.report(ch.br)
			offset += len(buf)
			buf = buf[:0]
			return yield(ch.br, ch.err) && !cl.stops(ch.err)
		}
		for p := range contacts {
			buf = append(buf, p)
			if len(buf) == size && !flush() {
				return
			}
		}
		if len(buf) > 0 {
			flush()
		}
	}
}
