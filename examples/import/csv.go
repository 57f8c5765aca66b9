// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"regexp"
	"sort"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file reads the CSV files that Google Contacts exports ("Google CSV"), in the current
// form ("First Name", "E-mail 1 - Label", "Labels", ...) and the older one ("Given Name",
// "E-mail 1 - Type", "Group Membership", "Organization 1 - Name", ...); csvoutlook.go adds
// Outlook's.

// reportColumn is the column that a report adds to the rows it lists. Reading a report back
// ignores it, so that a user can fix the rows and import the report.
const reportColumn = "Import Error"

// cellFunc maps one cell of a column that stands alone.
type cellFunc func(b *builder, cell, col string)

// singleColumns maps the columns that stand alone, by their folded name.
var singleColumns = map[string]cellFunc{
	"name":               func(b *builder, v, c string) { b.name(c).UnstructuredName = v },
	"firstname":          func(b *builder, v, c string) { b.name(c).GivenName = v },
	"givenname":          func(b *builder, v, c string) { b.name(c).GivenName = v },
	"middlename":         func(b *builder, v, c string) { b.name(c).MiddleName = v },
	"additionalname":     func(b *builder, v, c string) { b.name(c).MiddleName = v },
	"lastname":           func(b *builder, v, c string) { b.name(c).FamilyName = v },
	"familyname":         func(b *builder, v, c string) { b.name(c).FamilyName = v },
	"phoneticfirstname":  func(b *builder, v, c string) { b.name(c).PhoneticGivenName = v },
	"givennameyomi":      func(b *builder, v, c string) { b.name(c).PhoneticGivenName = v },
	"phoneticmiddlename": func(b *builder, v, c string) { b.name(c).PhoneticMiddleName = v },
	"additionalnameyomi": func(b *builder, v, c string) { b.name(c).PhoneticMiddleName = v },
	"phoneticlastname":   func(b *builder, v, c string) { b.name(c).PhoneticFamilyName = v },
	"familynameyomi":     func(b *builder, v, c string) { b.name(c).PhoneticFamilyName = v },
	"yominame":           func(b *builder, v, c string) { b.name(c).PhoneticFullName = v },
	"nameprefix":         func(b *builder, v, c string) { b.name(c).HonorificPrefix = v },
	"namesuffix":         func(b *builder, v, c string) { b.name(c).HonorificSuffix = v },
	"nickname":           each(func(b *builder, v, c string) { b.nickname("DEFAULT", v, c) }),
	"initials":           each(func(b *builder, v, c string) { b.nickname("INITIALS", v, c) }),
	"shortname":          each(func(b *builder, v, c string) { b.nickname("SHORT_NAME", v, c) }),
	"maidenname":         each(func(b *builder, v, c string) { b.nickname("MAIDEN_NAME", v, c) }),
	"fileas":             each(fileAs),
	"birthday":           each(func(b *builder, v, c string) { b.birthday(v, c) }),
	"gender":             func(b *builder, v, c string) { b.gender(v, c) },
	"notes":              func(b *builder, v, c string) { b.biography(v, c) },
	"occupation":         each(occupation),
	"hobby":              each(interest),
	"location":           each(location),
	"labels":             each(func(b *builder, v, c string) { b.label(v, c) }),
	"photo":              func(b *builder, v, c string) { b.photo(v, c) },
	"groupmembership":    each(func(b *builder, v, c string) { b.label(v, c) }),
	"billinginformation": each(func(b *builder, v, c string) { b.misc("OUTLOOK_BILLING_INFORMATION", v, c) }),
	"directoryserver":    each(func(b *builder, v, c string) { b.misc("OUTLOOK_DIRECTORY_SERVER", v, c) }),
	"mileage":            each(func(b *builder, v, c string) { b.misc("OUTLOOK_MILEAGE", v, c) }),
	"priority":           each(func(b *builder, v, c string) { b.misc("OUTLOOK_PRIORITY", v, c) }),
	"sensitivity":        each(func(b *builder, v, c string) { b.misc("OUTLOOK_SENSITIVITY", v, c) }),
	"subject":            each(func(b *builder, v, c string) { b.misc("OUTLOOK_SUBJECT", v, c) }),
	fold(reportColumn):   func(*builder, string, string) {},
}

// orgColumns maps the current export's organization columns to the fields of the numbered
// "Organization N - ..." columns of the older one.
var orgColumns = map[string]string{
	"organizationname":           "name",
	"organizationtitle":          "title",
	"organizationdepartment":     "department",
	"organizationphoneticname":   "yominame",
	"organizationyominame":       "yominame",
	"organizationsymbol":         "symbol",
	"organizationlocation":       "location",
	"organizationjobdescription": "jobdescription",
	// Outlook's
	"company":        "name",
	"companyyomi":    "yominame",
	"jobtitle":       "title",
	"department":     "department",
	"officelocation": "location",
}

