// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The checkpoint is a file of JSON lines that records a run as it goes, so that a run
// stopped by a crash or Ctrl-C can be continued by running the same command again:
//
//	{"checkpoint":1,"input":"contacts.csv","target":"people.googleapis.com user a@example.com","key":"peoplebatch.id","generation":1}
//	{"send":["3f1c…","9a0b…",…],"at":"2026-11-28T10:00:00Z"}
//	{"m":"3f1c…","row":1,"outcome":"created","resource":"people/c123","at":"2026-11-28T10:00:02Z"}
//	{"m":"9a0b…","row":2,"outcome":"failed","at":"2026-11-28T10:00:02Z"}
//
// Before each request the markers of its contacts are written ("send"), and as soon as the
// request's outcome is known, the outcome of each contact; each time the file is synced to
// disk. A contact sent but without an outcome (the process died), or whose outcome was
// unknown, is looked for among the user's contacts by its marker before anything is sent.
// The checkpoint holds no contact data: markers, row numbers, outcomes and resource names.
//
// The generation, 0 when absent, goes up with each -fresh and is mixed into the markers (see
// markerOf), so that the contacts of a run set aside are never taken for those of the new one.

const checkpointVersion = 1

// cpLine is one line of the checkpoint.
type cpLine struct {
	Version int    `json:"checkpoint,omitempty"`
	Input   string `json:"input,omitempty"`
	Target  string `json:"target,omitempty"`
	Key     string `json:"key,omitempty"`
	// Generation is mixed into the markers of the run.
	Generation int `json:"generation,omitempty"`

	Send []string `json:"send,omitempty"`
	// At is when a request was sent, or when the outcome of a contact was learnt.
	At string `json:"at,omitempty"`

	Marker   string `json:"m,omitempty"`
	Row      int    `json:"row,omitempty"`
	Outcome  string `json:"outcome,omitempty"`
	Resource string `json:"resource,omitempty"`
	// Found is set for an outcome settled by finding the contact among the user's contacts.
	Found bool `json:"found,omitempty"`
}

// The states of a marker in the checkpoint: the outcomes of people.Outcome.String, and
// pending, for a contact sent whose outcome was never recorded.
const (
	statePending = "pending"
	stateCreated = "created"
	stateUnknown = "unknown"
)

// cpState is what the checkpoint knows of one marker.
type cpState struct {
	state    string
	resource string
	// at is when the outcome line was written, zero when there is none or it has no time.
	at time.Time
}

// checkpoint is an open checkpoint file.
type checkpoint struct {
	path  string
	f     *os.File
	state map[string]*cpState
	now   func() time.Time
	// opened is when this run opened the checkpoint.
	opened time.Time
	// generation is mixed into the markers of the records (see markerOf).
	generation int
	// Discarded says why an existing checkpoint was set aside, "" when it was not.
	Discarded string
}

// openCheckpoint opens the checkpoint at path for a run of input against tgt, reading what
// an earlier run recorded. fresh starts over with the next generation, keeping the earlier
// checkpoint as path+".old". A checkpoint written for another target is refused.
func openCheckpoint(path, input, key string, tgt *target, fresh bool, now func() time.Time) (*checkpoint, error) {
	cp := &checkpoint{path: path, state: map[string]*cpState{}, now: now, opened: now()}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		data = nil
	case err != nil:
		return nil, err
	}
	header, good, err := cp.load(data)
	if err != nil {
		return nil, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	if header != nil && !fresh && header.Target != tgt.ID {
		return nil, fmt.Errorf("checkpoint %s was written for %q, and this run goes to %q: pass -fresh to start over, or -checkpoint to use another file",
			path, header.Target, tgt.ID)
	}
	if header != nil {
		cp.generation = header.Generation
	}
	if fresh && header != nil {
		if len(cp.state) > 0 {
			cp.Discarded = "-fresh was given"
		}
		if err := os.Rename(path, path+".old"); err != nil {
			return nil, err
		}
		cp.state = map[string]*cpState{}
		cp.generation++
		good = 0
	}
	cp.f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	// Drop whatever follows the last complete line: a line torn by a crash, or everything.
	err = cp.f.Truncate(int64(good))
	if err == nil {
		_, err = cp.f.Seek(int64(good), io.SeekStart)
	}
	if err != nil {
		cp.f.Close()
		return nil, err
	}
	if good == 0 {
		if err := cp.append(cpLine{Version: checkpointVersion, Input: input, Target: tgt.ID, Key: key, Generation: cp.generation}); err != nil {
			cp.f.Close()
			return nil, err
		}
		syncDir(filepath.Dir(path))
	}
	return cp, nil
}

