// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"log/slog"
)

// call holds the state of one BatchCreateContacts or BatchCreateContactsSeq call.
type call struct {
	c        *Client
	ctx      context.Context
	readMask string // as validated: trimmed
	sources  []ReadSourceType
	settings callSettings
	request  int // number of the next request
	// reqMask is the read mask sent: readMask, plus clientData when reconciling.
	reqMask  string
	total    int // input contacts, -1 if unknown
	progress Progress
	// keyed gives contacts stable markers (WithKeys, WithJournal, SkipExisting); nil without.
	keyed *keyedCall
	trace *callTrace // the call's telemetry (telemetry.go)
}

// newCall validates the arguments that apply to every request of a call and returns the
// call, or an *InputError.
func (c *Client) newCall(ctx context.Context, readMask string, sources []ReadSourceType, total int, opts []CallOption) (*call, error) {
	var problems []*ValidationError
	if ctx == nil {
		problems = append(problems, &ValidationError{Index: -1, Field: "ctx", Reason: "is nil: pass context.Background() or a context of your own"})
	}
	mask, maskProblems := cleanReadMask(readMask)
	problems = append(problems, maskProblems...)
	problems = append(problems, validateSources(sources)...)
	if problems != nil {
		return nil, &InputError{Problems: problems}
	}
	cl := &call{c: c, ctx: ctx, readMask: mask, reqMask: mask, sources: sources, total: total}
	if c.cfg.Reconcile != nil {
		cl.reqMask = withClientData(mask)
	}
	for _, o := range opts {
		if o != nil {
			o.apply(&cl.settings)
		}
	}
	if cl.keyed = newKeyedCall(c, cl.settings.keyed); cl.keyed != nil && cl.keyed.journal != nil {
		cl.reqMask = keyedMask(mask)
	}
	return cl, nil
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
