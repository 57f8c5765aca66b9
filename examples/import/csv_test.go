// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"encoding/csv"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// csvOf writes a header and one row as CSV.
// The columns are in alphabetical order.
func csvOf(cells map[string]string) string {
	header := slices.Sorted(maps.Keys(cells))
	var row []string
	for _, h := range header {
		row = append(row, cells[h])
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(header)
	w.Write(row)
	w.Flush()
	return b.String()
}

func TestCSVColumns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cells map[string]string
		want  *people.Person
		// origins are some of the columns the entries must come from.
		origins map[string]string
		// skipped are the notes the input must hold, as "What: value".
		skipped []string
		// labels are the labels that become groups; photo is the photo's URL.
		labels []string
		photo  string
		err    string
	}{
		{
			name: "names",
			cells: map[string]string{
				"First Name": "Ada", "Middle Name": "Marie", "Last Name": "Example", "Name Prefix": "Dr.",
				"Name Suffix": "PhD", "Phonetic First Name": "Ay-da", "Phonetic Middle Name": "Ma-ree",
				"Phonetic Last Name": "Ex-am-pull", "Nickname": "Addie", "File As": "Example, Ada",
			},
			want: &people.Person{
				Names: []*people.Name{{GivenName: "Ada", MiddleName: "Marie", FamilyName: "Example", HonorificPrefix: "Dr.",
					HonorificSuffix: "PhD", PhoneticGivenName: "Ay-da", PhoneticMiddleName: "Ma-ree", PhoneticFamilyName: "Ex-am-pull"}},
				Nicknames: []*people.Nickname{{Type: "DEFAULT", Value: "Addie"}},
				FileAses:  []*people.FileAs{{Value: "Example, Ada"}},
			},
		},
		{
			name: "older export's names",
			cells: map[string]string{
				"Name": "Ada Example", "Given Name": "Ada", "Additional Name": "M.", "Family Name": "Example",
				"Yomi Name": "Ay-da Ex-am-pull", "Given Name Yomi": "Ay-da", "Family Name Yomi": "Ex-am-pull",
				"Initials": "A.M.E.", "Short Name": "Ada", "Maiden Name": "Sample",
			},
			want: &people.Person{
				Names: []*people.Name{{UnstructuredName: "Ada Example", GivenName: "Ada", MiddleName: "M.", FamilyName: "Example",
					PhoneticFullName: "Ay-da Ex-am-pull", PhoneticGivenName: "Ay-da", PhoneticFamilyName: "Ex-am-pull"}},
				Nicknames: []*people.Nickname{{Type: "INITIALS", Value: "A.M.E."}, {Type: "MAIDEN_NAME", Value: "Sample"}, {Type: "SHORT_NAME", Value: "Ada"}},
			},
		},
		{
			name: "e-mails, several in a cell",
			cells: map[string]string{
				"E-mail 1 - Label": "* Home", "E-mail 1 - Value": "ada@example.com ::: ada@example.org",
				"E-mail 2 - Label": "Work", "E-mail 2 - Value": "ada@work.example.com",
				"E-mail 3 - Label": "Club", "E-mail 3 - Value": "ada@club.example.net",
			},
			want: &people.Person{EmailAddresses: []*people.EmailAddress{
				{Type: "home", Value: "ada@example.com"}, {Type: "home", Value: "ada@example.org"},
				{Type: "work", Value: "ada@work.example.com"}, {Type: "Club", Value: "ada@club.example.net"},
			}},
			origins: map[string]string{"emailAddresses[1].value": "E-mail 1 - Value", "emailAddresses[3]": "E-mail 3 - Value"},
		},
		{
			name:  "older export's Type columns",
			cells: map[string]string{"E-mail 1 - Type": "* Other", "E-mail 1 - Value": "ada@example.com", "Phone 1 - Type": "Work Fax", "Phone 1 - Value": "+1-555-0100"},
			want: &people.Person{
				EmailAddresses: []*people.EmailAddress{{Type: "other", Value: "ada@example.com"}},
				PhoneNumbers:   []*people.PhoneNumber{{Type: "workFax", Value: "+1-555-0100"}},
			},
		},
		{
			name: "phones",
			cells: map[string]string{
				"Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1-555-0101 ::: +1-555-0102",
				"Phone 2 - Label": "Google Voice", "Phone 2 - Value": "+1-555-0103",
				"Phone 3 - Label": "Home Fax", "Phone 3 - Value": "+1-555-0104",
			},
			want: &people.Person{PhoneNumbers: []*people.PhoneNumber{
				{Type: "mobile", Value: "+1-555-0101"}, {Type: "mobile", Value: "+1-555-0102"},
				{Type: "googleVoice", Value: "+1-555-0103"}, {Type: "homeFax", Value: "+1-555-0104"},
			}},
		},
		{
			name: "a label without a value: the entry is left out, with a note",
			cells: map[string]string{
				"First Name": "Ada", "E-mail 1 - Label": "Work", "E-mail 1 - Value": "", "Website 1 - Label": "Blog",
				"Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1-555-0101", "Phone 2 - Label": "Work", "Phone 2 - Value": "",
				"Phone 3 - Label": "Home", "Phone 3 - Value": " ::: +1-555-0103",
			},
			want: &people.Person{
				Names:        []*people.Name{{GivenName: "Ada"}},
				PhoneNumbers: []*people.PhoneNumber{{Type: "mobile", Value: "+1-555-0101"}, {Type: "home", Value: "+1-555-0103"}},
			},
			skipped: []string{"E-mail 1 - Label", "Phone 2 - Label", "Phone 3 - Value", "Website 1 - Label"},
		},
		{
			name: "address",
			cells: map[string]string{
				"Address 1 - Label": "Home", "Address 1 - Formatted": "12 Maple St\nSpringfield, IL 62701",
				"Address 1 - Street": "12 Maple St", "Address 1 - City": "Springfield", "Address 1 - PO Box": "PO Box 7",
				"Address 1 - Region": "IL", "Address 1 - Postal Code": "62701", "Address 1 - Country": "United States",
				"Address 1 - Extended Address": "Apt 4",
			},
			want: &people.Person{Addresses: []*people.Address{{
				Type: "home", FormattedValue: "12 Maple St\nSpringfield, IL 62701", StreetAddress: "12 Maple St",
				City: "Springfield", PoBox: "PO Box 7", Region: "IL", PostalCode: "62701", Country: "United States",
				ExtendedAddress: "Apt 4",
			}}},
			origins: map[string]string{"addresses[0].city": "Address 1"},
		},
		{
			name:  "organization, current export",
			cells: map[string]string{"Organization Name": "Example Corp", "Organization Title": "Engineer", "Organization Department": "Research"},
			want:  &people.Person{Organizations: []*people.Organization{{Name: "Example Corp", Title: "Engineer", Department: "Research"}}},
		},
		{
			name: "organization, older export",
			cells: map[string]string{
				"Organization 1 - Type": "Work", "Organization 1 - Name": "Example Corp", "Organization 1 - Yomi Name": "Ex-am-pull",
				"Organization 1 - Title": "Engineer", "Organization 1 - Department": "Research", "Organization 1 - Symbol": "EXMP",
				"Organization 1 - Location": "Building 4", "Organization 1 - Job Description": "Builds examples",
			},
			want: &people.Person{Organizations: []*people.Organization{{
				Type: "work", Name: "Example Corp", PhoneticName: "Ex-am-pull", Title: "Engineer", Department: "Research",
				Symbol: "EXMP", Location: "Building 4", JobDescription: "Builds examples",
			}}},
		},
		{
			name: "birthday and events",
			cells: map[string]string{
				"Birthday": "1815-12-10", "Event 1 - Label": "Anniversary", "Event 1 - Value": "--06-01",
				"Event 2 - Label": "Graduation", "Event 2 - Value": "2001-06",
			},
			want: &people.Person{
				Birthdays: []*people.Birthday{{Date: &people.Date{Year: 1815, Month: 12, Day: 10}}},
				Events: []*people.Event{
					{Type: "anniversary", Date: &people.Date{Month: 6, Day: 1}},
					{Type: "Graduation", Date: &people.Date{Year: 2001, Month: 6}},
				},
			},
		},
		{
			name:  "birthday without a year",
			cells: map[string]string{"Birthday": "--12-10"},
			want:  &people.Person{Birthdays: []*people.Birthday{{Date: &people.Date{Month: 12, Day: 10}}}},
		},
		{
			name:  "impossible date: left for validation",
			cells: map[string]string{"Birthday": "2023-02-30"},
			want:  &people.Person{Birthdays: []*people.Birthday{{Date: &people.Date{Year: 2023, Month: 2, Day: 30}}}},
		},
		{
			name:  "unreadable date",
			cells: map[string]string{"First Name": "Ada", "Birthday": "next spring"},
			err:   `Birthday: cannot read the date "next spring"`,
		},
		{
			name: "websites, relations, custom fields, IM, external IDs, calendars",
			cells: map[string]string{
				"Website 1 - Label": "Home Page", "Website 1 - Value": "https://example.com/~ada",
				"Relation 1 - Label": "Domestic Partner", "Relation 1 - Value": "Alan Sample",
				"Custom Field 1 - Label": "Customer ID", "Custom Field 1 - Value": "C-0001",
				"IM 1 - Label": "Work", "IM 1 - Service": "Jabber", "IM 1 - Value": "ada@example.com",
				"External ID 1 - Label": "Customer", "External ID 1 - Value": "42",
				"Calendar Link 1 - Label": "Free Busy", "Calendar Link 1 - Value": "https://calendar.example.com/ada",
			},
			want: &people.Person{
				URLs:         []*people.URL{{Type: "homePage", Value: "https://example.com/~ada"}},
				Relations:    []*people.Relation{{Type: "domesticPartner", Person: "Alan Sample"}},
				UserDefined:  []*people.UserDefined{{Key: "Customer ID", Value: "C-0001"}},
				IMClients:    []*people.IMClient{{Type: "work", Protocol: "jabber", Username: "ada@example.com"}},
				ExternalIDs:  []*people.ExternalID{{Type: "customer", Value: "42"}},
				CalendarURLs: []*people.CalendarURL{{Type: "freeBusy", URL: "https://calendar.example.com/ada"}},
			},
			origins: map[string]string{"userDefined[0].key": "Custom Field 1"},
		},
		{
			name:  "custom field without a label: kept, for validation to name",
			cells: map[string]string{"Custom Field 1 - Label": "", "Custom Field 1 - Value": "VIP"},
			want:  &people.Person{UserDefined: []*people.UserDefined{{Value: "VIP"}}},
		},
		{
			name: "notes, gender and the older export's Outlook columns",
			cells: map[string]string{
				"Notes": "Met at the conference ::: kept whole", "Gender": "Female", "Occupation": "Engineer",
				"Hobby": "Chess ::: Tea", "Location": "Building 4", "Billing Information": "Net 30",
				"Directory Server": "ldap.example.com", "Mileage": "120", "Priority": "High", "Sensitivity": "Private",
				"Subject": "Examples",
			},
			want: &people.Person{
				Biographies: []*people.Biography{{Value: "Met at the conference ::: kept whole", ContentType: "TEXT_PLAIN"}},
				Genders:     []*people.Gender{{Value: "female"}},
				Occupations: []*people.Occupation{{Value: "Engineer"}},
				Interests:   []*people.Interest{{Value: "Chess"}, {Value: "Tea"}},
				Locations:   []*people.Location{{Value: "Building 4"}},
				MiscKeywords: []*people.MiscKeyword{
					{Type: "OUTLOOK_BILLING_INFORMATION", Value: "Net 30"}, {Type: "OUTLOOK_DIRECTORY_SERVER", Value: "ldap.example.com"},
					{Type: "OUTLOOK_MILEAGE", Value: "120"}, {Type: "OUTLOOK_PRIORITY", Value: "High"},
					{Type: "OUTLOOK_SENSITIVITY", Value: "Private"}, {Type: "OUTLOOK_SUBJECT", Value: "Examples"},
				},
			},
		},
		{
			name:  "labels: system groups map, others are skipped",
			cells: map[string]string{"First Name": "Ada", "Labels": "* myContacts ::: * starred ::: Friends ::: Chess Club"},
			want: &people.Person{
				Names: []*people.Name{{GivenName: "Ada"}},
				Memberships: []*people.Membership{{ContactGroupMembership: &people.ContactGroupMembership{
					ContactGroupResourceName: "contactGroups/starred"}}},
			},
			labels: []string{"Friends", "Chess Club"},
		},
		{
			name:   "older export's Group Membership",
			cells:  map[string]string{"First Name": "Ada", "Group Membership": "* My Contacts ::: Family"},
			want:   &people.Person{Names: []*people.Name{{GivenName: "Ada"}}},
			labels: []string{"Family"},
		},
		{
			name:    "photo, language, unknown columns and the report's own column",
			cells:   map[string]string{"First Name": "Ada", "Photo": "https://example.com/p.jpg", "Language": "English", "Shoe Size": "38", "Jot 1 - Value": "x", reportColumn: "old reason"},
			want:    &people.Person{Names: []*people.Name{{GivenName: "Ada"}}},
			skipped: []string{"Jot 1 - Value", "Language", "Shoe Size"},
			photo:   "https://example.com/p.jpg",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := readCSV("t.csv", strings.NewReader(csvOf(tt.cells)))
			if err != nil {
				t.Fatal(err)
			}
			if len(recordsOf(in)) != 1 {
				t.Fatalf("%d records, want 1", len(recordsOf(in)))
			}
			rec := recordsOf(in)[0]
			if tt.err != "" {
				if rec.Err == nil || !strings.Contains(rec.Err.Error(), tt.err) {
					t.Errorf("error %v, want one with %q", rec.Err, tt.err)
				}
				return
			}
			if rec.Err != nil {
				t.Fatal(rec.Err)
			}
			if diff := cmp.Diff(tt.want, rec.Person); diff != "" {
				t.Errorf("person (-want +got):\n%s", diff)
			}
			for path, want := range tt.origins {
				if got := rec.origin(path); got != want {
					t.Errorf("origin(%q) = %q, want %q", path, got, want)
				}
			}
			if diff := cmp.Diff(tt.skipped, skippedOf(in)); diff != "" {
				t.Errorf("skipped (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.labels, rec.labels); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			if rec.photoURL != tt.photo {
				t.Errorf("photo URL %q, want %q", rec.photoURL, tt.photo)
			}
		})
	}
}