// memoryCheckpoint returns a checkpoint kept in memory only, for the embedded emulator,
// whose contacts end with the process: there is nothing for a later run to continue.
func memoryCheckpoint() *checkpoint {
	return &checkpoint{state: map[string]*cpState{}, now: time.Now, opened: time.Now()}
}

// load reads the lines of data into cp.state. It returns the header, nil for an empty file,
// and the length of the complete lines, after which anything is a torn write.
func (cp *checkpoint) load(data []byte) (*cpLine, int, error) {
	good := bytes.LastIndexByte(data, '\n') + 1
	var header *cpLine
	for n, line := range bytes.Split(data[:good], []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var l cpLine
		if err := json.Unmarshal(line, &l); err != nil {
			return nil, 0, fmt.Errorf("line %d: %w", n+1, err)
		}
		if header == nil {
			if l.Version != checkpointVersion {
				return nil, 0, fmt.Errorf("line 1 is not a version %d checkpoint header", checkpointVersion)
			}
			header = &l
			continue
		}
		cp.apply(l)
	}
	return header, good, nil
}

// apply updates the state with one line.
func (cp *checkpoint) apply(l cpLine) {
	if len(l.Send) > 0 {
		for _, m := range l.Send {
			s := cp.get(m)
			if s.state != stateCreated {
				s.state, s.at = statePending, time.Time{}
			}
		}
	}
	if l.Marker != "" {
		s := cp.get(l.Marker)
		at, _ := time.Parse(time.RFC3339Nano, l.At)
		s.state, s.resource, s.at = l.Outcome, l.Resource, at
	}
}

func (cp *checkpoint) get(m string) *cpState {
	s := cp.state[m]
	if s == nil {
		s = &cpState{}
		cp.state[m] = s
	}
	return s
}

// append writes lines, applies them to the state and syncs the file to disk.
func (cp *checkpoint) append(lines ...cpLine) error {
	if cp.f == nil {
		for _, l := range lines {
			cp.apply(l)
		}
		return nil
	}
	var buf bytes.Buffer
	for _, l := range lines {
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if _, err := cp.f.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("checkpoint %s: %w", cp.path, err)
	}
	if err := cp.f.Sync(); err != nil {
		return fmt.Errorf("checkpoint %s: %w", cp.path, err)
	}
	for _, l := range lines {
		if l.Version == 0 {
			cp.apply(l)
		}
	}
	return nil
}

// sending records that the contacts with these markers are about to be sent.
func (cp *checkpoint) sending(markers []string) error {
	if len(markers) == 0 {
		return nil
	}
	return cp.append(cpLine{Send: markers, At: cp.now().UTC().Format(time.RFC3339Nano)})
}

// created returns whether the checkpoint says the marker's contact is created.
func (cp *checkpoint) created(m string) bool {
	s := cp.state[m]
	return s != nil && s.state == stateCreated
}

// unsettled returns the markers whose contacts may exist without the checkpoint knowing it:
// sent without an outcome, or with an unknown one, with when they were last written to. That
// is the time of the outcome line; the SDK may retry and reconcile a request for minutes after
// its send line, so without an outcome line with a time (the process died), it is when this
// run opened the checkpoint, after the earlier run's last attempt.
func (cp *checkpoint) unsettled() map[string]time.Time {
	out := map[string]time.Time{}
	for m, s := range cp.state {
		if s.state == statePending || s.state == stateUnknown {
			out[m] = s.at
			if s.at.IsZero() {
				out[m] = cp.opened
			}
		}
	}
	return out
}

// outcome returns the checkpoint line of a record's outcome, with the time it is learnt.
func (cp *checkpoint) outcome(r *record, outcome, resource string) cpLine {
	return cpLine{Marker: r.Marker, Row: r.Num, Outcome: outcome, Resource: resource, At: cp.now().UTC().Format(time.RFC3339Nano)}
}

// Close closes the file.
func (cp *checkpoint) Close() error {
	if cp.f == nil {
		return nil
	}
	return cp.f.Close()
}

// syncDir syncs a directory, so that a file just created in it survives a crash. Not every
// system can; failing is harmless.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
