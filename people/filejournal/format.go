// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// castagnoli is the CRC-32C table.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// record is one line of the journal: a header or a batch of entries.
type record struct {
	Header  *header `json:"h,omitempty"`
	Entries []entry `json:"e,omitempty"`
}

type header struct {
	User     string `json:"user"`
	Endpoint string `json:"endpoint"`
	Input    string `json:"input"`
	Key      string `json:"key"`
}

type entry struct {
	Marker   string `json:"m"`
	State    string `json:"s"`
	Resource string `json:"r,omitempty"`
}

// stateNames spells each people.JournalState in the file.
var stateNames = map[people.JournalState]string{
	people.JournalSending: "sending",
	people.JournalCreated: "created",
	people.JournalFailed:  "failed",
	people.JournalNotSent: "notsent",
	people.JournalUnknown: "unknown",
}

func stateOf(name string) (people.JournalState, bool) {
	for s, n := range stateNames {
		if n == name {
			return s, true
		}
	}
	return 0, false
}

// encodeLine appends the line of rec to buf.
func encodeLine(buf []byte, rec *record) ([]byte, error) {
	body, err := json.Marshal(rec)
	if err != nil {
		return buf, err
	}
	buf = fmt.Appendf(buf, "%08x ", crc32.Checksum(body, castagnoli))
	buf = append(buf, body...)
	return append(buf, '\n'), nil
}

// decodeLine decodes one line, without its newline.
func decodeLine(line []byte) (*record, error) {
	crcHex, body, ok := bytes.Cut(line, []byte{' '})
	if !ok || len(crcHex) != 8 {
		return nil, errors.New("no checksum")
	}
	var sum [4]byte
	if _, err := hex.Decode(sum[:], crcHex); err != nil {
		return nil, errors.New("no checksum")
	}
	if want := uint32(sum[0])<<24 | uint32(sum[1])<<16 | uint32(sum[2])<<8 | uint32(sum[3]); crc32.Checksum(body, castagnoli) != want {
		return nil, errors.New("checksum mismatch")
	}
	var rec record
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("not a record: %v", err)
	}
	if (rec.Header == nil) == (rec.Entries == nil) {
		return nil, errors.New("neither a header nor entries")
	}
	for _, e := range rec.Entries {
		if _, ok := stateOf(e.State); !ok || e.Marker == "" {
			return nil, fmt.Errorf("bad entry %q/%q", e.Marker, e.State)
		}
	}
	return &rec, nil
}

// parse reads the records of a journal file's content. It returns the length of the part
// made of whole lines; what follows is an unfinished last line. A whole line that does not
// check out is a *CorruptError.
func parse(path string, data []byte, apply func(*record)) (int64, error) {
	var off int64
	for {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			return off, nil
		}
		rec, err := decodeLine(data[off : off+int64(nl)])
		if err != nil {
			return off, &CorruptError{Path: path, Offset: off, Reason: err.Error()}
		}
		apply(rec)
		off += int64(nl) + 1
	}
}
