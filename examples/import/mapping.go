// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file holds what the CSV and vCard readers share to build a contact: the builder, and the
// conversions of labels and dates.

// builder assembles a Person and remembers where each of its entries came from.
type builder struct {
	p       people.Person
	origins map[string]string
	err     error
	notes   *notes
	noted   map[string]bool // what the record has notes about
	// labels are the names of the contact groups of the user's own that the contact is in,
	// without repeats; labelFrom is the column or property they came from.
	labels    []string
	labelFrom string
	// photoURL is where the contact's photo can be downloaded; photoFrom is its column or
	// property.
	photoURL, photoFrom string
}

func newBuilder(ns *notes) *builder {
	return &builder{origins: map[string]string{}, notes: ns, noted: map[string]bool{}}
}

// skip notes that the record has a value in what that is not imported, for reason why.
func (b *builder) skip(what, why, value string) {
	b.notes.add(what, why, value, !b.noted[what])
	b.noted[what] = true
}

// name returns the contact's name, creating it on first use.
func (b *builder) name(from string) *people.Name {
	if len(b.p.Names) == 0 {
		b.p.Names = []*people.Name{{}}
		b.origins["names[0]"] = from
	}
	return b.p.Names[0]
}

// from records that the entry index n of the list named list came from from.
func (b *builder) from(list string, n int, from string) {
	b.origins[list+"["+strconv.Itoa(n)+"]"] = from
}

// fail records the first mapping error of the record.
func (b *builder) fail(what string, err error) {
	if b.err == nil {
		b.err = fmt.Errorf("%s: %w", what, err)
	}
}

// birthday adds a birthday read from s.
func (b *builder) birthday(s, from string) {
	if noDate(s) {
		b.skip(from, "Outlook's empty date 0/0/00 is left out", "")
		return
	}
	d, err := parseDate(s)
	if err != nil {
		b.fail(from, err)
		return
	}
	b.from("birthdays", len(b.p.Birthdays), from)
	b.p.Birthdays = append(b.p.Birthdays, &people.Birthday{Date: d})
}

// event adds an event of type typ on the date s.
func (b *builder) event(typ, s, from string) {
	if noDate(s) {
		b.skip(from, "Outlook's empty date 0/0/00 is left out", "")
		return
	}
	d, err := parseDate(s)
	if err != nil {
		b.fail(from, err)
		return
	}
	b.from("events", len(b.p.Events), from)
	b.p.Events = append(b.p.Events, &people.Event{Type: typ, Date: d})
}

// biography appends text to the contact's only biography.
func (b *builder) biography(text, from string) {
	if len(b.p.Biographies) == 0 {
		b.from("biographies", 0, from)
		b.p.Biographies = []*people.Biography{{Value: text, ContentType: "TEXT_PLAIN"}}
		return
	}
	b.p.Biographies[0].Value += "\n\n" + text
}

// label handles one contact-group label (a Google "Labels" value or a vCard category).
// Google's system groups map cleanly: myContacts is where every created contact goes anyway,
// and starred can be added by resource name. Any other label names a group of the user's own,
// which the import finds or creates (see importer.resolveGroups) before the contact is sent.
func (b *builder) label(l, from string) {
	l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "*"))
	switch fold(l) {
	case "":
	case "mycontacts":
	case "starred":
		b.from("memberships", len(b.p.Memberships), from)
		b.p.Memberships = append(b.p.Memberships, &people.Membership{
			ContactGroupMembership: &people.ContactGroupMembership{ContactGroupResourceName: "contactGroups/starred"}})
	default:
		if !slices.Contains(b.labels, l) {
			b.labels = append(b.labels, l)
		}
		b.labelFrom = from
	}
}

// photo records where the contact's photo can be downloaded: an https URL (http only on a
// loopback address). Anything else is noted.
func (b *builder) photo(url, from string) {
	url = strings.TrimSpace(url)
	if !strings.HasPrefix(strings.ToLower(url), "https://") && !strings.HasPrefix(strings.ToLower(url), "http://") {
		b.skip(from, "a photo is an embedded image or an https URL", "")
		return
	}
	if b.photoURL == "" {
		b.photoURL, b.photoFrom = url, from
	}
}

// misc adds a miscellaneous keyword.
func (b *builder) misc(typ, v, from string) {
	b.from("miscKeywords", len(b.p.MiscKeywords), from)
	b.p.MiscKeywords = append(b.p.MiscKeywords, &people.MiscKeyword{Type: typ, Value: v})
}

// nickname adds a nickname.
func (b *builder) nickname(typ, v, from string) {
	b.from("nicknames", len(b.p.Nicknames), from)
	b.p.Nicknames = append(b.p.Nicknames, &people.Nickname{Type: typ, Value: v})
}

// gender sets the contact's gender: the API's own values for male, female and unspecified,
// the text as written for anything else.
func (b *builder) gender(v, from string) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "male", "m":
		v = "male"
	case "female", "f":
		v = "female"
	case "unspecified", "u", "unknown":
		v = "unspecified"
	}
	b.from("genders", len(b.p.Genders), from)
	b.p.Genders = append(b.p.Genders, &people.Gender{Value: v})
}

// empty reports whether the contact carries no data at all.
func (b *builder) empty() bool {
	return b.err == nil && jsonEmpty(&b.p)
}

