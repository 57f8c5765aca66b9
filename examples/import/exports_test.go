// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestExports imports files as phones and mail programs export them, each written in its
// exporter's style (line ends, folding, quoting, encoding), on the emulator, and checks field
// by field what it stored. A dry run of each file must agree with the real run on every
// record.
func TestExports(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		// notice is part of the first line of output, when the encoding is guessed.
		notice string
		// want holds, for each record by number, Person paths and the values stored there;
		// a path ending in "#" is the length of a list. The emulator adds a myContacts
		// membership to each contact, as Google does.
		want map[int]map[string]string
		// notes are parts of the "not imported" lines; absent must not be there.
		notes, absent []string
	}{
		{
			file: "android21.vcf", // vCard 2.1: bare parameters, QUOTED-PRINTABLE with soft breaks
			want: map[int]map[string]string{
				1: {
					"names[0].familyName": "Müller", "names[0].givenName": "Jürgen",
					"phoneNumbers#": "3", "phoneNumbers[0].type": "mobile", "phoneNumbers[0].value": "+49 151 23456789",
					"phoneNumbers[1].type": "home", "phoneNumbers[2].type": "work", "phoneNumbers[2].value": "+49 30 7654321",
					"emailAddresses[0].type": "home", "emailAddresses[0].value": "juergen.mueller@example.de",
					"emailAddresses[1].type": "", "emailAddresses[1].value": "j.mueller@example.com",
					"addresses[0].streetAddress": "Hauptstraße 5", "addresses[0].city": "Berlin", "addresses[0].country": "Deutschland",
					"organizations[0].title": "Geschäftsführer",
					"biographies[0].value":   "Erste Zeile\nZweite Zeile, so lang, dass Android sie mit einem weichen Umbruch teilt: geprüft",
					"nicknames[0].value":     "Jürgi",
					"relations[0].person":    "Anna Schmidt", "relations[0].type": "spouse",
					"events[0].type": "anniversary", "events[0].date.year": "2010",
					"birthdays[0].date.month": "5",
				},
				2: {"phoneNumbers#": "1", "phoneNumbers[0].type": "mobile", "phoneNumbers[0].value": "+49 170 1111111"},
			},
			notes: []string{"photos             1  set (0 failed", "TEL (1 card): an entry without a value is left out"},
		},
		{
			file: "ios30.vcf", // iOS: item groups with X-ABLabel, "\:" and the other escapes
			want: map[int]map[string]string{1: {
				"names[0].givenName": "Johnny", "organizations[0].name": "Example Inc.", "organizations[0].department": "Research",
				"emailAddresses[0].type": "home", "emailAddresses[1].type": "work",
				"phoneNumbers[0].type": "mobile", "phoneNumbers[1].type": "home", "phoneNumbers[2].type": "Studio",
				"phoneNumbers[2].value": "+1 408 555 0145",
				"addresses[0].type":     "home", "addresses[0].streetAddress": "1 Infinite Loop", "addresses[0].postalCode": "95014",
				"urls[0].type": "homePage", "urls[0].value": "https://www.example.com/johnny",
				"relations[0].type": "spouse", "relations[0].person": "Jane Appleseed",
				"events[0].type": "anniversary", "events[0].date.year": "2005",
				"biographies[0].value":   "Met at WWDC, 2019\nSecond line; with a semicolon\\and a backslash",
				"birthdays[0].date.year": "1976",
			}},
			notes: []string{"photos             1  set (0 failed"},
		},
		{
			file: "gmail.vcf", // Gmail: folded at 75 octets, custom labels, categories
			want: map[int]map[string]string{1: {
				"names[0].familyName": "Lovelace", "nicknames[0].value": "Countess",
				"phoneNumbers[1].type": "Laboratory", "urls[0].type": "profile", "urls[0].value": "https://example.com/ada",
				"relations[0].type": "friend", "relations[0].person": "Charles Babbage",
				"addresses[0].streetAddress": "12 St James's Square",
				"biographies[0].value":       "Wrote the first published algorithm; notes on the Analytical Engine, 1843. See https://example.com/notes",
				"memberships#":               "3", "memberships[0].contactGroupMembership.contactGroupResourceName": "contactGroups/starred",
			}},
			notes: []string{"groups             1  created, of 1 labels"},
		},
		{
			file: "vcard40.vcf", // vCard 4.0: ALTID alternatives, GENDER beside X-GENDER, a tab fold
			want: map[int]map[string]string{1: {
				"birthdays#": "1", "birthdays[0].date.year": "1906", "birthdays[0].date.month": "12", "birthdays[0].date.day": "9",
				"genders#": "1", "genders[0].value": "female",
				"organizations#": "1", "organizations[0].title": "Computer Scientist",
				"phoneNumbers[0].type": "mobile", "phoneNumbers[0].value": "+1-555-555-0106",
				"biographies[0].value": "Wrote the first compiler, A-0",
				"names[0].middleName":  "Brewster Murray", "names[0].honorificPrefix": "Rear Admiral",
			}},
			notes: []string{"BDAY (ALTID) (1 card)", "TITLE (ALTID) (1 card)", "X-GENDER (1 card): GENDER says the same", "photos             1  set (0 failed"},
		},
		{
			file: "bom.vcf", // a UTF-8 byte order mark
			want: map[int]map[string]string{1: {"names[0].givenName": "Zoë", "emailAddresses[0].value": "zoe@example.co.uk"}},
		},
		{
			file: "outlook21.vcf", // Outlook's vCard 2.1: CHARSET=Windows-1252, TEL;WORK;VOICE, a QUOTED-PRINTABLE LABEL
			want: map[int]map[string]string{1: {
				"names[0].givenName": "Renée", "names[0].unstructuredName": "Renée Dubois",
				"phoneNumbers[0].type": "work", "phoneNumbers[1].type": "mobile", "phoneNumbers[2].type": "workFax",
				"emailAddresses[0].value": "renee@contoso.example", "addresses[0].type": "work", "addresses[0].city": "Redmond",
			}},
			notes: []string{"LABEL (1 card)"},
		},
		{
			file:   "excel1252.csv", // Excel's "CSV (Comma delimited)": windows-1252
			notice: "read as windows-1252",
			want: map[int]map[string]string{
				1: {"names[0].givenName": "René", "names[0].familyName": "Lefèvre", "biographies[0].value": "Café « chez René » – 5 €",
					"phoneNumbers[0].type": "mobile"},
				2: {"names[0].givenName": "Zoë", "phoneNumbers#": "0", "emailAddresses[0].type": "work"},
			},
			notes: []string{"Phone 1 - Label (1 row): a label without a value: the entry is left out"},
		},
		{
			file: "utf16.csv", // UTF-16LE with its byte order mark
			want: map[int]map[string]string{
				1: {"names[0].familyName": "Müller", "biographies[0].value": `Grüße, "Jürgen"`},
				2: {"names[0].givenName": "Łukasz", "names[0].familyName": "Żółć"},
				3: {"names[0].givenName": "太郎", "names[0].familyName": "田中"},
			},
		},
		{
			file:   "outlook.csv", // Outlook for Windows: every cell quoted, ANSI, 0/0/00, Unspecified
			notice: "read as windows-1252",
			want: map[int]map[string]string{
				1: {
					"names[0].honorificPrefix": "Ms.", "names[0].givenName": "Renée", "names[0].familyName": "Dubois",
					"organizations#": "1", "organizations[0].name": "Contoso Ltd.", "organizations[0].department": "Sales",
					"organizations[0].title": "Manager", "organizations[0].location": "4/1120",
					"addresses#": "1", "addresses[0].type": "work", "addresses[0].streetAddress": "1 Main St\nBuilding 4",
					"addresses[0].city": "Redmond", "addresses[0].region": "WA", "addresses[0].postalCode": "98052",
					"addresses[0].country": "United States of America",
					"phoneNumbers#":        "4", "phoneNumbers[0].type": "workFax", "phoneNumbers[1].type": "work",
					"phoneNumbers[1].value": "(425) 555-0100", "phoneNumbers[2].type": "Car", "phoneNumbers[3].type": "mobile",
					"birthdays[0].date.year": "1980", "birthdays[0].date.month": "5", "birthdays[0].date.day": "17",
					"events#": "0", "genders#": "0",
					"emailAddresses[0].value": "renee@contoso.example", "emailAddresses[0].displayName": "Renée Dubois (renee@contoso.example)",
					"memberships#": "3", "memberships[0].contactGroupMembership.contactGroupResourceName": "contactGroups/starred",
					"biographies[0].value": "Met at the fair.\nLikes crème brûlée.", // encoding/csv reads "\r\n" in a quoted cell as "\n"
					"relations[0].type":    "spouse", "relations[0].person": "Marc Dubois",
					"urls[0].type": "work", "urls[0].value": "https://contoso.example/renee",
				},
				2: {"names[0].givenName": "Tom", "phoneNumbers[0].type": "home", "genders[0].value": "male",
					"events[0].type": "anniversary", "events[0].date.year": "2010", "events[0].date.month": "6", "birthdays#": "0"},
			},
			notes: []string{"Birthday (1 row): Outlook's empty date 0/0/00", "Gender (1 row): Outlook writes Unspecified",
				"E-mail Type (1 row)", "groups             1  created, of 1 labels"},
			absent: []string{"Private", "Sensitivity", "Priority"}, // Outlook's defaults: imported, or nothing lost
		},
		{
			file: "outlookcom.csv", // Outlook.com: UTF-8 with a byte order mark, Yomi columns
			want: map[int]map[string]string{1: {
				"names[0].phoneticGivenName": "ひろし", "names[0].phoneticFamilyName": "たなか",
				"emailAddresses#": "2", "phoneNumbers#": "2", "phoneNumbers[0].type": "home", "phoneNumbers[1].type": "mobile",
				"organizations#": "2", "organizations[0].name": "例株式会社", "organizations[0].phoneticName": "れいかぶしきがいしゃ",
				"organizations[0].title": "部長", "organizations[1].type": "school", "organizations[1].name": "University of Tokyo",
				"addresses[0].type": "home", "addresses[0].city": "Tokyo", "urls[0].type": "home",
				"birthdays[0].date.month": "4", "birthdays[0].date.day": "12", "biographies[0].value": "Met in Kyoto, 2019",
			}},
		},
		{
			file: "googleoutlook.csv", // Google Contacts' own "Outlook CSV"
			want: map[int]map[string]string{1: {
				"names[0].familyName": "Turing", "birthdays[0].date.year": "1912", "emailAddresses[0].value": "alan@example.org",
				"addresses#": "1", "addresses[0].formattedValue": "1 Bletchley Park\nMilton Keynes MK3 6EB\nUnited Kingdom",
				"addresses[0].postalCode": "MK3 6EB", "addresses[0].country": "United Kingdom",
				"organizations[0].name": "National Physical Laboratory", "organizations[0].title": "Mathematician",
				"phoneNumbers#": "2", "memberships#": "2", "miscKeywords[0].type": "OUTLOOK_USER", "miscKeywords[0].value": "Enigma",
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			path := sample(t, tt.file)
			dry := runImport(t, t.Context(), nil, options{In: path, DryRun: true}, nil, nil)
			srv, tgt := emulator(t)
			r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			if !r.sum.ok() || r.sum.Created != len(tt.want) {
				t.Fatalf("created %d of %d; ok %v:\n%s", r.sum.Created, len(tt.want), r.sum.ok(), r.out)
			}
			if got, want := failedRecords(dry.sum), failedRecords(r.sum); got != want {
				t.Errorf("dry run failed %q, the real run %q", got, want)
			}
			first, _, _ := strings.Cut(r.out, "\n")
			if tt.notice != "" != strings.Contains(first, "Note:") || !strings.Contains(first, tt.notice) {
				t.Errorf("first line %q, want a notice with %q", first, tt.notice)
			}
			for _, n := range tt.notes {
				if !strings.Contains(r.out, n) {
					t.Errorf("output lacks the note %q:\n%s", n, r.out)
				}
			}
			for _, n := range tt.absent {
				if strings.Contains(r.out, n) {
					t.Errorf("output has a note about %q:\n%s", n, r.out)
				}
			}
			in, err := readInput(path, "", "")
			if err != nil {
				t.Fatal(err)
			}
			num := map[string]int{}
			for _, rec := range recordsOf(in) {
				num[rec.marker()] = rec.Num
			}
			for _, p := range srv.Contacts(testUser) {
				n := num[people.Marker(p, markerKey)]
				for _, path := range slices.Sorted(maps.Keys(tt.want[n])) {
					if got, want := fieldAt(t, p, path), tt.want[n][path]; got != want {
						t.Errorf("record %d: %s = %q, want %q", n, path, got, want)
					}
				}
			}
		})
	}
}

