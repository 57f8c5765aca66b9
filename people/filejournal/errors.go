// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal

import "fmt"

// CorruptError is the error of Open on a journal file whose content does not check out.
type CorruptError struct {
	// Path is the journal file.
	Path string
	// Offset is the byte offset of the first bad line.
	Offset int64
	// Reason says what is wrong with it.
	Reason string
}

// Error names the file, the offset and the reason.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("filejournal: %s: corrupt record at offset %d: %s", e.Path, e.Offset, e.Reason)
}

// LockedError is the error of Open on a journal that another Journal holds open, in this
// process or another.
type LockedError struct {
	// Path is the journal file.
	Path string
}

// Error names the file.
func (e *LockedError) Error() string {
	return fmt.Sprintf("filejournal: %s is in use by another process (or another Open); wait for it to finish", e.Path)
}
