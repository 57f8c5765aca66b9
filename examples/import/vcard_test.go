// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// card returns a vCard of the given version with lines.
func card(version string, lines ...string) string {
	return "BEGIN:VCARD\r\nVERSION:" + version + "\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCARD\r\n"
}

func TestVCardProperties(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		card    string
		want    *people.Person
		origins map[string]string
		skipped []string
		err     string
	}{
		{
			name: "3.0 names",
			card: card("3.0", "N:Example;Ada;Marie,Ann;Dr.;PhD", "FN:Dr. Ada Marie Ann Example", "NICKNAME:Addie,Countess",
				"X-PHONETIC-FIRST-NAME:Ay-da", "X-PHONETIC-LAST-NAME:Ex-am-pull", "X-MAIDENNAME:Sample"),
			want: &people.Person{
				Names: []*people.Name{{UnstructuredName: "Dr. Ada Marie Ann Example", FamilyName: "Example", GivenName: "Ada",
					MiddleName: "Marie Ann", HonorificPrefix: "Dr.", HonorificSuffix: "PhD", PhoneticGivenName: "Ay-da", PhoneticFamilyName: "Ex-am-pull"}},
				Nicknames: []*people.Nickname{{Type: "DEFAULT", Value: "Addie"}, {Type: "DEFAULT", Value: "Countess"}, {Type: "MAIDEN_NAME", Value: "Sample"}},
			},
		},
		{
			name: "e-mails and phones with TYPE",
			card: card("3.0", "FN:Ada", "EMAIL;TYPE=INTERNET,HOME:ada@example.com", "EMAIL;TYPE=INTERNET;TYPE=WORK:ada@work.example.com",
				"EMAIL:ada@example.org", "TEL;TYPE=CELL:+1-555-0101", "TEL;TYPE=WORK,FAX:+1-555-0102", "TEL;TYPE=HOME,VOICE:+1-555-0103",
				"TEL;TYPE=PAGER:+1-555-0104", "TEL;TYPE=CELL,WORK:+1-555-0105", "TEL:+1-555-0106"),
			want: &people.Person{
				Names: []*people.Name{{UnstructuredName: "Ada"}},
				EmailAddresses: []*people.EmailAddress{
					{Type: "home", Value: "ada@example.com"}, {Type: "work", Value: "ada@work.example.com"}, {Value: "ada@example.org"}},
				PhoneNumbers: []*people.PhoneNumber{
					{Type: "mobile", Value: "+1-555-0101"}, {Type: "workFax", Value: "+1-555-0102"}, {Type: "home", Value: "+1-555-0103"},
					{Type: "pager", Value: "+1-555-0104"}, {Type: "workMobile", Value: "+1-555-0105"}, {Value: "+1-555-0106"}},
			},
			origins: map[string]string{"phoneNumbers[1].value": "TEL", "emailAddresses[2]": "EMAIL"},
		},
		{
			name: "4.0 URIs and Apple's labels",
			card: card("4.0", "FN:Ada", "TEL;VALUE=uri;TYPE=cell:tel:+1-555-0101", "item1.EMAIL:ada@example.com",
				"item1.X-ABLabel:_$!<Other>!$_", "item2.TEL:+1-555-0102", "item2.X-ABLabel:Lab"),
			want: &people.Person{
				Names:          []*people.Name{{UnstructuredName: "Ada"}},
				EmailAddresses: []*people.EmailAddress{{Type: "other", Value: "ada@example.com"}},
				PhoneNumbers:   []*people.PhoneNumber{{Type: "mobile", Value: "+1-555-0101"}, {Type: "Lab", Value: "+1-555-0102"}},
			},
		},
		{
			name: "addresses",
			card: card("4.0", "FN:Ada", `ADR;TYPE=home;LABEL="12 Maple St\nSpringfield":PO Box 7;Apt 4;12 Maple St;Springfield;IL;62701;United States`,
				"ADR;TYPE=work:;;1 Oak St;Riverton;WY;82501;"),
			want: &people.Person{
				Names: []*people.Name{{UnstructuredName: "Ada"}},
				Addresses: []*people.Address{
					{Type: "home", PoBox: "PO Box 7", ExtendedAddress: "Apt 4", StreetAddress: "12 Maple St", City: "Springfield",
						Region: "IL", PostalCode: "62701", Country: "United States", FormattedValue: "12 Maple St\nSpringfield"},
					{Type: "work", StreetAddress: "1 Oak St", City: "Riverton", Region: "WY", PostalCode: "82501"},
				},
			},
		},
		{
			name: "organization, title, role",
			card: card("3.0", "FN:Ada", "ORG:Example Corp;Research;Engines", "TITLE:Engineer", "ROLE:Builds examples"),
			want: &people.Person{
				Names: []*people.Name{{UnstructuredName: "Ada"}},
				Organizations: []*people.Organization{{Name: "Example Corp", Department: "Research, Engines",
					Title: "Engineer", JobDescription: "Builds examples"}},
			},
		},
		{
			name: "dates",
			card: card("4.0", "FN:Ada", "BDAY:--1210", "ANNIVERSARY:20010915"),
			want: &people.Person{
				Names:     []*people.Name{{UnstructuredName: "Ada"}},
				Birthdays: []*people.Birthday{{Date: &people.Date{Month: 12, Day: 10}}},
				Events:    []*people.Event{{Type: "anniversary", Date: &people.Date{Year: 2001, Month: 9, Day: 15}}},
			},
		},
		{
			name: "3.0 anniversary and gender extensions",
			card: card("3.0", "FN:Ada", "X-ANNIVERSARY:2001-09-15", "X-GENDER:Female", "BDAY:1815-12-10"),
			want: &people.Person{
				Names:     []*people.Name{{UnstructuredName: "Ada"}},
				Birthdays: []*people.Birthday{{Date: &people.Date{Year: 1815, Month: 12, Day: 10}}},
				Events:    []*people.Event{{Type: "anniversary", Date: &people.Date{Year: 2001, Month: 9, Day: 15}}},
				Genders:   []*people.Gender{{Value: "female"}},
			},
		},
		{
			name: "unreadable birthday",
			card: card("4.0", "FN:Ada", "BDAY;VALUE=text:circa 1800"),
			err:  `BDAY: cannot read the date "circa 1800"`,
		},
		{
			name: "4.0 gender, language, IMPP, related, calendars, UID",
			card: card("4.0", "FN:Ada", "GENDER:O;countess", "LANG;PREF=1:en-GB", "IMPP;TYPE=home:xmpp:ada@example.com",
				"IMPP:sip:ada@example.org", "RELATED;TYPE=spouse:William Example", "RELATED;TYPE=kin:Annabella Example",
				"CALURI;TYPE=work:https://calendar.example.com/ada", "FBURL:https://calendar.example.com/ada/busy",
				"UID:urn:uuid:00000000-0000-4000-8000-000000000001", "KIND:individual", "REV:20260101T000000Z"),
			want: &people.Person{
				Names:        []*people.Name{{UnstructuredName: "Ada"}},
				Genders:      []*people.Gender{{Value: "countess"}},
				Locales:      []*people.Locale{{Value: "en-GB"}},
				IMClients:    []*people.IMClient{{Type: "home", Protocol: "jabber", Username: "ada@example.com"}},
				SipAddresses: []*people.SIPAddress{{Value: "sip:ada@example.org"}},
				Relations:    []*people.Relation{{Type: "spouse", Person: "William Example"}, {Type: "relative", Person: "Annabella Example"}},
				CalendarURLs: []*people.CalendarURL{{Type: "work", URL: "https://calendar.example.com/ada"}, {Type: "freeBusy", URL: "https://calendar.example.com/ada/busy"}},
				ExternalIDs:  []*people.ExternalID{{Type: "vCard UID", Value: "urn:uuid:00000000-0000-4000-8000-000000000001"}},
			},
		},
		{
			name: "3.0 instant messaging, notes, URLs",
			card: card("3.0", "FN:Ada", "X-JABBER;TYPE=HOME:ada@example.com", "X-SKYPE:ada.example", "NOTE:Line one\\nline\\, two",
				"NOTE:Another note", "URL;TYPE=WORK:https://example.com/~ada"),
			want: &people.Person{
				Names:       []*people.Name{{UnstructuredName: "Ada"}},
				IMClients:   []*people.IMClient{{Type: "home", Protocol: "jabber", Username: "ada@example.com"}, {Protocol: "skype", Username: "ada.example"}},
				Biographies: []*people.Biography{{Value: "Line one\nline, two\n\nAnother note", ContentType: "TEXT_PLAIN"}},
				URLs:        []*people.URL{{Type: "work", Value: "https://example.com/~ada"}},
			},
		},
		{
			name: "categories and skipped properties",
			card: card("3.0", "FN:Ada", "CATEGORIES:starred,Friends", "PHOTO;VALUE=URI:https://example.com/ada.jpg", "GEO:1;2",
				"X-UNKNOWN:x", "LABEL:1 Oak St", "PRODID:-//Example//EN", "X-IMPORT-ERROR:an old reason"),
			want: &people.Person{
				Names: []*people.Name{{UnstructuredName: "Ada"}},
				Memberships: []*people.Membership{{ContactGroupMembership: &people.ContactGroupMembership{
					ContactGroupResourceName: "contactGroups/starred"}}},
			},
			skipped: []string{"GEO", "LABEL", "X-UNKNOWN"},
		},
		{
			name:    "empty e-mail and phone: left out, with a note",
			card:    card("4.0", "FN:Ada", "EMAIL;TYPE=work:", "TEL;TYPE=cell:", "TEL;TYPE=home:+1-555-0101"),
			want:    &people.Person{Names: []*people.Name{{UnstructuredName: "Ada"}}, PhoneNumbers: []*people.PhoneNumber{{Type: "home", Value: "+1-555-0101"}}},
			skipped: []string{"EMAIL", "TEL"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := readVCard("t.vcf", strings.NewReader(tt.card))
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
		})
	}
}