// skippedColumns names the known columns that have no People API field on create, with why.
var skippedColumns = map[string]string{
	"language": "free text, while the People API's locales take BCP 47 language tags",
}

// each applies f to every value of a cell that may hold several (" ::: ").
func each(f cellFunc) cellFunc {
	return func(b *builder, cell, col string) {
		for _, v := range multi(cell) {
			f(b, v, col)
		}
	}
}

// groupColumn matches the numbered columns, such as "E-mail 2 - Value".
var groupColumn = regexp.MustCompile(`^(.+?) (\d+) - (.+)$`)

// groupKinds maps the folded first part of a numbered column to the kind of its entries.
var groupKinds = map[string]string{
	"email":        "email",
	"phone":        "phone",
	"address":      "address",
	"website":      "url",
	"relation":     "relation",
	"event":        "event",
	"customfield":  "custom",
	"im":           "im",
	"externalid":   "external",
	"calendarlink": "calendar",
	"organization": "org",
}

// groupFields lists the fields each kind of numbered column has, folded; "type" is read as
// "label".
var groupFields = map[string][]string{
	"email":    {"label", "value", "displayname"},
	"phone":    {"label", "value"},
	"url":      {"label", "value"},
	"relation": {"label", "value"},
	"event":    {"label", "value"},
	"custom":   {"label", "value"},
	"external": {"label", "value"},
	"calendar": {"label", "value"},
	"im":       {"label", "service", "value"},
	"address":  {"label", "formatted", "street", "street2", "street3", "city", "pobox", "region", "postalcode", "country", "extendedaddress"},
	"org":      {"label", "name", "yominame", "title", "department", "symbol", "location", "jobdescription"},
}

// csvGroup is the set of columns of one numbered entry, such as "E-mail 2 - Label" and
// "E-mail 2 - Value".
type csvGroup struct {
	kind  string
	title string         // "E-mail 2"
	cols  map[string]int // folded field → column index
	first int            // the first column's index, to keep the header's order
	// label is the label of every entry, for Outlook's columns ("Business Phone"), which
	// have no label column.
	label string
	// origin names the column of the entries' values, for messages.
	origin string
}

// csvPlan says what each column of a header becomes.
type csvPlan struct {
	header  []string
	singles map[int]cellFunc
	groups  []*csvGroup
	skipped map[int]string // column index → why it is not imported
	mapped  int
	// dialect names the kind of export, such as "Outlook CSV".
	dialect string
}