// skippedOf lists the input's notes as "What" or "What: value".
func skippedOf(in *input) []string {
	var out []string
	for _, n := range in.Notes.list() {
		if len(n.Values) == 0 {
			out = append(out, n.What)
		}
		for v := range n.Values {
			out = append(out, n.What+": "+v)
		}
	}
	slices.Sort(out)
	return out
}

func TestCSVFile(t *testing.T) {
	t.Parallel()
	t.Run("not a Google export", func(t *testing.T) {
		_, err := readCSV("t.csv", strings.NewReader("Shoe Size,Hat Size\n38,7\n"))
		if err == nil || !strings.Contains(err.Error(), "First Name") {
			t.Errorf("err = %v, want one that names the expected columns", err)
		}
	})
	t.Run("empty rows, short rows, BOM, markers", func(t *testing.T) {
		in, err := readCSV("t.csv", strings.NewReader("\ufeffFirst Name,Last Name,Notes\nAda,Example\n,,\nAda,Example,\nAlan,Sample,Hi\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(recordsOf(in)) != 3 || in.Empty != 1 {
			t.Fatalf("%d records and %d empty, want 3 and 1", len(recordsOf(in)), in.Empty)
		}
		a, b, c := recordsOf(in)[0], recordsOf(in)[1], recordsOf(in)[2]
		if a.Num != 1 || b.Num != 3 || c.Num != 4 || c.Line != 5 {
			t.Errorf("numbers: %d %d %d, line %d", a.Num, b.Num, c.Num, c.Line)
		}
		// Two identical rows get distinct keys; the same file read again gets the same ones.
		if a.Key == b.Key {
			t.Error("identical rows share a key")
		}
		again, _ := readCSV("t.csv", strings.NewReader("First Name,Notes,Last Name\nAda,,Example\nAda,,Example\nAlan,Hi,Sample\n"))
		for i := range recordsOf(again) {
			if recordsOf(again)[i].Key != recordsOf(in)[i].Key {
				t.Errorf("record %d: key changed when the columns were reordered", i)
			}
		}
	})
}

// TestKeysFollowContent checks that a row's key depends on its normalised content, not on
// the file's name, the order or case of its columns, spaces, an e-mail's case or the report's
// column; and that it changes with the content and with the generation.
func TestKeysFollowContent(t *testing.T) {
	t.Parallel()
	const base = "First Name,Last Name,E-mail 1 - Value\nAda,Example,Ada@Example.com\n"
	keyOf := func(name, text, gen string) string {
		t.Helper()
		in, err := readCSV(name, strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		in.generation = gen
		return recordsOf(in)[0].Key
	}
	want := keyOf("contacts.csv", base, "")
	tests := map[string]struct {
		name, text, gen string
		same            bool
	}{
		"another file name":        {"renamed.csv", base, "", true},
		"columns reordered":        {"c.csv", "E-mail 1 - Value,Last Name,First Name\nAda@Example.com,Example,Ada\n", "", true},
		"column names in capitals": {"c.csv", "FIRST NAME,Last Name,E-MAIL 1 - VALUE\nAda,Example,Ada@Example.com\n", "", true},
		"spaces around values":     {"c.csv", "First Name,Last Name,E-mail 1 - Value\n Ada ,Example,Ada@Example.com \n", "", true},
		"e-mail in lower case":     {"c.csv", "First Name,Last Name,E-mail 1 - Value\nAda,Example,ada@example.com\n", "", true},
		"a report's column":        {"c.report.csv", "First Name,Last Name,E-mail 1 - Value,Import Error\nAda,Example,Ada@Example.com,why\n", "", true},
		"name in lower case":       {"c.csv", "First Name,Last Name,E-mail 1 - Value\nada,Example,Ada@Example.com\n", "", false},
		"another value":            {"c.csv", "First Name,Last Name,E-mail 1 - Value\nAda,Sample,Ada@Example.com\n", "", false},
		"another generation":       {"contacts.csv", base, "g2", false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := keyOf(tt.name, tt.text, tt.gen); (got == want) != tt.same {
				t.Errorf("key %s, base's %s: same = %v, want %v", got, want, got == want, tt.same)
			}
		})
	}
}

// TestVCardKeysFollowContent checks that a card's key ignores the order and case of its
// properties' names, an e-mail's case and the report's property.
func TestVCardKeysFollowContent(t *testing.T) {
	t.Parallel()
	keyOf := func(text string) string {
		t.Helper()
		in, err := readVCard("c.vcf", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		return recordsOf(in)[0].Key
	}
	want := keyOf("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Example\r\nEMAIL;TYPE=work:Ada@Example.com\r\nEND:VCARD\r\n")
	same := keyOf("BEGIN:VCARD\nversion:3.0\nemail;type=work:ada@example.com\nfn:Ada Example\nX-IMPORT-ERROR:why\nEND:VCARD\n")
	other := keyOf("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ada example\r\nEMAIL;TYPE=work:Ada@Example.com\r\nEND:VCARD\r\n")
	if same != want {
		t.Errorf("the same card, reordered and in other cases, has another key")
	}
	if other == want {
		t.Errorf("a card with another name has the same key")
	}
}

func TestCSVExtraCells(t *testing.T) {
	t.Parallel()
	data := "First Name,Last Name\nAda,Example,,\nAlan,Sample,Turing,1912\n,,note\n"
	in, err := readCSV("t.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(recordsOf(in)) != 3 {
		t.Fatalf("%d records and %d empty, want 3 records", len(recordsOf(in)), in.Empty)
	}
	// Blank cells beyond the header are harmless.
	if r := recordsOf(in)[0]; r.Err != nil {
		t.Errorf("row 1, whose extra cells are blank: %v", r.Err)
	}
	var failed []failure
	for _, r := range recordsOf(in)[1:] {
		want := fmt.Sprintf("the row has %d cells, and the header 2 columns", len(r.fields))
		if r.Err == nil || !strings.Contains(r.Err.Error(), want) {
			t.Errorf("row %d: err %v, want one that says %q", r.Num, r.Err, want)
			continue
		}
		failed = append(failed, failure{r, r.Err.Error()})
	}
	var b strings.Builder
	if err := writeCSVReport(&b, in.header, failed); err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(b.String()))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err == nil && len(rows) == 3 {
		// The report row keeps every cell; the reason stays in the report's column.
		if got := rows[1]; len(got) != 5 || got[0] != "Alan" || got[1] != "Sample" || got[3] != "Turing" || got[4] != "1912" {
			t.Errorf("report row 1: %q", got)
		}
		if got := rows[2]; len(got) != 4 || got[3] != "note" {
			t.Errorf("report row 2: %q", got)
		}
	} else {
		t.Errorf("report (%v):\n%s", err, b.String())
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := map[string]*people.Date{
		"1815-12-10":           {Year: 1815, Month: 12, Day: 10},
		"18151210":             {Year: 1815, Month: 12, Day: 10},
		"--12-10":              {Month: 12, Day: 10},
		"--1210":               {Month: 12, Day: 10},
		"---10":                {Day: 10},
		"1815-12":              {Year: 1815, Month: 12},
		"1815":                 {Year: 1815},
		"1996-04-15T12:00:00Z": {Year: 1996, Month: 4, Day: 15},
		"2023-02-30":           {Year: 2023, Month: 2, Day: 30},
		"1987-13-05":           {Year: 1987, Month: 13, Day: 5},
		"12/10/1815":           {Year: 1815, Month: 12, Day: 10},
		"7/4/1976":             {Year: 1976, Month: 7, Day: 4},
		"next spring":          nil,
		"12/10/15":             nil,
		"":                     nil,
	}
	for in, want := range tests {
		got, err := parseDate(in)
		if want == nil {
			if err == nil {
				t.Errorf("parseDate(%q) = %+v, want an error", in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseDate(%q): %v", in, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("parseDate(%q) (-want +got):\n%s", in, diff)
		}
	}
}
