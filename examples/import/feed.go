// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// feed hands the records to send to the SDK as they are read again from the input, each
// contact with its record's marker, and keeps the records handed over until their outcome is
// known: memory holds the requests on their way, not the file.
//
// Before the first contact of each request is handed over, the markers of the whole request
// go to the checkpoint: the SDK sends a request once it has read size contacts, or the last
// one.
type feed struct {
	in   *input
	cp   *checkpoint
	size int
	// stop, once done, ends the feed before the next request.
	stop context.Context
	// pending holds the records handed over whose outcome is not reported yet, by index.
	pending map[int]*record
	// err is the checkpoint's error that ended the feed.
	err error
	// groups holds the resource name of each label's contact group; nil without labels.
	groups map[string]string
}

// sendable reports whether r is to be sent: it has a contact that no earlier run created.
func (f *feed) sendable(r *record) bool { return r.Err == nil && !f.cp.created(r.Marker) }

// contacts yields the contacts to send, in file order.
func (f *feed) contacts(yield func(*people.Person) bool) {
	f.pending = map[int]*record{}
	chunk := make([]*record, 0, f.size)
	next := 0
	flush := func() bool {
		if len(chunk) == 0 || f.stop.Err() != nil {
			return false
		}
		markers := make([]string, len(chunk))
		for k, r := range chunk {
			markers[k] = r.Marker
		}
		if f.err = f.cp.sending(markers); f.err != nil {
			return false
		}
		for _, r := range chunk {
			f.pending[next] = r
			next++
			if !yield(withGroups(withMarker(r.Person, r.Marker), r.labels, f.groups)) {
				return false
			}
		}
		chunk = chunk[:0]
		return true
	}
	for r := range f.in.records() {
		if !f.sendable(r) {
			continue
		}
		if chunk = append(chunk, r); len(chunk) == f.size && !flush() {
			return
		}
	}
	flush()
}

// take returns the record of the contact at index, which the SDK reports, and forgets it;
// nil for one not handed over or reported already.
func (f *feed) take(index int) *record {
	r := f.pending[index]
	delete(f.pending, index)
	return r
}
