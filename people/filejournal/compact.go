// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal

import (
	"fmt"
	"os"
)

// compactBatch is how many entries one line of a compacted journal holds.
const compactBatch = 1000

// compact rewrites the journal with its header and each marker's last entry: to a
// temporary file, synced, then renamed over the journal. A crash before the rename leaves
// the old journal whole. j.mu is held.
func (j *Journal) compact() error {
	var buf []byte
	var err error
	if h := j.header; h != nil {
		buf, err = encodeLine(buf, &record{Header: &header{User: h.User, Endpoint: h.Endpoint, Input: h.Input, Key: h.MarkerKey}})
		if err != nil {
			return fmt.Errorf("filejournal: %w", err)
		}
	}
	for from := 0; from < len(j.order); from += compactBatch {
		rec := &record{}
		for _, m := range j.order[from:min(from+compactBatch, len(j.order))] {
			e := j.entries[m]
			rec.Entries = append(rec.Entries, entry{Marker: m, State: stateNames[e.State], Resource: e.ResourceName})
		}
		if buf, err = encodeLine(buf, rec); err != nil {
			return fmt.Errorf("filejournal: %w", err)
		}
	}
	tmp := j.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("filejournal: compacting: %w", err)
	}
	if _, err := f.Write(buf); err != nil {
		f.Close()
		return fmt.Errorf("filejournal: compacting %s: %w", j.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("filejournal: compacting %s: %w", j.path, err)
	}
	if err := os.Rename(tmp, j.path); err != nil {
		f.Close()
		return fmt.Errorf("filejournal: compacting: %w", err)
	}
	if err := syncFileAndDir(f, j.path); err != nil {
		f.Close()
		return err
	}
	j.f.Close()
	j.f = f
	j.superseded = 0
	return nil
}