func planCSV(header []string) *csvPlan {
	pl := &csvPlan{header: header, singles: map[int]cellFunc{}, skipped: map[int]string{}}
	dialect, outlook := csvDialect(header)
	pl.dialect = dialect
	singles, skipped := singleColumns, skippedColumns
	if outlook {
		singles, skipped = outlookSingleColumns, outlookSkippedColumns
	}
	groups := map[string]*csvGroup{}
	group := func(kind, title string, col int, field string) *csvGroup {
		g := groups[title]
		if g == nil {
			g = &csvGroup{kind: kind, title: title, cols: map[string]int{}, first: col, origin: title + " - Value"}
			groups[title] = g
			pl.groups = append(pl.groups, g)
		}
		g.cols[field] = col
		if field == "value" {
			g.origin = strings.TrimSpace(header[col])
		}
		pl.mapped++
		return g
	}
	for i, name := range header {
		f := fold(name)
		if outlook {
			if fc, ok := outlookColumns[f]; ok {
				g := group(fc.kind, fc.title, i, fc.field)
				g.label = fc.label
				if fc.kind == "address" || fc.kind == "org" {
					g.origin = fc.title
				}
				continue
			}
		}
		if field, ok := orgColumns[f]; ok {
			group("org", "Organization", i, field)
			continue
		}
		if fn, ok := singles[f]; ok {
			pl.singles[i] = fn
			pl.mapped++
			continue
		}
		if why, ok := skipped[f]; ok {
			pl.skipped[i] = why
			continue
		}
		m := groupColumn.FindStringSubmatch(strings.TrimSpace(name))
		if m == nil {
			pl.skipped[i] = "no People API field matches this column"
			continue
		}
		kind, ok := groupKinds[fold(m[1])]
		if !ok {
			pl.skipped[i] = "no People API field matches this column"
			continue
		}
		field := fold(m[3])
		if field == "type" {
			field = "label"
		}
		if kind == "im" && field == "protocol" {
			field = "service"
		}
		if !contains(groupFields[kind], field) {
			pl.skipped[i] = "no People API field matches this column"
			continue
		}
		group(kind, m[1]+" "+m[2], i, field)
	}
	sort.SliceStable(pl.groups, func(i, j int) bool { return pl.groups[i].first < pl.groups[j].first })
	return pl
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// build maps one row.
func (pl *csvPlan) build(row []string, ns *notes) *builder {
	b := newBuilder(ns)
	cell := func(i int) string {
		if i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	for i, name := range pl.header {
		v := cell(i)
		if v == "" {
			continue
		}
		if fn, ok := pl.singles[i]; ok {
			fn(b, v, name)
		} else if why, ok := pl.skipped[i]; ok {
			b.skip(name, why, "")
		}
	}
	for _, g := range pl.groups {
		vals := map[string][]string{}
		n := 0
		for field, i := range g.cols {
			if field == "label" {
				continue
			}
			vals[field] = multi(cell(i))
			n = max(n, len(vals[field]))
		}
		label := g.label
		if i, ok := g.cols["label"]; ok {
			label = cell(i)
		}
		get := func(field string, k int) string {
			if v := vals[field]; k < len(v) {
				return v[k]
			}
			return ""
		}
		mapGroup(b, g, label, n, get)
	}
	return b
}

// mapGroup adds the n entries of a numbered group to the contact.
func mapGroup(b *builder, g *csvGroup, label string, n int, get func(field string, k int) string) {
	p := &b.p
	value := g.origin
	typ := apiType(g.kind, label)
	if _, labelled := g.cols["label"]; n == 0 && labelled && label != "" {
		b.skip(g.title+" - Label", "a label without a value: the entry is left out", "")
		return
	}
	for k := range n {
		v := get("value", k)
		if _, valued := g.cols["value"]; valued && v == "" {
			b.skip(value, "an entry without a value is left out", "")
			continue
		}
		switch g.kind {
		case "email":
			b.from("emailAddresses", len(p.EmailAddresses), value)
			p.EmailAddresses = append(p.EmailAddresses, &people.EmailAddress{Type: typ, Value: v, DisplayName: get("displayname", k)})
		case "phone":
			b.from("phoneNumbers", len(p.PhoneNumbers), value)
			p.PhoneNumbers = append(p.PhoneNumbers, &people.PhoneNumber{Type: typ, Value: v})
		case "custom":
			b.from("userDefined", len(p.UserDefined), g.title)
			p.UserDefined = append(p.UserDefined, &people.UserDefined{Key: strings.TrimSpace(label), Value: v})
		case "url":
			b.from("urls", len(p.URLs), value)
			p.URLs = append(p.URLs, &people.URL{Type: typ, Value: v})
		case "relation":
			b.from("relations", len(p.Relations), value)
			p.Relations = append(p.Relations, &people.Relation{Type: typ, Person: v})
		case "event":
			b.event(typ, v, value)
		case "external":
			b.from("externalIds", len(p.ExternalIDs), value)
			p.ExternalIDs = append(p.ExternalIDs, &people.ExternalID{Type: typ, Value: v})
		case "calendar":
			b.from("calendarUrls", len(p.CalendarURLs), value)
			p.CalendarURLs = append(p.CalendarURLs, &people.CalendarURL{Type: typ, URL: v})
		case "im":
			b.from("imClients", len(p.IMClients), value)
			p.IMClients = append(p.IMClients, &people.IMClient{Type: typ, Protocol: apiType("protocol", get("service", k)), Username: v})
		case "address":
			a := &people.Address{
				Type: typ, FormattedValue: get("formatted", k), StreetAddress: joinLines(get("street", k), get("street2", k), get("street3", k)),
				City: get("city", k), PoBox: get("pobox", k), Region: get("region", k),
				PostalCode: get("postalcode", k), Country: get("country", k), ExtendedAddress: get("extendedaddress", k),
			}
			if *a == (people.Address{Type: typ}) {
				continue
			}
			b.from("addresses", len(p.Addresses), g.title)
			p.Addresses = append(p.Addresses, a)
		case "org":
			o := &people.Organization{
				Type: typ, Name: get("name", k), PhoneticName: get("yominame", k), Title: get("title", k),
				Department: get("department", k), Symbol: get("symbol", k), Location: get("location", k),
				JobDescription: get("jobdescription", k),
			}
			if o.Name == "" && o.PhoneticName == "" && o.Title == "" && o.Department == "" && o.Symbol == "" &&
				o.Location == "" && o.JobDescription == "" {
				continue
			}
			b.from("organizations", len(p.Organizations), g.title)
			p.Organizations = append(p.Organizations, o)
		}
	}
}

// joinLines joins the lines that are not empty, one a line.
func joinLines(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
