// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// account is the state of one user: its contacts and its counters.
type account struct {
	contacts        []storedContact           // in creation order
	submitted       map[[sha256.Size]byte]int // SHA-256 of a submitted contactPerson's canonical JSON → times stored
	duplicates      int
	overlaps        int
	maxInFlight     int
	quotaRejections int
	writes          quotaCount // what the per-user write quota counted
	groups          []Group    // created with contactGroups.create, in creation order; Members unset
}

// account returns the account of user, creating it. The caller holds s.mu.
func (s *Server) account(user string) *account {
	a := s.accounts[user]
	if a == nil {
		a = &account{submitted: map[[sha256.Size]byte]int{}}
		s.accounts[user] = a
	}
	return a
}

// commit stores the validated contacts of one request for user, all or none, and returns
// them as stored, decorated (contacts' own people, which the caller owns), or the error status
// when the account would exceed its contact limit.
func (s *Server) commit(user string, contacts []*people.Person) ([]*people.Person, *errorStatus) {
	submitted := make([][]byte, len(contacts))
	for i, p := range contacts {
		submitted[i] = canonical(p)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(user)
	if len(a.contacts)+len(contacts) > s.cfg.contactLimit {
		st := contactLimitExceeded(s.cfg.contactLimit, len(a.contacts), len(contacts))
		return nil, &st
	}
	now := s.cfg.now().UTC()
	for i, c := range contacts {
		key := sha256.Sum256(submitted[i])
		if a.submitted[key]++; a.submitted[key] > 1 {
			a.duplicates++
		}
		// c was decoded from this request's body: decorating it changes nobody else's.
		id := s.newIdentity(now)
		decorate(c, id)
		a.contacts = append(a.contacts, newStoredContact(submitted[i], id, c))
	}
	return contacts, nil
}

// requestID is a random UUID for google.rpc.RequestInfo. The caller holds s.mu.
func (s *Server) requestID() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], s.idRand.Uint64())
	binary.LittleEndian.PutUint64(b[8:], s.idRand.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&0x0f])
	}
	return string(out)
}

// canonical is the canonical JSON of a person: encoding/json writes struct fields in a fixed
// order, so equal people give equal bytes.
func canonical(p *people.Person) []byte {
	b, _ := json.Marshal(p)
	return b
}
