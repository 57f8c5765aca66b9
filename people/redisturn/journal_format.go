// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// The values a Journal stores: the header as one JSON object, each entry as one JSON
// object, an element of the job's list.

type journalHeader struct {
	User     string `json:"user"`
	Endpoint string `json:"endpoint"`
	Input    string `json:"input"`
	Key      string `json:"key"`
}

type journalEntry struct {
	Marker   string `json:"m"`
	State    string `json:"s"`
	Resource string `json:"r,omitempty"`
}

func encodeHeader(h people.JournalHeader) (string, error) {
	b, err := json.Marshal(journalHeader{User: h.User, Endpoint: h.Endpoint, Input: h.Input, Key: h.MarkerKey})
	return string(b), err
}

func decodeHeader(s string) (*people.JournalHeader, error) {
	var h journalHeader
	if err := decodeStrict(s, &h); err != nil {
		return nil, err
	}
	return &people.JournalHeader{User: h.User, Endpoint: h.Endpoint, Input: h.Input, MarkerKey: h.Key}, nil
}

// encodeEntries returns the list elements of entries; an entry without a marker or with an
// invalid state is an error naming its index.
func encodeEntries(entries []people.JournalEntry) ([]any, error) {
	out := make([]any, len(entries))
	for i, e := range entries {
		if _, ok := stateOf(e.State.String()); !ok || e.Marker == "" {
			return nil, fmt.Errorf("redisturn: journal entry %d: no marker or an invalid state %v", i, e.State)
		}
		b, err := json.Marshal(journalEntry{Marker: e.Marker, State: e.State.String(), Resource: e.ResourceName})
		if err != nil {
			return nil, fmt.Errorf("redisturn: journal entry %d: %w", i, err)
		}
		out[i] = string(b)
	}
	return out, nil
}

func decodeEntry(s string) (people.JournalEntry, error) {
	var e journalEntry
	if err := decodeStrict(s, &e); err != nil {
		return people.JournalEntry{}, err
	}
	st, ok := stateOf(e.State)
	if !ok || e.Marker == "" {
		return people.JournalEntry{}, errors.New("no marker or an unknown state")
	}
	return people.JournalEntry{Marker: e.Marker, State: st, ResourceName: e.Resource}, nil
}

// stateOf returns the state whose String is name.
func stateOf(name string) (people.JournalState, bool) {
	for s := people.JournalSending; s <= people.JournalUnknown; s++ {
		if s.String() == name {
			return s, true
		}
	}
	return 0, false
}

// decodeStrict decodes one JSON object of known fields, and nothing after it.
func decodeStrict(s string, v any) error {
	if !strings.HasPrefix(s, "{") {
		return errors.New("not a journal value: not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not a journal value: %v", err)
	}
	if dec.More() {
		return errors.New("not a journal value: data after the object")
	}
	return nil
}
