// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"sync"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// feed hands the records to send to the SDK as they are read again from the input, and
// keeps the records handed over until their outcome is known: memory holds the requests on
// their way, not the file. The SDK reads each record's key (people.WithKeys) from it.
type feed struct {
	in *input
	// size is the number of contacts of a request (Config.ChunkSize).
	size int
	// stop, once done, ends the feed before the next request: the SDK sends a request
	// once it has read size contacts.
	stop context.Context
	mu   sync.Mutex
	// pending holds the records handed over whose outcome is not reported yet, by index.
	pending map[int]*record
	// groups holds the resource name of each label's contact group; nil without labels.
	groups map[string]string
	// firstKeys holds the keys of the contacts that first returned.
	firstKeys []string
}

// sendable reports whether r is to be sent: it has a contact.
func sendable(r *record) bool { return r.Err == nil }

// contacts yields the contacts to send, in file order.
func (f *feed) contacts(yield func(*people.Person) bool) {
	next := 0
	for r := range f.in.records() {
		if !sendable(r) {
			continue
		}
		if next%f.size == 0 && f.stop.Err() != nil {
			return
		}
		f.mu.Lock()
		f.pending[next] = r
		f.mu.Unlock()
		next++
		if !yield(withGroups(r.Person, r.labels, f.groups)) {
			return
		}
	}
}

// first returns the contacts of the first request, as contacts will yield them but without
// their groups' memberships, which do not change their markers (people.Client.CheckJournal).
func (f *feed) first() []*people.Person {
	var out []*people.Person
	f.firstKeys = f.firstKeys[:0]
	for r := range f.in.records() {
		if len(out) == f.size {
			break
		}
		if sendable(r) {
			out = append(out, r.Person)
			f.firstKeys = append(f.firstKeys, r.Key)
		}
	}
	return out
}

// firstKey returns the key of the contact at index of those first returned.
func (f *feed) firstKey(index int, _ *people.Person) string {
	if index < len(f.firstKeys) {
		return f.firstKeys[index]
	}
	return ""
}

// key returns the key of the contact at index, for people.WithKeys.
func (f *feed) key(index int, _ *people.Person) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r := f.pending[index]; r != nil {
		return r.Key
	}
	return ""
}

// take returns the record of the contact at index, which the SDK reports, and forgets it;
// nil for one not handed over or reported already.
func (f *feed) take(index int) *record {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.pending[index]
	delete(f.pending, index)
	return r
}
