// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// problemSite is where a ValidationError points: the contact and the field path.
type problemSite struct {
	Index int
	Field string
}

// problemSites returns the sites of ps, sorted, so that tables do not depend on the order
// in which validateContact runs its rules.
func problemSites(ps []*ValidationError) []problemSite {
	var out []problemSite
	for _, p := range ps {
		out = append(out, problemSite{p.Index, p.Field})
	}
	slices.SortFunc(out, func(a, b problemSite) int {
		if a.Index != b.Index {
			return a.Index - b.Index
		}
		return strings.Compare(a.Field, b.Field)
	})
	return out
}

// richContact sets every field of Person that a contact to create may set, with valid
// values.
func richContact() *Person {
	src := &FieldMetadata{SourcePrimary: true, Source: &Source{Type: "CONTACT", ID: "abc"}}
	return &Person{
		Addresses: []*Address{{
			City: "Dorset", Country: "United Kingdom", CountryCode: "GB", ExtendedAddress: "Flat 2",
			FormattedValue: "Sherborne, Dorset", PoBox: "12", PostalCode: "DT9", Region: "Dorset",
			StreetAddress: "Sherborne", Type: "home", Metadata: src,
		}},
		Biographies:    []*Biography{{ContentType: "TEXT_PLAIN", Value: "Mathematician."}},
		Birthdays:      []*Birthday{{Date: &Date{Year: 1815, Month: 12, Day: 10}}},
		BraggingRights: []*BraggingRights{{Value: "first program"}},
		CalendarURLs:   []*CalendarURL{{Type: "work", URL: "https://calendar.example.com/ada"}},
		ClientData:     []*ClientData{{Key: "sync-id", Value: "42"}},
		EmailAddresses: []*EmailAddress{
			{DisplayName: "Ada", Type: "work", Value: "ada@example.com"},
			{Value: "ada@example.org"},
		},
		Events:        []*Event{{Date: &Date{Year: 1835, Month: 7, Day: 8}, Type: "anniversary"}, {Date: &Date{Month: 2, Day: 29}, Type: "other"}},
		ExternalIDs:   []*ExternalID{{Type: "account", Value: "A-1815"}},
		FileAses:      []*FileAs{{Value: "Lovelace, Ada"}},
		Genders:       []*Gender{{AddressMeAs: "she", Value: "female"}},
		IMClients:     []*IMClient{{Protocol: "xmpp", Type: "work", Username: "ada"}},
		Interests:     []*Interest{{Value: "poetical science"}},
		Locales:       []*Locale{{Value: "en-GB"}},
		Locations:     []*Location{{BuildingID: "B1", Current: true, DeskCode: "D4", Floor: "2", FloorSection: "east", Type: "desk", Value: "London"}},
		Memberships:   []*Membership{{ContactGroupMembership: &ContactGroupMembership{ContactGroupResourceName: "contactGroups/myContacts"}}},
		MiscKeywords:  []*MiscKeyword{{Type: "OUTLOOK_KEYWORD", Value: "engine"}},
		Names:         []*Name{{GivenName: "Ada", FamilyName: "Lovelace", MiddleName: "Augusta", HonorificPrefix: "Countess", HonorificSuffix: "FRS", PhoneticFamilyName: "lʌvlɛs", PhoneticFullName: "Ada Lovelace", PhoneticGivenName: "Ada", PhoneticHonorificPrefix: "x", PhoneticHonorificSuffix: "y", PhoneticMiddleName: "z", UnstructuredName: "Ada Lovelace", Metadata: src}},
		Nicknames:     []*Nickname{{Type: "DEFAULT", Value: "Enchantress of Numbers"}},
		Occupations:   []*Occupation{{Value: "Mathematician"}},
		Organizations: []*Organization{{CostCenter: "R&D", Current: false, Department: "Engines", Domain: "example.com", EndDate: &Date{Year: 1852}, StartDate: &Date{Year: 1842, Month: 1}, FullTimeEquivalentMillipercent: 100000, JobDescription: "Notes", Location: "London", Name: "Analytical Engines Ltd", PhoneticName: "x", Symbol: "AEL", Title: "Programmer", Type: "work"}},
		PhoneNumbers:  []*PhoneNumber{{Type: "mobile", Value: "+44 20 7946 0018"}},
		Relations:     []*Relation{{Person: "Charles Babbage", Type: "friend"}},
		Residences:    []*Residence{{Current: true, Value: "London"}},
		SipAddresses:  []*SIPAddress{{Type: "work", Value: "sip:ada@example.com"}},
		Skills:        []*Skill{{Value: "analysis"}},
		URLs:          []*URL{{Type: "blog", Value: "https://example.com/ada"}},
		UserDefined:   []*UserDefined{{Key: "crm-id", Value: "A-1815"}},
	}
}

