// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// This file holds what makes decoding a successful reply cheap: the created people of a
// request are decoded into objects allocated together, and then normalised so that what
// callers see does not depend on that.

// preallocated returns an empty slice of capacity n whose spare elements point to
// PersonResponses allocated together, each pointing in turn to a Person and a Status also
// allocated together, into which encoding/json decodes the reply instead of allocating
// three objects for each created person. ("person": null sets the preset pointer back to
// nil; a reply that lists more than n people gets new objects for the extra ones.)
//
// The slabs stay alive as long as any one of the request's PersonResponses, People or
// Statuses is referenced: a caller that keeps one created person keeps all the people of
// its request alive, with what they hold. The slabs alone take about 1 KiB per person.
func preallocated(n int) []*PersonResponse {
	ptrs := make([]*PersonResponse, n)
	rs := make([]PersonResponse, n)
	ps := make([]Person, n)
	ss := make([]Status, n)
	for k := range rs {
		rs[k].Person, rs[k].Status = &ps[k], &ss[k]
		ptrs[k] = &rs[k]
	}
	return ptrs[:0]
}

// normalise sets to nil the Person and Status of each of prs that decoded to its zero value.
// A preset pointer cannot tell a reply that holds no "person" (or "status") from one that
// holds an empty object, so neither is kept: PersonResponse documents both as nil.
func normalise(prs []*PersonResponse) {
	for _, pr := range prs {
		if pr == nil {
			continue
		}
		// reflect.Value.IsZero stops at the first field set: about 50 ns for a created
		// person, against about 10 µs of CPU per contact in all.
		if pr.Person != nil && reflect.ValueOf(pr.Person).Elem().IsZero() {
			pr.Person = nil
		}
		if pr.Status != nil && reflect.ValueOf(pr.Status).Elem().IsZero() {
			pr.Status = nil
		}
	}
}

// replyDecode is a successful reply read but not yet decoded: the contacts at pending of br
// were created, and buf holds what the server said about them.
type replyDecode struct {
	br      *BatchResult
	pending []int
	markers []string // the request's reconciliation markers, nil when off
	buf     *bytes.Buffer
	readErr error // reading the reply failed
}

// decode decodes d's reply into the results of its contacts and gives its buffer back. A
// reply that cannot be read leaves the contacts created, with an error that says so.
func (cl *call) decode(d *replyDecode) {
	var out batchCreateResponse
	if cl.reqMask != "" {
		out.CreatedPeople = preallocated(len(d.pending))
	}
	err := d.readErr
	if err == nil {
		err = json.Unmarshal(d.buf.Bytes(), &out)
	}
	if d.buf.Cap() <= maxPooledReply {
		cl.c.replies.Put(d.buf)
	}
	d.buf = nil
	normalise(out.CreatedPeople)
	switch {
	case err != nil:
		err = fmt.Errorf("people: contacts created, but the reply could not be read: %w", err)
	case cl.reqMask != "" && len(out.CreatedPeople) != len(d.pending):
		err = fmt.Errorf("people: contacts created, but the reply lists %d people for %d contacts", len(out.CreatedPeople), len(d.pending))
	case cl.reqMask != "" && slices.Contains(out.CreatedPeople, nil):
		err = errors.New("people: contacts created, but the reply lists a null person")
	}
	if err == nil && d.markers != nil && cl.reqMask != "" {
		out.CreatedPeople = byMarker(out.CreatedPeople, d.pending, d.markers, cl.markerKey())
	}
	for k, i := range d.pending {
		r := &d.br.Contacts[i]
		r.Err = err
		if err == nil && k < len(out.CreatedPeople) {
			r.Response = out.CreatedPeople[k]
		}
	}
}
