// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// storedContactSeeds are contactPerson bodies that exercise the round trip of the stored form:
// empty and null list elements, empty objects, a membership given twice, escapes and strings
// that encoding/json rewrites.
var storedContactSeeds = []string{
	`{}`,
	`{"names":[],"nicknames":null,"urls":[null]}`,
	`{"names":[null,{}],"birthdays":[{"date":{}}],"events":[{"date":{"year":0,"month":2,"day":29},"type":"anniversary"}]}`,
	`{"names":[{"givenName":"Dorothy","familyName":"Sketchley","honorificPrefix":"Dr","metadata":{"primary":true}}]}`,
	`{"names":[{"unstructuredName":"<Ann & Bob>","givenName":"\u00e9\ud800"}],"phoneNumbers":[{"value":"+1 (555) 010-0199","type":"workFax"}]}`,
	`{"memberships":[{"contactGroupMembership":{"contactGroupResourceName":"contactGroups/starred"}},{"contactGroupMembership":{"contactGroupResourceName":"contactGroups/starred"}},{},null]}`,
	`{"memberships":[{"contactGroupMembership":{"contactGroupResourceName":"contactGroups/myContacts"}}],"genders":[{"value":"female"}],"imClients":[{"username":"ann","protocol":"googleTalk"}]}`,
	`{"addresses":[{"formattedValue":"given","city":"Springfield"},{"streetAddress":"1 Elm","city":"Springfield","region":"IL","postalCode":"60000","country":"US"}],"clientData":[{"key":"k","value":"v"}]}`,
}

// checkStoredContact fails t unless the stored form of the person in body rebuilds exactly the
// person that decorate makes of it, with and without a photo, and lists its memberships.
func checkStoredContact(t *testing.T, body []byte) {
	t.Helper()
	var submitted, decorated people.Person
	if json.Unmarshal(body, &submitted) != nil || json.Unmarshal(body, &decorated) != nil {
		return
	}
	id := identity{number: 1234567890123456789, updated: time.Date(2026, 12, 7, 16, 30, 0, 123456789, time.UTC)}
	copy(id.etag[:], "0123456789abcdefgh")
	copy(id.sourceEtag[:], "ijklmnopq")
	decorate(&decorated, id)
	want, err := json.Marshal(&decorated)
	if err != nil {
		t.Fatal(err)
	}
	c := newStoredContact(canonical(&submitted), id, &decorated)
	if got, _ := json.Marshal(c.person()); string(got) != string(want) {
		t.Fatalf("rebuilt contact\n%s\nwant\n%s", got, want)
	}
	var groups []string
	for _, m := range decorated.Memberships {
		if m != nil && m.ContactGroupMembership != nil {
			groups = append(groups, m.ContactGroupMembership.ContactGroupResourceName)
		}
	}
	if !slices.Equal(c.groups, groups) {
		t.Errorf("groups %q, want %q", c.groups, groups)
	}

	c.photoURL = "http://127.0.0.1:1/photos/x"
	decorated.Photos = []*people.Photo{{
		Metadata: &people.FieldMetadata{Primary: true, Source: &people.Source{Type: people.SourceTypeContact, ID: id.sourceID()}},
		URL:      c.photoURL,
	}}
	want, _ = json.Marshal(&decorated)
	if got, _ := json.Marshal(c.person()); string(got) != string(want) {
		t.Fatalf("rebuilt contact with a photo\n%s\nwant\n%s", got, want)
	}
}

// TestStoredContactRebuildsDecoratedPerson holds the stored form to the contact it replaces:
// each seed and each contact of the request fixture, rebuilt from its canonical JSON and
// identity, encodes byte for byte as the decorated person.
func TestStoredContactRebuildsDecoratedPerson(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{}
	for i, s := range storedContactSeeds {
		cases["seed "+strconv.Itoa(i)] = []byte(s)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", "request.json"))
	if err != nil {
		t.Fatal(err)
	}
	var req struct {
		Contacts []struct {
			ContactPerson json.RawMessage `json:"contactPerson"`
		} `json:"contacts"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatal(err)
	}
	for i, c := range req.Contacts {
		cases["fixture contact "+strconv.Itoa(i)] = c.ContactPerson
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkStoredContact(t, body)
		})
	}
}

// TestIdentityRendersAsAssigned checks the text forms of an identity.
func TestIdentityRendersAsAssigned(t *testing.T) {
	t.Parallel()
	id := identity{number: 1000000000000000255, updated: time.Date(2026, 12, 7, 16, 30, 5, 987654321, time.FixedZone("x", 3600))}
	copy(id.etag[:], "0123456789abcdefgh")
	copy(id.sourceEtag[:], "ijklmnopq")
	for _, tc := range []struct{ name, got, want string }{
		{"resourceName", id.resourceName(), "people/c1000000000000000255"},
		{"sourceID", id.sourceID(), "de0b6b3a76400ff"},
		{"etag", id.etagText(), "%MDEyMzQ1Njc4OWFiY2RlZmdo"},
		{"sourceEtag", id.sourceEtagText(), "#aWprbG1ub3Bx"},
		{"updateTime", id.updateTime(), "2026-12-07T15:30:05.987Z"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	for name, want := range map[string]bool{
		"people/c1000000000000000255": true, "people/c01000000000000000255": false,
		"people/c": false, "people/x1": false, "people/c-1": false, "people/c1x": false,
	} {
		if n, ok := numberOf(name); ok != want || ok && n != id.number {
			t.Errorf("numberOf(%q) = %d, %v; want ok %v", name, n, ok, want)
		}
	}
}

// FuzzStoredContact holds the round trip of the stored form on any contactPerson.
func FuzzStoredContact(f *testing.F) {
	for _, s := range storedContactSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkStoredContact)
}