// TestRichContactSetsEveryWritableField keeps richContact rich as the model grows: every
// field of Person but the output-only and server-assigned ones is set.
func TestRichContactSetsEveryWritableField(t *testing.T) {
	t.Parallel()
	unset := map[string]bool{
		"AgeRange": true, "AgeRanges": true, "CoverPhotos": true, "Metadata": true, "Photos": true,
		"RelationshipInterests": true, "RelationshipStatuses": true, "Taglines": true,
		"ResourceName": true, "Etag": true,
	}
	v := reflect.ValueOf(richContact()).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if unset[name] == !v.Field(i).IsZero() {
			t.Errorf("richContact: %s set = %v, want %v", name, !v.Field(i).IsZero(), !unset[name])
		}
	}
}

func TestValidateContactValid(t *testing.T) {
	t.Parallel()
	tests := map[string]*Person{
		"rich":                  richContact(),
		"empty":                 {},
		"Feb 29 2024":           {Birthdays: []*Birthday{{Date: &Date{Year: 2024, Month: 2, Day: 29}}}},
		"Feb 29 2000":           {Birthdays: []*Birthday{{Date: &Date{Year: 2000, Month: 2, Day: 29}}}},
		"Feb 29 without a year": {Events: []*Event{{Date: &Date{Month: 2, Day: 29}}}},
		"year alone":            {Birthdays: []*Birthday{{Date: &Date{Year: 1815}}}},
		"month alone":           {Birthdays: []*Birthday{{Date: &Date{Month: 12}}}},
		"Dec 31 9999":           {Birthdays: []*Birthday{{Date: &Date{Year: 9999, Month: 12, Day: 31}}}},
		"nil date":              {Birthdays: []*Birthday{{Text: "some day"}}},
		"one of each singleton": {
			Names: []*Name{{GivenName: "A"}}, Biographies: []*Biography{{Value: "b"}},
			Birthdays: []*Birthday{{Date: &Date{Month: 1, Day: 1}}}, Genders: []*Gender{{Value: "other"}},
		},
		"field metadata that a client may set": {Names: []*Name{{GivenName: "A", Metadata: &FieldMetadata{SourcePrimary: true, Source: &Source{Type: "CONTACT", ID: "1", Etag: "e"}}}}},
	}
	for name, p := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			before, _ := json.Marshal(p)
			if got := validateContact(3, p); got != nil {
				t.Errorf("validateContact = %v, want no problems", problemSites(got))
			}
			if after, _ := json.Marshal(p); string(after) != string(before) {
				t.Errorf("validateContact changed the contact:\n%s\n%s", before, after)
			}
		})
	}
}

