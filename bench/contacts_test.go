// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"encoding/json"
	"iter"
	"strconv"
	"testing"

	peopleapi "google.golang.org/api/people/v1"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// Sizes of the import in the client-cost benchmarks.
var sizes = []int{1000, 10000, 100000}

// The read masks of the client-cost benchmarks: a typical one, and the empty mask with which
// the server returns no person data.
var masks = []struct{ name, mask string }{
	{"names,emailAddresses", people.ReadMask(people.MaskNames, people.MaskEmailAddresses)},
	{"empty", ""},
}

var (
	givenNames  = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus", "Radia", "Tony"}
	familyNames = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth", "Perlman", "Hoare"}
	companies   = []string{"Analytical Engines Ltd", "Compiler Works", "Bletchley Park", "Mathematisch Centrum", "Programming Methodology Group"}
	titles      = []string{"Engineer", "Staff Engineer", "Researcher", "Director of Engineering", "Consultant"}
	cities      = []string{"London", "Arlington", "Manchester", "Amsterdam", "Cambridge", "Stanford", "Zürich"}
)

// contact returns the i-th contact of the benchmarks: a realistic one with a name, one or two
// email addresses, a phone number, an organization, an address, a birthday and a user-defined
// field, about 700 bytes of JSON. The same i always gives the same contact.
func contact(i int) *people.Person {
	given, family := givenNames[i%len(givenNames)], familyNames[(i/len(givenNames))%len(familyNames)]
	id := strconv.Itoa(i)
	local := lower(given) + "." + lower(family) + id
	p := &people.Person{
		Names: []*people.Name{{GivenName: given, FamilyName: family}},
		EmailAddresses: []*people.EmailAddress{
			{Value: local + "@example.com", Type: "work"},
		},
		PhoneNumbers: []*people.PhoneNumber{{Value: "+44 20 7946 " + pad4(i), Type: "mobile"}},
		Organizations: []*people.Organization{{
			Name: companies[i%len(companies)], Title: titles[i%len(titles)], Department: "R&D", Type: "work",
		}},
		Addresses: []*people.Address{{
			StreetAddress: strconv.Itoa(1+i%300) + " Babbage Street", City: cities[i%len(cities)],
			PostalCode: "N1 " + pad4(i), Country: "United Kingdom", CountryCode: "GB", Type: "home",
		}},
		Birthdays:   []*people.Birthday{{Date: &people.Date{Year: 1950 + i%50, Month: 1 + i%12, Day: 1 + i%28}}},
		UserDefined: []*people.UserDefined{{Key: "customer-id", Value: "C-" + id}},
	}
	if i%2 == 0 {
		p.EmailAddresses = append(p.EmailAddresses, &people.EmailAddress{Value: local + "@home.example.org", Type: "home"})
	}
	return p
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func pad4(i int) string {
	s := strconv.Itoa(i % 10000)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// contacts returns the first n contacts.
func contacts(n int) []*people.Person {
	ps := make([]*people.Person, n)
	for i := range ps {
		ps[i] = contact(i)
	}
	return ps
}

// lazyContacts yields the first n contacts, each built when it is asked for: the caller's
// side of a streaming import holds nothing.
func lazyContacts(n int) iter.Seq[*people.Person] {
	return func(yield func(*people.Person) bool) {
		for i := range n {
			if !yield(contact(i)) {
				return
			}
		}
	}
}

// officialContacts converts contacts to the official client's request entries, through
// JSON, so that both clients send the same data.
func officialContacts(tb testing.TB, ps []*people.Person) []*peopleapi.ContactToCreate {
	tb.Helper()
	out := make([]*peopleapi.ContactToCreate, len(ps))
	for i, p := range ps {
		b, err := json.Marshal(p)
		if err != nil {
			tb.Fatal(err)
		}
		var op peopleapi.Person
		if err := json.Unmarshal(b, &op); err != nil {
			tb.Fatal(err)
		}
		out[i] = &peopleapi.ContactToCreate{ContactPerson: &op}
	}
	return out
}

func TestContactsAreValidAndEquivalent(t *testing.T) {
	t.Parallel()
	ps := contacts(400)
	ops := officialContacts(t, ps)
	for i, p := range ps {
		ours, _ := json.Marshal(p)
		theirs, _ := json.Marshal(ops[i].ContactPerson)
		var a, b any
		if err := json.Unmarshal(ours, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(theirs, &b); err != nil {
			t.Fatal(err)
		}
		if ja, jb := mustJSON(t, a), mustJSON(t, b); ja != jb {
			t.Fatalf("contact %d differs between the clients:\nours     %s\nofficial %s", i, ja, jb)
		}
	}
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