func TestVCardFile(t *testing.T) {
	t.Parallel()
	t.Run("no card", func(t *testing.T) {
		if _, err := readVCard("t.vcf", strings.NewReader("hello\n")); err == nil {
			t.Error("a file without cards was accepted")
		}
	})
	t.Run("cards, text between them, LF endings, empty card", func(t *testing.T) {
		data := "junk\nBEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n" +
			"begin:vcard\nversion:4.0\nfn:Alan\nend:vcard\n"
		in, err := readVCard("t.vcf", strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(recordsOf(in)) != 2 || in.Empty != 1 {
			t.Fatalf("%d records and %d empty, want 2 and 1", len(recordsOf(in)), in.Empty)
		}
		if recordsOf(in)[0].Line != 2 || recordsOf(in)[1].Num != 3 || recordsOf(in)[1].Line != 10 {
			t.Errorf("positions: %+v %+v", recordsOf(in)[0], recordsOf(in)[1])
		}
		if got := recordsOf(in)[1].Person.Names[0].UnstructuredName; got != "Alan" {
			t.Errorf("lower-case card: name %q", got)
		}
	})
	t.Run("cards without END:VCARD", func(t *testing.T) {
		// The first card is cut short by the next BEGIN:VCARD, the last one by the end of
		// the file: both are kept as records that fail, and reach the report whole.
		data := "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nBEGIN:VCARD\nVERSION:3.0\nFN:Alan\nEND:VCARD\n" +
			"BEGIN:VCARD\nVERSION:3.0\nFN:Grace"
		in, err := readVCard("t.vcf", strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(recordsOf(in)) != 3 {
			t.Fatalf("%d records, want 3", len(recordsOf(in)))
		}
		var failed []failure
		for i, want := range []struct {
			line int
			raw  string
		}{{1, "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n"}, {8, "BEGIN:VCARD\nVERSION:3.0\nFN:Grace"}} {
			r := recordsOf(in)[2*i]
			if r.Err == nil || r.Err.Error() != "the card has no END:VCARD" || r.Line != want.line || r.raw != want.raw {
				t.Errorf("record %d: err %v, line %d, raw %q; want the card has no END:VCARD, line %d, raw %q",
					r.Num, r.Err, r.Line, r.raw, want.line, want.raw)
			}
			if r.Err != nil {
				failed = append(failed, failure{r, r.Err.Error()})
			}
		}
		if r := recordsOf(in)[1]; r.Err != nil || r.Line != 4 {
			t.Errorf("the card between them: err %v, line %d", r.Err, r.Line)
		}
		var b strings.Builder
		if err := writeVCardReport(&b, failed); err != nil {
			t.Fatal(err)
		}
		want := "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n" + reportProperty + ":the card has no END:VCARD\n" +
			"BEGIN:VCARD\nVERSION:3.0\nFN:Grace\n" + reportProperty + ":the card has no END:VCARD\n"
		if b.String() != want {
			t.Errorf("report:\n%s\nwant:\n%s", b.String(), want)
		}
	})
	t.Run("report line is escaped and folded", func(t *testing.T) {
		rec := &record{raw: "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nEND:VCARD\r\n"}
		var b strings.Builder
		reason := strings.Repeat("a reason, with; specials\n", 4)
		if err := writeVCardReport(&b, []failure{{rec, reason}}); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Errorf("line longer than 75 octets: %q", l)
			}
		}
		in, err := readVCard("r.vcf", strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if got := recordsOf(in)[0].raw; !strings.Contains(unfold(got), reportProperty+":"+escapeText(reason)) {
			t.Errorf("report card:\n%s", got)
		}
	})
}