// TestValidateContactRequestFixture validates the contacts of the request fixture.
func TestValidateContactRequestFixture(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", "request.json"))
	if err != nil {
		t.Fatal(err)
	}
	var req struct {
		Contacts []contactToCreate `json:"contacts"`
		ReadMask string            `json:"readMask"`
		Sources  []ReadSourceType  `json:"sources"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatal(err)
	}
	if len(req.Contacts) != 2 {
		t.Fatalf("request.json holds %d contacts, want 2", len(req.Contacts))
	}
	for i, c := range req.Contacts {
		if got := validateContact(i, c.ContactPerson); got != nil {
			t.Errorf("contact %d: %v, want no problems", i, problemSites(got))
		}
	}
	if got := validateReadMask(req.ReadMask); got != nil {
		t.Errorf("readMask %q: %v", req.ReadMask, problemSites(got))
	}
	if got := validateSources(req.Sources); got != nil {
		t.Errorf("sources %q: %v", req.Sources, problemSites(got))
	}
}

func TestValidateContactProblems(t *testing.T) {
	t.Parallel()
	const idx = 7
	date := func(y, m, d int) *Person {
		return &Person{Birthdays: []*Birthday{{Date: &Date{Year: y, Month: m, Day: d}}}}
	}
	tests := map[string]struct {
		p      *Person
		fields []string // expected Field of each problem, any order
		reason string   // a substring of the first problem's Reason, if set
	}{
		"nil person":   {nil, []string{"contactPerson"}, "missing"},
		"resourceName": {&Person{ResourceName: "people/c1"}, []string{"resourceName"}, "assigned by the server"},
		"etag":         {&Person{Etag: "%abc"}, []string{"etag"}, "assigned by the server"},

		// Output-only fields of Person, refused whole.
		"metadata":              {&Person{Metadata: &PersonMetadata{}}, []string{"metadata"}, "output only"},
		"photos":                {&Person{Photos: []*Photo{{URL: "u"}}}, []string{"photos"}, "output only"},
		"coverPhotos":           {&Person{CoverPhotos: []*CoverPhoto{{URL: "u"}}}, []string{"coverPhotos"}, "output only"},
		"ageRanges":             {&Person{AgeRanges: []*AgeRangeType{{AgeRange: "TWENTY_ONE_OR_OLDER"}}}, []string{"ageRanges"}, "output only"},
		"ageRange":              {&Person{AgeRange: "TWENTY_ONE_OR_OLDER"}, []string{"ageRange"}, "output only"},
		"taglines":              {&Person{Taglines: []*Tagline{{Value: "t"}}}, []string{"taglines"}, "output only"},
		"relationshipInterests": {&Person{RelationshipInterests: []*RelationshipInterest{{Value: "v"}}}, []string{"relationshipInterests"}, "output only"},
		"relationshipStatuses":  {&Person{RelationshipStatuses: []*RelationshipStatus{{Value: "v"}}}, []string{"relationshipStatuses"}, "output only"},
		"photos with nil entry": {&Person{Photos: []*Photo{nil}}, []string{"photos"}, "output only"},

		// Output-only sub-fields, at their exact path.
		"emailAddresses[0].formattedType": {&Person{EmailAddresses: []*EmailAddress{{Value: "a@example.com", FormattedType: "Work"}}}, []string{"emailAddresses[0].formattedType"}, "output only"},
		"names[0].metadata.primary":       {&Person{Names: []*Name{{GivenName: "A", Metadata: &FieldMetadata{Primary: true}}}}, []string{"names[0].metadata.primary"}, "output only"},
		"names[0].metadata.verified":      {&Person{Names: []*Name{{GivenName: "A", Metadata: &FieldMetadata{Verified: true}}}}, []string{"names[0].metadata.verified"}, ""},
		"names[0].displayName":            {&Person{Names: []*Name{{GivenName: "A", DisplayName: "A"}}}, []string{"names[0].displayName"}, ""},
		"names[0].displayNameLastFirst":   {&Person{Names: []*Name{{GivenName: "A", DisplayNameLastFirst: "A"}}}, []string{"names[0].displayNameLastFirst"}, ""},
		"phoneNumbers[1].canonicalForm":   {&Person{PhoneNumbers: []*PhoneNumber{{Value: "1"}, {Value: "2", CanonicalForm: "+12"}}}, []string{"phoneNumbers[1].canonicalForm"}, ""},
		"phoneNumbers[0].formattedType":   {&Person{PhoneNumbers: []*PhoneNumber{{Value: "1", FormattedType: "Mobile"}}}, []string{"phoneNumbers[0].formattedType"}, ""},
		"genders[0].formattedValue":       {&Person{Genders: []*Gender{{Value: "female", FormattedValue: "Female"}}}, []string{"genders[0].formattedValue"}, ""},
		"imClients[0] formatted fields":   {&Person{IMClients: []*IMClient{{Username: "u", FormattedProtocol: "XMPP", FormattedType: "Work"}}}, []string{"imClients[0].formattedProtocol", "imClients[0].formattedType"}, ""},
		"memberships[0].domainMembership": {&Person{Memberships: []*Membership{{DomainMembership: &DomainMembership{InViewerDomain: true}}}}, []string{"memberships[0].domainMembership"}, ""},
		"memberships[1].contactGroupMembership.contactGroupId": {
			&Person{Memberships: []*Membership{{}, {ContactGroupMembership: &ContactGroupMembership{ContactGroupID: "myContacts"}}}},
			[]string{"memberships[1].contactGroupMembership.contactGroupId"}, "",
		},
		"addresses[0].metadata.source.updateTime": {
			&Person{Addresses: []*Address{{City: "c", Metadata: &FieldMetadata{Source: &Source{UpdateTime: "2026-01-01T00:00:00Z"}}}}},
			[]string{"addresses[0].metadata.source.updateTime"}, "",
		},
		"urls[2].metadata.source.profileMetadata": {
			&Person{URLs: []*URL{{Value: "a"}, {Value: "b"}, {Value: "c", Metadata: &FieldMetadata{Source: &Source{ProfileMetadata: &ProfileMetadata{ObjectType: "PERSON"}}}}}},
			[]string{"urls[2].metadata.source.profileMetadata"}, "",
		},
		"organizations[0].formattedType": {&Person{Organizations: []*Organization{{Name: "o", FormattedType: "Work"}}}, []string{"organizations[0].formattedType"}, ""},
		"events[0].formattedType":        {&Person{Events: []*Event{{Type: "t", FormattedType: "T"}}}, []string{"events[0].formattedType"}, ""},

		// Singletons.
		"two names":       {&Person{Names: []*Name{{GivenName: "A"}, {GivenName: "B"}}}, []string{"names"}, "at most one"},
		"two biographies": {&Person{Biographies: []*Biography{{Value: "a"}, {Value: "b"}}}, []string{"biographies"}, "at most one"},
		"two birthdays":   {&Person{Birthdays: []*Birthday{{Text: "a"}, {Text: "b"}}}, []string{"birthdays"}, "at most one"},
		"three genders":   {&Person{Genders: []*Gender{{Value: "a"}, {Value: "b"}, {Value: "c"}}}, []string{"genders"}, "this one has 3"},

		// Dates.
		"month 13":            {date(2000, 13, 1), []string{"birthdays[0].date.month"}, "from 1 to 12"},
		"day 32":              {date(2000, 1, 32), []string{"birthdays[0].date.day"}, "from 1 to 31"},
		"Feb 29 2023":         {date(2023, 2, 29), []string{"birthdays[0].date.day"}, "past the last day"},
		"Feb 29 1900":         {date(1900, 2, 29), []string{"birthdays[0].date.day"}, "past the last day"},
		"Feb 30 without year": {date(0, 2, 30), []string{"birthdays[0].date.day"}, "past the last day"},
		"Apr 31":              {date(2024, 4, 31), []string{"birthdays[0].date.day"}, "past the last day"},
		"day without month":   {date(2024, 0, 5), []string{"birthdays[0].date.month"}, "must be set when the day is"},
		"year 10000":          {date(10000, 1, 1), []string{"birthdays[0].date.year"}, "from 1 to 9999"},
		"negative year":       {date(-1, 1, 1), []string{"birthdays[0].date.year"}, "from 1 to 9999"},
		"negative month":      {date(2000, -1, 1), []string{"birthdays[0].date.month"}, "from 1 to 12"},
		"negative day":        {date(2000, 1, -1), []string{"birthdays[0].date.day"}, "from 1 to 31"},
		"event date": {
			&Person{Events: []*Event{{Date: &Date{Month: 1, Day: 1}}, {Date: &Date{Year: 2001, Month: 13}}}},
			[]string{"events[1].date.month"}, "",
		},

		// Required values and keys.
		"empty email value":      {&Person{EmailAddresses: []*EmailAddress{{Type: "work"}}}, []string{"emailAddresses[0].value"}, "must not be empty"},
		"blank email value":      {&Person{EmailAddresses: []*EmailAddress{{Value: "a@b"}, {Value: " \t"}}}, []string{"emailAddresses[1].value"}, "must not be empty"},
		"empty phone value":      {&Person{PhoneNumbers: []*PhoneNumber{{Value: "1"}, {Type: "mobile"}}}, []string{"phoneNumbers[1].value"}, "must not be empty"},
		"empty userDefined key":  {&Person{UserDefined: []*UserDefined{{Value: "v"}}}, []string{"userDefined[0].key"}, "must not be empty"},
		"empty clientData key":   {&Person{ClientData: []*ClientData{{Key: "k", Value: "v"}, {Key: " ", Value: "v"}}}, []string{"clientData[1].key"}, "must not be empty"},
		"empty userDefined item": {&Person{UserDefined: []*UserDefined{{}}}, []string{"userDefined[0].key"}, ""},

		// Nil entries of lists.
		"nil name":         {&Person{Names: []*Name{nil}}, []string{"names[0]"}, "is nil"},
		"nil email":        {&Person{EmailAddresses: []*EmailAddress{{Value: "a@b"}, nil}}, []string{"emailAddresses[1]"}, "is nil"},
		"nil phone":        {&Person{PhoneNumbers: []*PhoneNumber{nil}}, []string{"phoneNumbers[0]"}, "is nil"},
		"nil address":      {&Person{Addresses: []*Address{nil}}, []string{"addresses[0]"}, "is nil"},
		"nil organization": {&Person{Organizations: []*Organization{nil}}, []string{"organizations[0]"}, "is nil"},
		"nil birthday":     {&Person{Birthdays: []*Birthday{nil}}, []string{"birthdays[0]"}, "is nil"},
		"nil event":        {&Person{Events: []*Event{{}, nil}}, []string{"events[1]"}, "is nil"},
		"nil userDefined":  {&Person{UserDefined: []*UserDefined{nil}}, []string{"userDefined[0]"}, "is nil"},
		"nil clientData":   {&Person{ClientData: []*ClientData{nil}}, []string{"clientData[0]"}, "is nil"},
		"two nil names":    {&Person{Names: []*Name{nil, nil}}, []string{"names", "names[0]", "names[1]"}, ""},

		"every rule at once": {
			&Person{
				ResourceName: "people/c1", Etag: "e", Metadata: &PersonMetadata{},
				Names:          []*Name{{DisplayName: "A"}, {GivenName: "B"}},
				Birthdays:      []*Birthday{{Date: &Date{Year: 2023, Month: 2, Day: 29}}},
				EmailAddresses: []*EmailAddress{{}},
				UserDefined:    []*UserDefined{nil},
			},
			[]string{
				"birthdays[0].date.day", "emailAddresses[0].value", "etag", "metadata",
				"names", "names[0].displayName", "resourceName", "userDefined[0]",
			}, "",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := validateContact(idx, tt.p)
			var want []problemSite
			for _, f := range tt.fields {
				want = append(want, problemSite{idx, f})
			}
			slices.SortFunc(want, func(a, b problemSite) int { return strings.Compare(a.Field, b.Field) })
			if diff := cmp.Diff(want, problemSites(got)); diff != "" {
				t.Fatalf("validateContact problems (-want +got):\n%s", diff)
			}
			if tt.reason != "" && !strings.Contains(got[0].Reason, tt.reason) {
				t.Errorf("Reason = %q, want it to contain %q", got[0].Reason, tt.reason)
			}
			for _, p := range got {
				if msg := p.Error(); !strings.HasPrefix(msg, "people: contact "+strconv.Itoa(idx)+": "+p.Field+": ") {
					t.Errorf("Error() = %q, want the prefix, contact index and field", msg)
				}
			}
		})
	}
}

// TestValidateContactNilEntryInEveryList puts a nil entry in each list of Person that a
// contact may set. encoding/json sends it as null, which the API does not accept for a
// repeated message field, so validation must name it before anything is sent.
func TestValidateContactNilEntryInEveryList(t *testing.T) {
	t.Parallel()
	outputOnly := map[string]bool{
		"ageRanges": true, "coverPhotos": true, "photos": true, "relationshipInterests": true,
		"relationshipStatuses": true, "taglines": true,
	}
	typ := reflect.TypeFor[Person]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Pointer || outputOnly[name] {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := new(Person)
			v := reflect.ValueOf(p).Elem().Field(i)
			v.Set(reflect.MakeSlice(f.Type, 1, 1)) // one nil entry
			want := []problemSite{{0, name + "[0]"}}
			if diff := cmp.Diff(want, problemSites(validateContact(0, p))); diff != "" {
				t.Errorf("nil %s entry: problems (-want +got):\n%s", name, diff)
			}
		})
	}
}

func TestValidateReadMask(t *testing.T) {
	t.Parallel()
	// The 29 paths of the API contract, written out rather than taken from the package.
	contract := strings.Fields(`addresses ageRanges biographies birthdays calendarUrls clientData
		coverPhotos emailAddresses events externalIds genders imClients interests locales locations
		memberships metadata miscKeywords names nicknames occupations organizations phoneNumbers
		photos relations sipAddresses skills urls userDefined`)
	if len(contract) != 29 {
		t.Fatalf("contract lists %d paths, want 29", len(contract))
	}
	var all []string
	for _, f := range AllMaskPaths() {
		all = append(all, string(f))
	}
	if diff := cmp.Diff(contract, all); diff != "" {
		t.Errorf("AllMaskPaths (-contract +got):\n%s", diff)
	}

	valid := []string{
		"", "   ", "person.names", " names , emailAddresses ", strings.Join(contract, ","),
		"names,person.emailAddresses", ReadMask(MaskNames, MaskURLs),
	}
	for _, p := range contract {
		valid = append(valid, p, "person."+p)
	}
	for _, mask := range valid {
		if got := validateReadMask(mask); got != nil {
			t.Errorf("validateReadMask(%q) = %v, want no problems", mask, problemSites(got))
		}
	}

	tests := map[string]struct {
		mask   string
		reason []string // one entry per expected problem: a substring of its Reason
	}{
		"adresy":                {"adresy", []string{`that is the Polish translation of "addresses" on the translated reference page; use "addresses"`}},
		"biografie":             {"biografie", []string{`use "biographies"`}},
		"urodziny":              {"urodziny", []string{`use "birthdays"`}},
		"wydarzenia":            {"wydarzenia", []string{`use "events"`}},
		"płeć":                  {"płeć", []string{`use "genders"`}},
		"zainteresowania":       {"zainteresowania", []string{`use "interests"`}},
		"lokalizacje":           {"lokalizacje", []string{`use "locations"`}},
		"kanału":                {"kanału", []string{`use "memberships"`}},
		"pseudonimy":            {"pseudonimy", []string{`use "nicknames"`}},
		"zawody":                {"zawody", []string{`use "occupations"`}},
		"fotografie":            {"fotografie", []string{`use "photos"`}},
		"relacje":               {"relacje", []string{`use "relations"`}},
		"umiejętności":          {"umiejętności", []string{`use "skills"`}},
		"metadane":              {"metadane", []string{`use "metadata"`}},
		"Polish among valid":    {"names, Adresy ,urls", []string{`use "addresses"`}},
		"case typo":             {"EmailAddresses", []string{`unknown path "EmailAddresses"; did you mean "emailAddresses"?`}},
		"case typo with prefix": {"person.PHONENUMBERS", []string{`did you mean "phoneNumbers"?`}},
		"empty path":            {"names,,urls", []string{"has an empty path"}},
		"trailing comma":        {"names,", []string{"has an empty path"}},
		"unknown":               {"names,bogus", []string{`unknown path "bogus"`}},
		"two problems":          {"bogus,zawody", []string{`unknown path "bogus"`, `use "occupations"`}},
		"nested path":           {"names.givenName", []string{`unknown path "names.givenName"`}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := validateReadMask(tt.mask)
			if len(got) != len(tt.reason) {
				t.Fatalf("validateReadMask(%q) = %v, want %d problems", tt.mask, got, len(tt.reason))
			}
			for i, p := range got {
				if p.Index != -1 || p.Field != "readMask" {
					t.Errorf("problem %d at (%d, %q), want (-1, \"readMask\")", i, p.Index, p.Field)
				}
				if !strings.Contains(p.Reason, tt.reason[i]) {
					t.Errorf("problem %d Reason = %q, want it to contain %q", i, p.Reason, tt.reason[i])
				}
				if !strings.HasPrefix(p.Error(), "people: readMask: ") {
					t.Errorf("Error() = %q", p.Error())
				}
			}
		})
	}
}

func TestValidateSources(t *testing.T) {
	t.Parallel()
	valid := [][]ReadSourceType{
		nil,
		{},
		{ReadSourceProfile},
		{ReadSourceContact},
		{ReadSourceDomainContact},
		{ReadSourceOtherContact},
		{"READ_SOURCE_TYPE_CONTACT", "READ_SOURCE_TYPE_PROFILE", "READ_SOURCE_TYPE_DOMAIN_CONTACT", "READ_SOURCE_TYPE_OTHER_CONTACT"},
	}
	for _, s := range valid {
		if got := validateSources(s); got != nil {
			t.Errorf("validateSources(%q) = %v, want no problems", s, problemSites(got))
		}
	}
	tests := map[string]struct {
		sources []ReadSourceType
		fields  []string
	}{
		"unspecified":   {[]ReadSourceType{"READ_SOURCE_TYPE_UNSPECIFIED"}, []string{"sources[0]"}},
		"garbage":       {[]ReadSourceType{ReadSourceContact, "garbage"}, []string{"sources[1]"}},
		"empty":         {[]ReadSourceType{""}, []string{"sources[0]"}},
		"lower case":    {[]ReadSourceType{"read_source_type_contact"}, []string{"sources[0]"}},
		"short name":    {[]ReadSourceType{"CONTACT"}, []string{"sources[0]"}},
		"several":       {[]ReadSourceType{"x", ReadSourceProfile, "READ_SOURCE_TYPE_UNSPECIFIED"}, []string{"sources[0]", "sources[2]"}},
		"padded string": {[]ReadSourceType{" READ_SOURCE_TYPE_CONTACT"}, []string{"sources[0]"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := validateSources(tt.sources)
			var want []problemSite
			for _, f := range tt.fields {
				want = append(want, problemSite{-1, f})
			}
			if diff := cmp.Diff(want, problemSites(got)); diff != "" {
				t.Fatalf("validateSources(%q) (-want +got):\n%s", tt.sources, diff)
			}
			for _, p := range got {
				if !strings.Contains(p.Reason, "unknown read source type") {
					t.Errorf("Reason = %q", p.Reason)
				}
			}
		})
	}
}
