// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// account is the state of one user: its contacts and its counters.
type account struct {
	contacts        []*people.Person // as stored, decorated, in creation order
	submitted       map[string]int   // canonical JSON of a submitted contactPerson → times stored
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
		a = &account{submitted: map[string]int{}}
		s.accounts[user] = a
	}
	return a
}

// commit stores the validated contacts of one request for user, all or none, and returns
// the stored people (shared with the store: read only), or the error status when the account would exceed its contact limit.
func (s *Server) commit(user string, contacts []*people.Person) ([]*people.Person, *errorStatus) {
	keys := make([]string, len(contacts))
	for i, p := range contacts {
		keys[i] = canonical(p)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(user)
	if len(a.contacts)+len(contacts) > s.cfg.contactLimit {
		st := contactLimitExceeded(s.cfg.contactLimit, len(a.contacts), len(contacts))
		return nil, &st
	}
	now := s.cfg.now().UTC()
	stored := make([]*people.Person, 0, len(contacts))
	for i, c := range contacts {
		if a.submitted[keys[i]]++; a.submitted[keys[i]] > 1 {
			a.duplicates++
		}
		// c was decoded from this request's body: the store owns it, no copy needed.
		decorate(c, s.newIdentity(now))
		a.contacts = append(a.contacts, c)
		stored = append(stored, c) // never modified once stored; readers copy

	}
	return stored, nil
}

// identity is what the server assigns to a new contact.
type identity struct {
	resourceName string
	etag         string
	sourceID     string
	sourceEtag   string
	updateTime   string
}

// newIdentity draws a resource name "people/c" + 19 digits, unique on this server; the
// contact source's id is the same number in hexadecimal, as on the real service. The caller
// holds s.mu.
func (s *Server) newIdentity(now time.Time) identity {
	var n uint64
	for {
		n = 1e18 + s.idRand.Uint64N(9e18)
		if !s.ids[n] {
			s.ids[n] = true
			break
		}
	}
	return identity{
		resourceName: "people/c" + strconv.FormatUint(n, 10),
		etag:         "%" + s.randomTag(18),
		sourceID:     strconv.FormatUint(n, 16),
		sourceEtag:   "#" + s.randomTag(9),
		updateTime:   now.Format("2006-01-02T15:04:05.000Z"),
	}
}

// randomTag is n random bytes in standard base64. The caller holds s.mu.
func (s *Server) randomTag(n int) string {
	b := make([]byte, 0, n+8)
	for len(b) < n {
		b = binary.LittleEndian.AppendUint64(b, s.idRand.Uint64())
	}
	return base64.StdEncoding.EncodeToString(b[:n])
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
// order, so equal people give equal strings.
func canonical(p *people.Person) string {
	b, _ := json.Marshal(p)
	return string(b)
}

// clonePerson is a deep copy of p.
func clonePerson(p *people.Person) *people.Person {
	var c people.Person
	b, _ := json.Marshal(p)
	_ = json.Unmarshal(b, &c)
	return &c
}
