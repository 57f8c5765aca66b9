// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/base64"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
)

// identity is what the server assigns to a contact, held in 64 bytes and rendered on demand:
// its number, its etags as the random bytes they encode, and the time of its last update.
type identity struct {
	number     uint64   // resource name "people/c" + decimal; contact source id in hexadecimal
	etag       [18]byte // the person's etag is "%" + these bytes in standard base64
	sourceEtag [9]byte  // the contact source's etag is "#" + these bytes in standard base64
	updated    time.Time
}

func (id identity) resourceName() string { return "people/c" + strconv.FormatUint(id.number, 10) }
func (id identity) sourceID() string     { return strconv.FormatUint(id.number, 16) }
func (id identity) etagText() string     { return "%" + base64.StdEncoding.EncodeToString(id.etag[:]) }
func (id identity) sourceEtagText() string {
	return "#" + base64.StdEncoding.EncodeToString(id.sourceEtag[:])
}
func (id identity) updateTime() string { return id.updated.UTC().Format("2006-01-02T15:04:05.000Z") }

// numberOf is the number of the resource name "people/c" + decimal, and false for any other
// name.
func numberOf(resourceName string) (uint64, bool) {
	digits, ok := strings.CutPrefix(resourceName, "people/c")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return n, err == nil && strconv.FormatUint(n, 10) == digits
}

// newIdentity draws a number of 19 digits, unique on this server, and the etags of a new
// contact updated at now. The caller holds s.mu.
func (s *Server) newIdentity(now time.Time) identity {
	var id identity
	for {
		id.number = 1e18 + s.idRand.Uint64N(9e18)
		if !s.ids[id.number] {
			s.ids[id.number] = true
			break
		}
	}
	s.randomFill(id.etag[:])
	s.randomFill(id.sourceEtag[:])
	id.updated = now
	return id
}

// randomTag is n random bytes in standard base64. The caller holds s.mu.
func (s *Server) randomTag(n int) string {
	b := make([]byte, n)
	s.randomFill(b)
	return base64.StdEncoding.EncodeToString(b)
}

// randomFill fills b with random bytes, drawing one 64-bit number per 8 bytes or part of 8.
// The caller holds s.mu.
func (s *Server) randomFill(b []byte) {
	var word [8]byte
	for i := 0; i < len(b); i += 8 {
		binary.LittleEndian.PutUint64(word[:], s.idRand.Uint64())
		copy(b[i:], word[:])
	}
}