// failedRecords lists the records of a summary's failures with their reasons.
func failedRecords(s *summary) string {
	var b strings.Builder
	for _, f := range s.Failures {
		fmt.Fprintf(&b, "%d: %s\n", f.rec.Num, f.reason)
	}
	return b.String()
}

// fieldAt returns the value at path, such as "phoneNumbers[1].type", of p as JSON writes it;
// "" for none. A path ending in "#" gives the length of a list.
func fieldAt(t *testing.T, p *people.Person, path string) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	count := strings.HasSuffix(path, "#")
	for part := range strings.SplitSeq(strings.TrimSuffix(path, "#"), ".") {
		name, index, indexed := strings.Cut(strings.TrimSuffix(part, "]"), "[")
		m, _ := v.(map[string]any)
		v = m[name]
		if indexed {
			i, _ := strconv.Atoi(index)
			if l, _ := v.([]any); i < len(l) {
				v = l[i]
			} else {
				v = nil
			}
		}
	}
	if count {
		l, _ := v.([]any)
		return strconv.Itoa(len(l))
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// TestOutlookHeaders checks that every column of Outlook's exports is mapped but those with no
// People API field, each noted with its true reason.
func TestOutlookHeaders(t *testing.T) {
	t.Parallel()
	transport := "Outlook's transport for the address (SMTP, EX), not a label"
	language := "free text, while the People API's locales take BCP 47 language tags"
	for file, want := range map[string]map[string]string{
		"outlook.csv":       {"Language": language, "E-mail Type": transport, "E-mail 2 Type": transport, "E-mail 3 Type": transport},
		"outlookcom.csv":    {},
		"googleoutlook.csv": {"Language": language},
	} {
		in, err := readInput(filepath.Join("testdata", file), "", "")
		if err != nil {
			t.Fatal(err)
		}
		pl := planCSV(in.header)
		got := map[string]string{}
		for i, why := range pl.skipped {
			got[in.header[i]] = why
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (%s): columns not imported (-want +got):\n%s", file, pl.dialect, diff)
		}
		if pl.mapped+len(pl.skipped) != len(in.header) {
			t.Errorf("%s: %d columns mapped and %d not imported, of %d", file, pl.mapped, len(pl.skipped), len(in.header))
		}
	}
}
