// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"log/slog"
)

// call holds the state of one BatchCreateContacts call.
type call struct {
	c        *Client
	ctx      context.Context
	readMask string
	sources  []ReadSourceType
	settings callSettings
	request  int // number of the next request
	// reqMask is the read mask sent: readMask, plus clientData when reconciling.
	reqMask string
	// markers holds the reconciliation marker of each contact of the current chunk, nil
	// when reconciliation is off.
	markers  []string
	total    int // input contacts, -1 if unknown
	progress Progress
	// decodeBehind makes send leave the decoding of a successful reply in behind, for the
	// caller to decode while the next request is on its way (BatchCreateContacts does,
	// when reconciliation, which needs each reply decoded before the next request, is off).
	decodeBehind bool
	behind       *replyDecode
	trace        *callTrace // the call's telemetry (telemetry.go)
}

func (c *Client) newCall(ctx context.Context, readMask string, sources []ReadSourceType, total int, opts []CallOption) *call {
	cl := &call{c: c, ctx: ctx, readMask: readMask, reqMask: readMask, sources: sources, total: total}
	if c.cfg.Reconcile != nil {
		cl.reqMask = withClientData(readMask)
	}
	for _, o := range opts {
		if o != nil {
			o.apply(&cl.settings)
		}
	}
	return cl
}

// checkArgs validates the arguments that apply to every request.
func (cl *call) checkArgs() error {
	problems := append(validateReadMask(cl.readMask), validateSources(cl.sources)...)
	if problems != nil {
		return &InputError{Problems: problems}
	}
	return nil
}

// send sends one chunk of input contacts, those without problems, and returns the outcome of
// each contact of the chunk. With ResendValid, a request refused because of some of its
// contacts is sent again once without them. pre, if not nil, is the request body that
// preEncode made for the same chunk; send owns it.
func (cl *call) send(offset int, chunk []*Person, problems [][]*ValidationError, pre *requestBody) (*BatchResult, error) {
	br := &BatchResult{Request: cl.request, Offset: offset, Contacts: make([]ContactResult, len(chunk))}
	cl.request++
	pending := toSend(chunk, problems)
	for i := range chunk {
		br.Contacts[i].Index = offset + i
		if problems != nil && problems[i] != nil {
			br.Contacts[i].Outcome = OutcomeFailed
			br.Contacts[i].Err = &InputError{Problems: problems[i]}
		}
	}
	if len(pending) == 0 {
		if pre != nil {
			cl.c.bodies.put(pre)
		}
		return br, nil
	}
	cl.markers = nil
	if rc := cl.c.cfg.Reconcile; rc != nil {
		chunk, cl.markers = marked(chunk, rc.key())
	}
	err := cl.attempt(br, chunk, pending, pre)
	var re *RequestError
	if cl.settings.resendValid && errors.As(err, &re) && len(re.Contacts) > 0 {
		rest := pending[:0:0]
		for _, i := range pending {
			if br.Contacts[i].Outcome == OutcomeNotSent {
				rest = append(rest, i)
			}
		}
		if len(rest) > 0 {
			// The refused contacts stay failed; the request's error is now that of the
			// second try, if it failed too, with every refused contact listed.
			var re2 *RequestError
			if err2 := cl.attempt(br, chunk, rest, nil); errors.As(err2, &re2) {
				re2.Contacts = append(re.Contacts, re2.Contacts...)
				re = re2
			} else {
				re.Outcome = OutcomeCreated
			}
			re.Attempts = br.Attempts
			err = re
		}
	}
	if cl.markers != nil && unsettled(br) {
		err = cl.reconcile(br, chunk, cl.markers, err)
	}
	return br, err
}

// toSend returns the positions in chunk of the contacts without problems: those to send.
func toSend(chunk []*Person, problems [][]*ValidationError) []int {
	pending := make([]int, 0, len(chunk))
	for i := range chunk {
		if problems == nil || problems[i] == nil {
			pending = append(pending, i)
		}
	}
	return pending
}

// preEncode encodes the request body for chunk ahead of send, so that the caller can do it
// while the request before is on its way. Only for calls that decode behind, whose contacts
// carry no reconciliation markers (send adds those itself). It returns nil when there is
// nothing to send or when encoding fails (send then encodes again and reports the failure).
func (cl *call) preEncode(chunk []*Person, problems [][]*ValidationError) *requestBody {
	pending := toSend(chunk, problems)
	if len(pending) == 0 {
		return nil
	}
	body := cl.c.bodies.get()
	if err := encodeRequest(&body.buf, chunk, pending, cl.reqMask, cl.sources); err != nil {
		cl.c.bodies.put(body)
		return nil
	}
	return body
}

// report updates the running counts and calls the progress hook.
func (cl *call) report(br *BatchResult) {
	p := &cl.progress
	p.Requests++
	for i := range br.Contacts {
		p.Counts.add(br.Contacts[i].Outcome)
	}
	p.Remaining = -1
	if cl.total >= 0 {
		p.Remaining = cl.total - p.Counts.Total()
	}
	if cl.settings.progress != nil {
		p.NextWait = cl.c.cfg.Pacer.Delay(cl.c.cfg.User)
		cl.settings.progress(*p)
	}
	cl.c.cfg.Logger.LogAttrs(cl.ctx, slog.LevelDebug, "people: request done",
		slog.Int("request", br.Request), slog.Int("contacts", len(br.Contacts)), slog.Int("attempts", br.Attempts),
		slog.Int("created", p.Created), slog.Int("failed", p.Failed), slog.Int("unknown", p.Unknown))
}
