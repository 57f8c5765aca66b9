// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

type createdPeople struct {
	CreatedPeople []struct {
		HTTPStatusCode int             `json:"httpStatusCode"`
		Person         *people.Person  `json:"person"`
		Status         json.RawMessage `json:"status"`
	} `json:"createdPeople"`
}

var resourceNameRE = regexp.MustCompile(`^people/c[1-9][0-9]{18}$`)

func TestCreateReturnsMaskedPeopleInOrder(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	res := create(t, srv, "alice", batch("names,emailAddresses,metadata",
		`{"names":[{"givenName":"Ada","familyName":"Lovelace"}],"emailAddresses":[{"value":"ada@example.com","type":"work"}],"phoneNumbers":[{"value":"+44 20 7946 0018"}]}`,
		`{"names":[{"givenName":"Alan","familyName":"Turing"}],"emailAddresses":[{"value":"alan@example.org"},{"value":"alan@example.com","type":"homeFax"}]}`))
	if res.status != http.StatusOK {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	var got createdPeople
	if err := json.Unmarshal(res.body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.CreatedPeople) != 2 {
		t.Fatalf("got %d createdPeople, want 2", len(got.CreatedPeople))
	}
	for i, pr := range got.CreatedPeople {
		p := pr.Person
		if pr.HTTPStatusCode != 200 || string(pr.Status) != "{}" {
			t.Errorf("createdPeople[%d]: httpStatusCode %d, status %s", i, pr.HTTPStatusCode, pr.Status)
		}
		if !resourceNameRE.MatchString(p.ResourceName) || !strings.HasPrefix(p.Etag, "%") {
			t.Errorf("createdPeople[%d]: resourceName %q, etag %q", i, p.ResourceName, p.Etag)
		}
		n, _ := strconv.ParseUint(strings.TrimPrefix(p.ResourceName, "people/c"), 10, 64)
		src := p.Metadata.Sources[0]
		if src.Type != "CONTACT" || src.ID != strconv.FormatUint(n, 16) || !strings.HasPrefix(src.Etag, "#") || src.UpdateTime == "" {
			t.Errorf("createdPeople[%d]: source %+v", i, src)
		}
		//lint:ignore SA1019 the emulator must send objectType as the real service does.
		objectType := p.Metadata.ObjectType
		if objectType != "PERSON" {
			t.Errorf("createdPeople[%d]: objectType %q", i, objectType)
		}
		if p.PhoneNumbers != nil || p.Memberships != nil {
			t.Errorf("createdPeople[%d]: fields outside the read mask returned", i)
		}
	}
	// Blank what is random and compare the rest.
	src := func(p *people.Person) *people.Source {
		return &people.Source{Type: "CONTACT", ID: p.Metadata.Sources[0].ID}
	}
	p0, p1 := got.CreatedPeople[0].Person, got.CreatedPeople[1].Person
	want0 := []*people.Name{{Metadata: &people.FieldMetadata{Primary: true, Source: src(p0)}, DisplayName: "Ada Lovelace",
		DisplayNameLastFirst: "Lovelace, Ada", FamilyName: "Lovelace", GivenName: "Ada", UnstructuredName: "Ada Lovelace"}}
	if diff := cmp.Diff(want0, p0.Names); diff != "" {
		t.Errorf("names of contact 0 (-want +got):\n%s", diff)
	}
	want1 := []*people.EmailAddress{
		{Metadata: &people.FieldMetadata{Primary: true, Source: src(p1)}, Value: "alan@example.org"},
		{Metadata: &people.FieldMetadata{Source: src(p1)}, Value: "alan@example.com", Type: "homeFax", FormattedType: "Home Fax"},
	}
	if diff := cmp.Diff(want1, p1.EmailAddresses); diff != "" {
		t.Errorf("emails of contact 1 (-want +got):\n%s", diff)
	}
	// The store holds the same people, in the same order.
	stored := srv.Contacts("alice")
	if len(stored) != 2 || stored[0].ResourceName != p0.ResourceName || stored[1].ResourceName != p1.ResourceName {
		t.Fatalf("stored %d contacts, not matching the answer", len(stored))
	}
	if got := stored[0].PhoneNumbers[0].CanonicalForm; got != "+442079460018" {
		t.Errorf("canonicalForm = %q", got)
	}
	if m := stored[0].Memberships; len(m) != 1 || m[0].ContactGroupMembership.ContactGroupResourceName != "contactGroups/myContacts" {
		t.Errorf("memberships = %+v, want myContacts", m)
	}
}

func TestCreateReadMaskVariants(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		body     string
		wantBody string // exact body, when set
		fields   []string
	}{
		"empty mask":            {body: batch("", person("A")), wantBody: "{}\n"},
		"blank mask":            {body: batch("  ", person("A")), wantBody: "{}\n"},
		"missing mask":          {body: `{"contacts":[{"contactPerson":` + person("A") + `}]}`, wantBody: "{}\n"},
		"null mask":             {body: `{"contacts":[{"contactPerson":` + person("A") + `}],"readMask":null}`, wantBody: "{}\n"},
		"spaces and prefix":     {body: batch(" person.names , emailAddresses ", person("A")), fields: []string{"emailAddresses", "etag", "names", "resourceName"}},
		"memberships":           {body: batch("memberships", person("A")), fields: []string{"etag", "memberships", "resourceName"}},
		"field absent":          {body: batch("phoneNumbers,photos", person("A")), fields: []string{"etag", "resourceName"}},
		"with sources":          {body: `{"contacts":[{"contactPerson":{}}],"readMask":"names","sources":["READ_SOURCE_TYPE_PROFILE","READ_SOURCE_TYPE_CONTACT","READ_SOURCE_TYPE_DOMAIN_CONTACT","READ_SOURCE_TYPE_OTHER_CONTACT"]}`, fields: []string{"etag", "resourceName"}},
		"all 29 paths accepted": {body: batch(allPaths, person("A")), fields: []string{"emailAddresses", "etag", "memberships", "metadata", "names", "resourceName"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			res := create(t, srv, "", tc.body)
			if res.status != http.StatusOK {
				t.Fatalf("status %d: %s", res.status, res.body)
			}
			if n := len(srv.Contacts("")); n != 1 {
				t.Errorf("stored %d contacts, want 1", n)
			}
			if tc.wantBody != "" {
				if string(res.body) != tc.wantBody {
					t.Errorf("body = %q, want %q", res.body, tc.wantBody)
				}
				return
			}
			var got struct {
				CreatedPeople []struct {
					Person map[string]json.RawMessage `json:"person"`
				} `json:"createdPeople"`
			}
			if err := json.Unmarshal(res.body, &got); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range got.CreatedPeople[0].Person {
				keys = append(keys, k)
			}
			if diff := cmp.Diff(tc.fields, keys, sortStrings); diff != "" {
				t.Errorf("person keys (-want +got):\n%s", diff)
			}
		})
	}
}

