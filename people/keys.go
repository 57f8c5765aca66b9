// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"crypto/sha256"
	"encoding/hex"
)

// WithKeys gives each input contact a stable identity: key returns the key of the contact
// at input index i, such as a row's ID or a digest of its normalised content, the same on
// every run. The contact's marker, sent in its clientData under ReconcileConfig.Key, is
// KeyMarker(key). Markers are what [WithJournal], [SkipExisting] and reconciliation look up.
//
// Two contacts of a call must not share a key: the second fails with an [*InputError] for
// the field "key", as does a contact whose key is empty and that carries no marker of the
// caller's. A marker the caller set under ReconcileConfig.Key is kept, and key is not called
// for that contact.
//
// The call keeps each marker it validated (some 50 bytes each) to find repeated keys, so
// the streaming form's memory grows with its input by that much. key may be called more than
// once for a contact.
//
// A call with a journal reads clientData back (its read mask gains it, or is clientData
// when empty), so that it can record each created contact's resource name.
func WithKeys(key func(i int, p *Person) string) CallOption {
	return callOptionFunc(func(s *callSettings) { s.keyed.key = key })
}

// KeyMarker returns the marker of a contact whose key is key: 32 hexadecimal digits of its
// SHA-256, which tell nothing of the key.
func KeyMarker(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// markWith returns copies of the contacts of chunk with markers[i] added under key, unless
// it is empty or the contact carries it already. The caller's contacts are not modified.
func markWith(chunk []*Person, key string, markers []string) []*Person {
	out := make([]*Person, len(chunk))
	for i, p := range chunk {
		if p == nil || markers[i] == "" || Marker(p, key) != "" {
			out[i] = p
			continue
		}
		cp := *p
		cp.ClientData = append(append(make([]*ClientData, 0, len(p.ClientData)+1), p.ClientData...),
			&ClientData{Key: key, Value: markers[i]})
		out[i] = &cp
	}
	return out
}
