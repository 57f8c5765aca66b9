// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

// keyedSettings holds the call options that give contacts stable markers.
type keyedSettings struct {
	key          func(int, *Person) string
	journal      Journal
	adopt        bool
	skipExisting bool
}

// keyedCall is the state of a call whose contacts carry stable markers: WithKeys,
// WithJournal or SkipExisting. Each request goes through prepare before it is sent and
// record once its outcome is known.
type keyedCall struct {
	keyedSettings
	markerKey string
	begun     bool
	// beginErr is why the call could not begin; every request fails with it.
	beginErr error
	// input is the slice form's whole input, nil for the streaming form.
	input []*Person
	// known holds what the journal and the lookups know, by marker: created contacts are
	// not sent again.
	known map[string]JournalEntry
	// checked maps each marker validated to the input index that carries it.
	checked map[string]int
	// markers holds the marker of each contact of the current chunk.
	markers []string
	// lookup is what begin's lookup of markers cost, reported with the first request.
	lookup LookupCost
}

// newKeyedCall returns the keyed state of a call with settings s, nil when it has none.
func newKeyedCall(c *Client, s keyedSettings) *keyedCall {
	if s.key == nil && s.journal == nil && !s.skipExisting {
		return nil
	}
	k := &keyedCall{keyedSettings: s, markerKey: defaultMarkerKey, known: map[string]JournalEntry{}, checked: map[string]int{}}
	if rc := c.cfg.Reconcile; rc != nil {
		k.markerKey = rc.key()
	}
	return k
}

// markerKey returns the clientData key of the call's markers.
func (cl *call) markerKey() string {
	if cl.keyed != nil {
		return cl.keyed.markerKey
	}
	return cl.c.cfg.Reconcile.key()
}

// keyedMask returns the read mask of a journaled call: mask with clientData, so that created
// contacts come back with their markers and resource names.
func keyedMask(mask string) string {
	if mask == "" {
		return string(MaskClientData)
	}
	return withClientData(mask)
}

// markerOf returns the marker of input contact i, and the problem that keeps it from having one.
func (k *keyedCall) markerOf(i int, p *Person) (string, *ValidationError) {
	if m := Marker(p, k.markerKey); m != "" {
		return m, nil
	}
	if k.key == nil {
		return "", &ValidationError{Index: i, Field: "key", Reason: "the contact has no marker under " + strconv.Quote(k.markerKey) + " and the call no WithKeys"}
	}
	key := k.key(i, p)
	if key == "" {
		return "", &ValidationError{Index: i, Field: "key", Reason: "WithKeys gave an empty key"}
	}
	return KeyMarker(key), nil
}

// validateContact returns the problems of input contact i: those of validateContact, and
// for a keyed call, a missing or repeated marker.
func (cl *call) validateContact(i int, p *Person) []*ValidationError {
	ps := validateContact(i, p)
	if k := cl.keyed; k != nil && p != nil {
		m, problem := k.markerOf(i, p)
		if problem == nil {
			if first, dup := k.checked[m]; dup && first != i {
				problem = &ValidationError{Index: i, Field: "key", Reason: "the same marker as contact " + strconv.Itoa(first)}
			} else {
				k.checked[m] = i
			}
		}
		if problem != nil {
			ps = append(ps, problem)
		}
	}
	return ps
}

// prepare readies the contacts chunk[i], i in pending, of br to be sent: it gives them their
// markers, reports those known to exist as created without sending them, and records the
// others in the journal. It returns the marked copies of chunk and the contacts left to send.
func (k *keyedCall) prepare(cl *call, br *BatchResult, chunk []*Person, pending []int) ([]*Person, []int, error) {
	k.markers = make([]string, len(chunk))
	send := pending[:0:0]
	for _, i := range pending {
		// Validation (validateContact) failed the contacts without a marker of their own.
		m, problem := k.markerOf(br.Contacts[i].Index, chunk[i])
		if problem != nil {
			br.Contacts[i].Outcome, br.Contacts[i].Err = OutcomeFailed, &InputError{Problems: []*ValidationError{problem}}
			continue
		}
		k.markers[i] = m
		send = append(send, i)
	}
	if !k.begun {
		k.begun = true
		k.beginErr = k.begin(cl, k.markers)
		br.Lookup = k.lookup
	}
	if k.beginErr != nil {
		return chunk, nil, cl.fail(br, send, OutcomeNotSent, nil, k.beginErr)
	}
	pending = send[:0:0]
	var sending []JournalEntry
	for _, i := range send {
		if e := k.known[k.markers[i]]; e.State == JournalCreated {
			r := &br.Contacts[i]
			r.Outcome, r.Existing = OutcomeCreated, true
			r.Response = &PersonResponse{Person: &Person{ResourceName: e.ResourceName}}
			continue
		}
		pending = append(pending, i)
		sending = append(sending, JournalEntry{Marker: k.markers[i], State: JournalSending})
	}
	if err := k.append(cl, sending); err != nil {
		return chunk, nil, cl.fail(br, pending, OutcomeNotSent, nil, err)
	}
	return markWith(chunk, k.markerKey, k.markers), pending, nil
}

// record journals the outcomes of the contacts of br at pending. A journal that cannot
// record them makes err a *RequestError, which stops the call; a resumed call looks the
// contacts up.
func (k *keyedCall) record(cl *call, br *BatchResult, pending []int, err error) error {
	if k.journal == nil || len(pending) == 0 {
		return err
	}
	entries := make([]JournalEntry, 0, len(pending))
	for _, i := range pending {
		r := &br.Contacts[i]
		e := JournalEntry{Marker: k.markers[i], State: journalState(r.Outcome)}
		if e.State == JournalCreated {
			e.ResourceName = r.ResourceName()
		}
		entries = append(entries, e)
	}
	if jerr := k.append(cl, entries); jerr != nil && err == nil {
		err = &RequestError{Request: br.Request, Offset: br.Offset, Count: len(br.Contacts),
			Attempts: br.Attempts, Outcome: OutcomeCreated, Err: jerr}
	}
	return err
}

