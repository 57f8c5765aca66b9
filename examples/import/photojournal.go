// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// A run sets photos once the contacts exist, after its last request. A run that ends before
// (Ctrl-C, a crash, a photo refused) leaves photos unset; the next run sets them. To know
// which, the journal records each photo done, as an entry of the tool's own under
// photoMarker and the contact's marker: set by the SDK, or a URL that a run on an emulator
// does not download. The next run sets the photo of each contact that the journal says an
// earlier run created (or was creating) and whose photo it does not record as done; a photo
// refused, of unknown outcome, not sent or not downloaded is tried again. A photo set just
// before a crash, not recorded yet, is set again: that leaves the contact with the same
// photo.

// photoMarker prefixes the journal entry that records a contact's photo as done.
const photoMarker = "import-photo "

// photoJournal is what a journal knew, before the run, of the contacts its runs made and of
// the photos they set, by marker.
type photoJournal struct {
	made, set map[string]bool
}

// read takes in a journal entry.
func (p *photoJournal) read(e people.JournalEntry) {
	if m, ok := strings.CutPrefix(e.Marker, photoMarker); ok {
		add(&p.set, m)
		return
	}
	switch e.State {
	case people.JournalSending, people.JournalCreated, people.JournalUnknown:
		add(&p.made, e.Marker)
	}
}

// add adds m to the set *s, making it if need be.
func add(s *map[string]bool, m string) {
	if *s == nil {
		*s = map[string]bool{}
	}
	(*s)[m] = true
}

// photoPending reports whether the photo of the record keyed key is to be set although its
// contact exists: an earlier run of j made the contact and did not set its photo. A nil j
// (no journal) knows of no earlier run.
func (j *runJournal) photoPending(key string) bool {
	if j == nil {
		return false
	}
	m := people.KeyMarker(key)
	return j.photos.made[m] && !j.photos.set[m]
}

// recordPhotos records in j the photos of the records keyed keys as done. A nil j records
// nothing.
func (j *runJournal) recordPhotos(ctx context.Context, keys []string) error {
	if j == nil || len(keys) == 0 {
		return nil
	}
	entries := make([]people.JournalEntry, len(keys))
	for i, k := range keys {
		entries[i] = people.JournalEntry{Marker: photoMarker + people.KeyMarker(k), State: people.JournalCreated}
	}
	return j.Append(ctx, entries)
}
