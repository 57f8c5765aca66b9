// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// CompactAfter is the least number of superseded entries that makes a journal compact.
const CompactAfter = 4096

// Journal is a [people.Journal] kept in a file. Open it, pass it to [people.WithJournal], and
// Close it when the call returns. It is safe for concurrent use.
type Journal struct {
	path string
	mu   sync.Mutex
	f    *os.File // the journal, opened for appending; nil once closed
	lock *os.File // the lock file, locked while f is open
	// header and entries are the file's content: each marker's last entry, in the order
	// the markers first appeared.
	header  *people.JournalHeader
	entries map[string]people.JournalEntry
	order   []string
	// superseded counts the entries of the file that a later one replaced.
	superseded int
	// dropped is the size of the unfinished last line that Open removed.
	dropped int64
}

var _ people.Journal = (*Journal)(nil)

// Open opens the journal file at path, creating it if needed, and locks it until Close. It
// fails with a *LockedError when another Journal holds it, and with a *CorruptError when its
// content does not check out; an unfinished last line, which a crash leaves, is dropped.
func Open(path string) (*Journal, error) {
	lf, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("filejournal: %w", err)
	}
	busy, err := lock(lf)
	if err != nil || busy {
		lf.Close()
		if busy {
			return nil, &LockedError{Path: path}
		}
		return nil, fmt.Errorf("filejournal: locking %s: %w", path, err)
	}
	j := &Journal{path: path, lock: lf, entries: map[string]people.JournalEntry{}}
	if err := j.open(); err != nil {
		if j.f != nil {
			j.f.Close()
		}
		lf.Close()
		return nil, err
	}
	return j, nil
}

// open reads the file, drops an unfinished last line, and compacts it if it is worth it.
func (j *Journal) open() error {
	f, err := os.OpenFile(j.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("filejournal: %w", err)
	}
	j.f = f
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("filejournal: reading %s: %w", j.path, err)
	}
	whole, err := parse(j.path, data, j.apply)
	if err != nil {
		return err
	}
	if j.dropped = int64(len(data)) - whole; j.dropped > 0 {
		if err := f.Truncate(whole); err != nil {
			return fmt.Errorf("filejournal: dropping the unfinished last record of %s: %w", j.path, err)
		}
	}
	if _, err := f.Seek(whole, io.SeekStart); err != nil {
		return fmt.Errorf("filejournal: %w", err)
	}
	if len(data) == 0 || j.dropped > 0 {
		// A new file must survive a crash too: its directory entry and its size.
		if err := syncFileAndDir(f, j.path); err != nil {
			return err
		}
	}
	if j.superseded >= max(CompactAfter, len(j.entries)) {
		return j.compact()
	}
	return nil
}

// apply adds a record read from, or written to, the file to what j knows.
func (j *Journal) apply(rec *record) {
	if h := rec.Header; h != nil {
		j.header = &people.JournalHeader{User: h.User, Endpoint: h.Endpoint, Input: h.Input, MarkerKey: h.Key}
	}
	for _, e := range rec.Entries {
		st, _ := stateOf(e.State)
		if _, ok := j.entries[e.Marker]; ok {
			j.superseded++
		} else {
			j.order = append(j.order, e.Marker)
		}
		j.entries[e.Marker] = people.JournalEntry{Marker: e.Marker, State: st, ResourceName: e.Resource}
	}
}

// Load returns the header and each marker's last entry, in the order the markers were
// first recorded.
func (j *Journal) Load(context.Context) (*people.JournalHeader, []people.JournalEntry, error) {
	if j == nil {
		return nil, nil, errClosed
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil, nil, errClosed
	}
	var h *people.JournalHeader
	if j.header != nil {
		c := *j.header
		h = &c
	}
	out := make([]people.JournalEntry, 0, len(j.order))
	for _, m := range j.order {
		out = append(out, j.entries[m])
	}
	return h, out, nil
}

// Start records h as the header, synced to disk.
func (j *Journal) Start(_ context.Context, h people.JournalHeader) error {
	return j.write(&record{Header: &header{User: h.User, Endpoint: h.Endpoint, Input: h.Input, Key: h.MarkerKey}})
}

// Append records entries as one line, synced to disk, and compacts the file when more of
// its entries are superseded than live (and at least CompactAfter).
func (j *Journal) Append(_ context.Context, entries []people.JournalEntry) error {
	if len(entries) == 0 {
		return nil
	}
	rec := &record{Entries: make([]entry, len(entries))}
	for i, e := range entries {
		name, ok := stateNames[e.State]
		if !ok || e.Marker == "" {
			return fmt.Errorf("filejournal: entry %d: no marker or an invalid state %v", i, e.State)
		}
		rec.Entries[i] = entry{Marker: e.Marker, State: name, Resource: e.ResourceName}
	}
	return j.write(rec)
}

var errClosed = errors.New("filejournal: journal closed or nil")

// write appends rec's line with one write, syncs it, and compacts when it is worth it.
func (j *Journal) write(rec *record) error {
	line, err := encodeLine(nil, rec)
	if err != nil {
		return fmt.Errorf("filejournal: %w", err)
	}
	if j == nil {
		return errClosed
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return errClosed
	}
	if _, err := j.f.Write(line); err != nil {
		return fmt.Errorf("filejournal: writing %s: %w", j.path, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("filejournal: syncing %s: %w", j.path, err)
	}
	j.apply(rec)
	if j.superseded >= max(CompactAfter, len(j.entries)) {
		return j.compact()
	}
	return nil
}

// Dropped returns the size in bytes of the unfinished last record that Open removed, 0 when
// the file ended cleanly.
func (j *Journal) Dropped() int64 {
	if j == nil {
		return 0
	}
	return j.dropped
}

// String returns the journal's path.
func (j *Journal) String() string {
	if j == nil {
		return "<nil>"
	}
	return j.path
}

// Close closes the file and releases the lock.
func (j *Journal) Close() error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	if lerr := j.lock.Close(); err == nil {
		err = lerr
	}
	return err
}

// syncFileAndDir syncs f and the directory that holds path.
func syncFileAndDir(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		return fmt.Errorf("filejournal: syncing %s: %w", path, err)
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("filejournal: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("filejournal: syncing the directory of %s: %w", path, err)
	}
	return nil
}