// append records entries in the journal and in k.known; without a journal it does nothing.
func (k *keyedCall) append(cl *call, entries []JournalEntry) error {
	if len(entries) == 0 || k.journal == nil {
		return nil
	}
	if err := k.journal.Append(cl.ctx, entries); err != nil {
		return &JournalError{Journal: journalName(k.journal), Op: "appending", Err: err}
	}
	for _, e := range entries {
		k.known[e.Marker] = e
	}
	return nil
}

// begin loads the journal, checks its header against the call's, and settles what it left
// in flight, with the lookup of SkipExisting if it is asked for: one listing for both.
// first holds the markers of the first request.
func (k *keyedCall) begin(cl *call, first []string) error {
	settle, err := k.load(cl, first)
	if err != nil || (len(settle) == 0 && !k.skipExisting) {
		return err
	}
	start := time.Now()
	hits, pages, err := cl.c.lookupMarkers(cl.ctx, k.markerKey, k.wanted(settle))
	k.lookup.Requests += pages
	defer func() { k.lookup.Duration = time.Since(start) }()
	if err == nil {
		err = k.recheck(cl, settle, hits)
	}
	if err != nil {
		return fmt.Errorf("people: looking up the input's markers: %w", err)
	}
	// What was in flight is settled in the journal; what SkipExisting found is only known
	// to this call (the account may hold many markers of other inputs).
	var entries []JournalEntry
	for _, m := range settle {
		e := JournalEntry{Marker: m, State: JournalNotSent}
		if p := hits[m]; p != nil {
			e = JournalEntry{Marker: m, State: JournalCreated, ResourceName: p.ResourceName}
		}
		entries = append(entries, e)
	}
	for m, p := range hits {
		k.known[m] = JournalEntry{Marker: m, State: JournalCreated, ResourceName: p.ResourceName}
	}
	return k.append(cl, entries)
}

// recheck looks again for the markers of settle missing from hits, when Config.Reconcile is
// set: up to ReconcileConfig.Checks listings in all, ReconcileConfig.Delay apart, since the
// listing of the real service lags behind its writes. It adds what it finds to hits.
func (k *keyedCall) recheck(cl *call, settle []string, hits map[string]*Person) error {
	rc := cl.c.cfg.Reconcile
	if rc == nil {
		return nil
	}
	for check := 1; check < rc.checks(); check++ {
		missing := make(map[string]bool)
		for _, m := range settle {
			if hits[m] == nil {
				missing[m] = true
			}
		}
		if len(missing) == 0 {
			return nil
		}
		if err := backoff.Sleep(cl.ctx, rc.delay()); err != nil {
			return err
		}
		more, pages, err := cl.c.lookupMarkers(cl.ctx, k.markerKey, missing)
		k.lookup.Requests += pages
		if err != nil {
			return err
		}
		maps.Copy(hits, more)
	}
	return nil
}

// load reads the journal, if there is one, into k.known, after checking or writing its
// header, and returns the markers it left in flight: sending, or of unknown outcome.
func (k *keyedCall) load(cl *call, first []string) ([]string, error) {
	j := k.journal
	if j == nil {
		return nil, nil
	}
	want, h, entries, err := k.loadChecked(cl, first)
	if err != nil {
		return nil, err
	}
	if h == nil || *h != want {
		if err := j.Start(cl.ctx, want); err != nil {
			return nil, &JournalError{Journal: journalName(j), Op: "starting", Err: err}
		}
	}
	for _, e := range entries {
		k.known[e.Marker] = e
	}
	var settle []string
	for m, e := range k.known {
		if e.State == JournalSending || e.State == JournalUnknown {
			settle = append(settle, m)
		}
	}
	return settle, nil
}

// loadChecked reads the journal and checks its header, unless the call adopts it, against
// the header of the call, whose first request holds the markers first. It returns the
// call's header, and the journal's header and entries.
func (k *keyedCall) loadChecked(cl *call, first []string) (JournalHeader, *JournalHeader, []JournalEntry, error) {
	j := k.journal
	want := JournalHeader{User: cl.c.cfg.User, Endpoint: cl.c.endpoint, Input: fingerprint(first), MarkerKey: k.markerKey}
	h, entries, err := j.Load(cl.ctx)
	if err != nil {
		return want, nil, nil, &JournalError{Journal: journalName(j), Op: "loading", Err: err}
	}
	if h != nil && !k.adopt {
		if err := checkHeader(j, h, &want); err != nil {
			return want, h, nil, err
		}
	}
	return want, h, entries, nil
}

// wanted returns the markers to look up: those of settle and, for SkipExisting, those of
// the input not known to be created; nil, meaning every marker of the account, for
// SkipExisting in the streaming form, whose input is not known ahead.
func (k *keyedCall) wanted(settle []string) map[string]bool {
	if k.skipExisting && k.input == nil {
		return nil
	}
	want := make(map[string]bool, len(settle))
	for _, m := range settle {
		want[m] = true
	}
	if !k.skipExisting {
		return want
	}
	for i, p := range k.input {
		if p == nil {
			continue
		}
		if m, problem := k.markerOf(i, p); problem == nil && k.known[m].State != JournalCreated {
			want[m] = true
		}
	}
	return want
}

// fingerprint digests the markers of a call's first request.
func fingerprint(markers []string) string {
	h := sha256.New()
	for _, m := range markers {
		h.Write([]byte(m))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
