// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

const (
	defaultMarkerKey      = "peoplebatch.id"
	defaultReconcileDelay = 5 * time.Second
	defaultChecks         = 2
	// maxResends bounds how many times one request's missing contacts are sent again.
	maxResends = 3
)

func (r *ReconcileConfig) key() string {
	if r.Key == "" {
		return defaultMarkerKey
	}
	return r.Key
}

func (r *ReconcileConfig) delay() time.Duration {
	if r.Delay <= 0 {
		return defaultReconcileDelay
	}
	return r.Delay
}

func (r *ReconcileConfig) checks() int {
	if r.Checks <= 0 {
		return defaultChecks
	}
	return r.Checks
}

// Marker returns the reconciliation marker that p carries under key, or "".
func Marker(p *Person, key string) string {
	if p == nil {
		return ""
	}
	for _, cd := range p.ClientData {
		if cd != nil && cd.Key == key {
			return cd.Value
		}
	}
	return ""
}

// FindMarked looks for the user's contacts that carry one of markers under the clientData
// key, and returns the resource name of each marker found. It lists the user's contacts
// (people.connections.list, clientData only, 1,000 a page, the most recently changed first)
// until every marker is found, so it costs up to one read per 1,000 contacts of the user;
// writes of the last minutes may not be listed yet. A program that gives its contacts
// markers of its own, such as an importer that resumes after a crash, uses it to learn which
// exist already.
func (c *Client) FindMarked(ctx context.Context, key string, markers []string) (map[string]string, error) {
	if ctx == nil {
		return nil, &InputError{Problems: []*ValidationError{{Index: -1, Field: "ctx", Reason: "is nil: pass context.Background() or a context of your own"}}}
	}
	want := make(map[string]bool, len(markers))
	for _, m := range markers {
		want[m] = true
	}
	hits, err := c.lookupMarkers(ctx, key, want)
	found := make(map[string]string, len(hits))
	for m, p := range hits {
		found[m] = p.ResourceName
	}
	return found, err
}

// marked returns copies of the contacts of chunk that carry a marker, a new one for each
// contact that has none yet, and the markers. The caller's contacts are not modified.
func marked(chunk []*Person, key string) ([]*Person, []string) {
	out := make([]*Person, len(chunk))
	markers := make([]string, len(chunk))
	for i, p := range chunk {
		if p == nil {
			continue
		}
		if m := Marker(p, key); m != "" {
			out[i], markers[i] = p, m
			continue
		}
		var id [16]byte
		rand.Read(id[:])
		markers[i] = hex.EncodeToString(id[:])
		cp := *p
		cp.ClientData = append(append(make([]*ClientData, 0, len(p.ClientData)+1), p.ClientData...),
			&ClientData{Key: key, Value: markers[i]})
		out[i] = &cp
	}
	return out, markers
}

// withClientData returns the read mask plus clientData, so that created people can be
// matched to their contacts by marker. An empty mask stays empty: no data comes back.
func withClientData(mask string) string {
	if mask == "" {
		return mask
	}
	for p := range strings.SplitSeq(mask, ",") {
		if strings.TrimPrefix(strings.TrimSpace(p), "person.") == string(MaskClientData) {
			return mask
		}
	}
	return mask + "," + string(MaskClientData)
}

// byMarker reorders created people to the positions of their markers, when every one of
// them carries a distinct marker of pending; otherwise it keeps the server's order.
func byMarker(created []*PersonResponse, pending []int, markers []string, key string) []*PersonResponse {
	pos := make(map[string]int, len(pending))
	for k, i := range pending {
		pos[markers[i]] = k
	}
	out := make([]*PersonResponse, len(pending))
	for _, pr := range created {
		if pr == nil {
			return created
		}
		k, ok := pos[Marker(pr.Person, key)]
		if !ok || out[k] != nil {
			return created
		}
		out[k] = pr
	}
	return out
}

// reconcile settles the contacts of br whose outcome is unknown, or whose creation was not
// confirmed, by listing the user's contacts and looking for their markers. Contacts found
// are created; contacts still missing after the configured checks are sent again, with the
// same markers, and settled the same way. It returns the request's error, nil when every
// contact it had sent is created.
func (cl *call) reconcile(ch *chunk, err error) error {
	br, markers := ch.br, ch.markers
	rc := cl.c.cfg.Reconcile
	key := rc.key()
	missingChecks := 0
	resends := 0
	// A marker that several contacts of the request carry (their callers set it) cannot tell
	// them apart: one person found would settle them all. They are left as they are.
	carriers := make(map[string]int, len(markers))
	for _, m := range markers {
		carriers[m]++
	}
	for round := 0; round < rc.checks()*(maxResends+1)+1; round++ {
		unsettled := make(map[string]int)
		for i := range br.Contacts {
			r := &br.Contacts[i]
			if markers[i] != "" && carriers[markers[i]] == 1 && r.unsettled() {
				unsettled[markers[i]] = i
			}
		}
		if len(unsettled) == 0 {
			return remainingError(br, err)
		}
		if backoff.Sleep(cl.ctx, rc.delay()) != nil {
			return err
		}
		want := make(map[string]bool, len(unsettled))
		for m := range unsettled {
			want[m] = true
		}
		hits, lerr := cl.c.lookupMarkers(cl.ctx, key, want)
		cl.c.tel.reconciled(cl.ctx, round, len(hits), len(want)-len(hits), lerr)
		if lerr != nil {
			// Nothing more can be learned now: what is unsettled stays so.
			return err
		}
		for m, p := range hits {
			r := &br.Contacts[unsettled[m]]
			r.Outcome, r.Err = OutcomeCreated, nil
			r.Response = &PersonResponse{Person: p}
			delete(unsettled, m)
		}
		missing := make([]int, 0, len(unsettled))
		for _, i := range unsettled {
			if br.Contacts[i].Outcome == OutcomeUnknown {
				missing = append(missing, i)
			}
		}
		if len(missing) == 0 {
			continue
		}
		if missingChecks++; missingChecks < rc.checks() {
			continue
		}
		if resends == maxResends {
			return err
		}
		resends++
		missingChecks = 0
		slices.Sort(missing)
		if body := cl.encode(ch, missing); body != nil {
			err = cl.sendContacts(ch, missing, body)
			cl.c.bodies.put(body)
			cl.decode(ch)
		}
	}
	return remainingError(br, err)
}

// remainingError returns err if some contact of br that was sent is not created, else nil.
func remainingError(br *BatchResult, err error) error {
	for i := range br.Contacts {
		r := &br.Contacts[i]
		if _, local := r.Err.(*InputError); r.Outcome != OutcomeCreated && !local {
			return err
		}
	}
	return nil
}

// unsettled reports whether some contact of br has an unknown or unconfirmed outcome.
func unsettled(br *BatchResult) bool {
	for i := range br.Contacts {
		if br.Contacts[i].unsettled() {
			return true
		}
	}
	return false
}

// unsettled reports whether the contact may or may not exist: its outcome is unknown, or it
// was created but the reply that says so could not be read.
func (r *ContactResult) unsettled() bool {
	return r.Outcome == OutcomeUnknown || (r.Outcome == OutcomeCreated && r.Err != nil)
}