// multi splits a Google Contacts cell that holds several values, which the export separates
// with " ::: ". An empty cell holds no value.
func multi(cell string) []string {
	if strings.TrimSpace(cell) == "" {
		return nil
	}
	parts := strings.Split(cell, ":::")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// labelTypes maps, for each kind of entry, a label folded by fold to the type the People API
// documents for it. A label not listed is a custom type, sent as written.
var labelTypes = map[string]map[string]string{
	"email":    types("home", "work", "other"),
	"phone":    types("home", "work", "mobile", "homeFax", "workFax", "otherFax", "pager", "workMobile", "workPager", "main", "googleVoice", "other"),
	"address":  types("home", "work", "other"),
	"url":      types("home", "work", "blog", "profile", "homePage", "ftp", "reservations", "appInstallPage", "other"),
	"relation": types("spouse", "child", "mother", "father", "parent", "brother", "sister", "friend", "relative", "domesticPartner", "manager", "assistant", "referredBy", "partner"),
	"event":    types("anniversary", "other"),
	"org":      types("work", "school"),
	"im":       types("home", "work", "other"),
	"calendar": types("home", "work", "freeBusy"),
	"external": types("account", "customer", "network", "organization"),
	"protocol": types("aim", "msn", "yahoo", "skype", "qq", "googleTalk", "icq", "jabber", "netMeeting"),
}

func types(ts ...string) map[string]string {
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[fold(t)] = t
	}
	return m
}

// fold lowercases s and drops everything but letters and digits: "Home Fax" → "homefax".
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// apiType returns the People API type for a label of the given kind. Google marks the primary
// entry's label with "* "; the mark is dropped (primary is output only).
func apiType(kind, label string) string {
	label = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(label), "*"))
	f := fold(label)
	if t, ok := labelTypes[kind][f]; ok {
		return t
	}
	switch {
	case kind == "phone" && f == "cell":
		return "mobile"
	case kind == "protocol" && f == "xmpp":
		return "jabber"
	case kind == "protocol" && (f == "gtalk" || f == "hangouts"):
		return "googleTalk"
	}
	return label
}

// jsonEmpty reports whether p would be sent as an empty JSON object.
func jsonEmpty(p *people.Person) bool {
	b, err := json.Marshal(p)
	return err == nil && string(b) == "{}"
}

// noDate reports whether s is the date that Outlook writes for none: "0/0/00", or
// "0/0/0000".
func noDate(s string) bool {
	s = strings.TrimSpace(s)
	return s == "0/0/00" || s == "0/0/0000"
}

// usDate matches the dates of Outlook's English exports: "12/10/1815", month first.
var usDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// parseDate reads a date as Google Contacts, vCard and Outlook write them: "1815-12-10",
// "18151210", "--12-10" or "--1210" (no year), "1815-12", "1815", and Outlook's "12/10/1815"
// (month first, as its English exports write it). A time after "T" is dropped. Only the
// shape is checked here: whether the month and day exist is for the SDK's validation to say,
// so that its reason is the one reported.
func parseDate(s string) (*people.Date, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, 'T'); i > 0 {
		s = s[:i]
	}
	var y, m, d string
	switch us := usDate.FindStringSubmatch(s); {
	case us != nil:
		m, d, y = us[1], us[2], us[3]
	case strings.HasPrefix(s, "---") && len(s) == 5:
		d = s[3:]
	case strings.HasPrefix(s, "--"):
		rest := strings.Replace(s[2:], "-", "", 1)
		if len(rest) == 4 {
			m, d = rest[:2], rest[2:]
		}
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d = s[:4], s[5:7], s[8:]
	case len(s) == 8:
		y, m, d = s[:4], s[4:6], s[6:]
	case len(s) == 7 && s[4] == '-':
		y, m = s[:4], s[5:]
	case len(s) == 4:
		y = s
	}
	if y == "" && m == "" && d == "" {
		return nil, fmt.Errorf("cannot read the date %q: write it as YYYY-MM-DD, or --MM-DD without a year", s)
	}
	var date people.Date
	for _, part := range []struct {
		s string
		v *int
	}{{y, &date.Year}, {m, &date.Month}, {d, &date.Day}} {
		if part.s == "" {
			continue
		}
		n, err := strconv.Atoi(part.s)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("cannot read the date %q: write it as YYYY-MM-DD, or --MM-DD without a year", s)
		}
		*part.v = n
	}
	return &date, nil
}

// fileAs adds a file-as name.
func fileAs(b *builder, v, from string) {
	b.from("fileAses", len(b.p.FileAses), from)
	b.p.FileAses = append(b.p.FileAses, &people.FileAs{Value: v})
}

// occupation adds an occupation.
func occupation(b *builder, v, from string) {
	b.from("occupations", len(b.p.Occupations), from)
	b.p.Occupations = append(b.p.Occupations, &people.Occupation{Value: v})
}

// interest adds an interest.
func interest(b *builder, v, from string) {
	b.from("interests", len(b.p.Interests), from)
	b.p.Interests = append(b.p.Interests, &people.Interest{Value: v})
}

// location adds a location.
func location(b *builder, v, from string) {
	b.from("locations", len(b.p.Locations), from)
	b.p.Locations = append(b.p.Locations, &people.Location{Value: v})
}
