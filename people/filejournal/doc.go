// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package filejournal keeps a [people.Journal] in a local file, so that an import stopped by
// a crash resumes where it was when the same call is made again with the same file:
//
//	j, err := filejournal.Open("contacts.journal")
//	if err != nil {
//		return err // *filejournal.LockedError, *filejournal.CorruptError, or an I/O error
//	}
//	defer j.Close()
//	res, err := client.BatchCreateContacts(ctx, contacts, "", nil,
//		people.WithKeys(rowKey), people.WithJournal(j))
//
// # Format
//
// The file is append-only text, one record a line: eight hexadecimal digits of the
// CRC-32C of the rest of the line, a space, and a JSON object, a header
// ({"h":{"user":…,"endpoint":…,"input":…,"key":…}}) or a batch of entries
// ({"e":[{"m":marker,"s":state,"r":resourceName},…]}). Each Start and each Append writes one
// line with one write and syncs the file to disk before it returns, so that a batch is
// recorded whole or not at all. The file holds markers, states and resource names, never
// contact data.
//
// # Crashes and corruption
//
// A crash can leave the last line unfinished: Open drops an unfinished last line (bytes
// after the last newline) and goes on; it was never acknowledged. Any finished line that
// does not check out, wherever it is, makes Open fail with a [*CorruptError] that names the
// file and the line's offset: the journal is not silently trusted or ignored.
//
// # Compaction
//
// Each contact's last entry is all that counts. When the file holds more superseded
// entries than live ones (and at least [CompactAfter]), on Open or after an Append, it is
// rewritten: the header and one entry per contact are written to a temporary file, synced,
// and renamed over the journal.
//
// # Locking
//
// Open takes an exclusive lock on a companion file (the journal's name plus ".lock"), held
// until Close, so that two processes never resume one journal at once: the second Open
// fails with a [*LockedError]. On unix the lock is flock(2), released by the kernel when
// the process dies; elsewhere Open refuses to work without a lock. The lock belongs to the
// open file, which a child process shares between fork and exec: a program that starts
// processes while it closes and reopens a journal can meet a LockedError for that moment.
package filejournal