const allPaths = "addresses,ageRanges,biographies,birthdays,calendarUrls,clientData,coverPhotos,emailAddresses,events,externalIds,genders,imClients,interests,locales,locations,memberships,metadata,miscKeywords,names,nicknames,occupations,organizations,phoneNumbers,photos,relations,sipAddresses,skills,urls,userDefined"

var sortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })

func TestCreatePrettyPrint(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	pretty := mustDo(t, srv, "", http.MethodPost, batchPath, []byte(batch("names", person("A"))))
	compact := mustDo(t, srv, "", http.MethodPost, batchPath+"?prettyPrint=false", []byte(batch("names", person("B"))))
	if !bytes.Contains(pretty.body, []byte("\n  \"createdPeople\": [")) {
		t.Errorf("default answer is not indented:\n%s", pretty.body)
	}
	if bytes.Count(compact.body, []byte("\n")) != 1 {
		t.Errorf("prettyPrint=false answer is not compact:\n%s", compact.body)
	}
	for _, r := range []result{pretty, compact} {
		if ct := r.header.Get("Content-Type"); ct != "application/json; charset=UTF-8" {
			t.Errorf("Content-Type = %q", ct)
		}
	}
}

func TestUsersAreIsolated(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	create(t, srv, "alice@example.com", batch("", person("A1"), person("A2")))
	create(t, srv, "bob@example.com", batch("", person("B1")))
	create(t, srv, "", batch("", person("D1")))
	for user, want := range map[string]int{"alice@example.com": 2, "bob@example.com": 1, "": 1, peopletest.DefaultUser: 1, "carol": 0} {
		if got := len(srv.Contacts(user)); got != want {
			t.Errorf("Contacts(%q) has %d, want %d", user, got, want)
		}
	}
}

func TestSeedMakesNamesRepeatable(t *testing.T) {
	t.Parallel()
	names := func(seed int64) []string {
		srv := newServer(t, peopletest.WithSeed(seed))
		create(t, srv, "", batch("", person("A"), person("B"), person("C")))
		var out []string
		for _, p := range srv.Contacts("") {
			out = append(out, p.ResourceName, p.Etag)
		}
		return out
	}
	a, b, c := names(7), names(7), names(8)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different names (-first +second):\n%s", diff)
	}
	if cmp.Equal(a, c) {
		t.Errorf("different seeds gave the same names")
	}
	seen := map[string]bool{}
	for i := 0; i < len(a); i += 2 {
		if seen[a[i]] {
			t.Errorf("resource name %s assigned twice", a[i])
		}
		seen[a[i]] = true
	}
}
