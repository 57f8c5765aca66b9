// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"maps"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file maps the columns of Outlook's CSV exports: Outlook for Windows ("Title", "First
// Name", ..., "E-mail Address", "Business Phone", "Business Street 2", ...), Outlook.com
// ("Given Yomi", "Personal Web Page", ...) and Google Contacts' own "Outlook CSV" ("Home
// Address", "Home Country", ...). Outlook writes one column per entry, with the entry's kind in
// the column's name, where Google writes numbered "E-mail 1 - Label" and "E-mail 1 - Value".

// fixedColumn is a column that is one field of an entry whose label its name says, such as
// "Business Postal Code": the postal code of the work address.
type fixedColumn struct {
	kind  string // the entry's kind, as in groupKinds
	title string // the entry, such as "Business Address"
	field string // the field, as in groupFields
	label string // the entry's label
}

// outlookColumns maps Outlook's columns that are fields of an entry, by folded name.
var outlookColumns = func() map[string]fixedColumn {
	m := map[string]fixedColumn{}
	for _, a := range []struct{ prefix, title, label string }{
		{"business", "Business Address", "work"}, {"home", "Home Address", "home"}, {"other", "Other Address", "other"},
	} {
		for suffix, field := range map[string]string{
			"street": "street", "street2": "street2", "street3": "street3", "city": "city", "state": "region",
			"postalcode": "postalcode", "countryregion": "country", "country": "country", "addresspobox": "pobox",
			"address": "formatted",
		} {
			m[a.prefix+suffix] = fixedColumn{"address", a.title, field, a.label}
		}
	}
	for col, label := range map[string]string{
		"Business Phone": "work", "Business Phone 2": "work", "Business Fax": "workFax", "Home Phone": "home",
		"Home Phone 2": "home", "Home Fax": "homeFax", "Mobile Phone": "mobile", "Other Phone": "other",
		"Other Fax": "otherFax", "Pager": "pager", "Primary Phone": "main", "Company Main Phone": "Company Main",
		"Assistant's Phone": "Assistant", "Callback": "Callback", "Car Phone": "Car", "ISDN": "ISDN",
		"ISDN Phone": "ISDN", "Radio Phone": "Radio", "TTY/TDD Phone": "TTY/TDD", "Telex": "Telex",
	} {
		m[fold(col)] = fixedColumn{"phone", col, "value", label}
	}
	for _, n := range []string{"", "2", "3"} {
		title := "E-mail " + n + " Address"
		if n == "" {
			title = "E-mail Address"
		}
		m[fold(title)] = fixedColumn{"email", title, "value", ""}
		m["email"+n+"displayname"] = fixedColumn{"email", title, "displayname", ""}
	}
	m["webpage"] = fixedColumn{"url", "Web Page", "value", "work"}
	m["personalwebpage"] = fixedColumn{"url", "Personal Web Page", "value", "home"}
	m["imaddress"] = fixedColumn{"im", "IM Address", "value", ""}
	m["internetfreebusy"] = fixedColumn{"calendar", "Internet Free Busy", "value", "freeBusy"}
	m["account"] = fixedColumn{"external", "Account", "value", "account"}
	m["organizationalidnumber"] = fixedColumn{"external", "Organizational ID Number", "value", "organization"}
	m["governmentidnumber"] = fixedColumn{"external", "Government ID Number", "value", "Government ID"}
	m["customerid"] = fixedColumn{"external", "Customer ID", "value", "customer"}
	m["schools"] = fixedColumn{"org", "Schools", "name", "school"}
	return m
}()

// outlookSingles maps Outlook's columns that stand alone, by folded name, where they differ
// from Google's.
var outlookSingles = map[string]cellFunc{
	"title":          func(b *builder, v, c string) { b.name(c).HonorificPrefix = v },
	"suffix":         func(b *builder, v, c string) { b.name(c).HonorificSuffix = v },
	"givenyomi":      func(b *builder, v, c string) { b.name(c).PhoneticGivenName = v },
	"surnameyomi":    func(b *builder, v, c string) { b.name(c).PhoneticFamilyName = v },
	"profession":     each(occupation),
	"spouse":         relationColumn("spouse"),
	"children":       relationColumn("child"),
	"managersname":   relationColumn("manager"),
	"assistantsname": relationColumn("assistant"),
	"referredby":     relationColumn("referredBy"),
	"anniversary":    func(b *builder, v, c string) { b.event("anniversary", v, c) },
	"categories":     func(b *builder, v, c string) { categories(b, v, c) },
	"keywords":       func(b *builder, v, c string) { b.misc("OUTLOOK_KEYWORD", v, c) },
	"user1":          func(b *builder, v, c string) { b.misc("OUTLOOK_USER", v, c) },
	"user2":          func(b *builder, v, c string) { b.misc("OUTLOOK_USER", v, c) },
	"user3":          func(b *builder, v, c string) { b.misc("OUTLOOK_USER", v, c) },
	"user4":          func(b *builder, v, c string) { b.misc("OUTLOOK_USER", v, c) },
	"gender":         outlookGender,
	"private":        outlookPrivate,
}

// outlookSkipped names Outlook's columns that have no People API field, with why.
var outlookSkipped = map[string]string{
	"emailtype":  "Outlook's transport for the address (SMTP, EX), not a label",
	"email2type": "Outlook's transport for the address (SMTP, EX), not a label",
	"email3type": "Outlook's transport for the address (SMTP, EX), not a label",
}

// outlookSingleColumns and outlookSkippedColumns are the columns of Outlook's dialect that
// stand alone, and that have no People API field: Google's, with Outlook's over them.
var outlookSingleColumns, outlookSkippedColumns = overlay(singleColumns, outlookSingles), overlay(skippedColumns, outlookSkipped)

// overlay returns a copy of base with the entries of over added, replacing base's.
func overlay[V any](base, over map[string]V) map[string]V {
	m := maps.Clone(base)
	maps.Copy(m, over)
	return m
}

// outlookMarkers are columns that only Outlook's exports have: one of them in a header makes
// it an Outlook export.
var outlookMarkers = []string{"emailaddress", "businessphone", "mobilephone", "jobtitle", "company", "homestreet", "businessstreet"}

// csvDialect names the kind of export a header is, and says whether it is Outlook's.
func csvDialect(header []string) (name string, outlook bool) {
	has := map[string]bool{}
	for _, h := range header {
		has[fold(h)] = true
	}
	for _, m := range outlookMarkers {
		if has[m] {
			switch {
			case has["givenyomi"] || has["personalwebpage"]:
				return "Outlook.com CSV", true
			case has["homeaddress"] || has["homecountry"]:
				return "Google's Outlook CSV", true
			}
			return "Outlook CSV", true
		}
	}
	if has["givenname"] || has["groupmembership"] {
		return "Google CSV, older form", false
	}
	return "Google CSV", false
}

// relationColumn maps a column that names a relation of the given type.
func relationColumn(typ string) cellFunc {
	return func(b *builder, v, c string) {
		b.from("relations", len(b.p.Relations), c)
		b.p.Relations = append(b.p.Relations, &people.Relation{Type: typ, Person: v})
	}
}

// categories maps Outlook's categories, separated by ";" (or Google's " ::: "), as labels.
func categories(b *builder, cell, col string) {
	for _, v := range multi(strings.ReplaceAll(cell, ";", ":::")) {
		b.label(v, col)
	}
}

// outlookGender maps Outlook's gender, which is "Unspecified" for every contact whose gender
// was never set: that one is left out, with a note.
func outlookGender(b *builder, v, c string) {
	if fold(v) == "unspecified" {
		b.skip(c, "Outlook writes Unspecified for every contact whose gender was never set: left out", "Unspecified")
		return
	}
	b.gender(v, c)
}

// outlookPrivate notes Outlook's private flag when it is set: the People API has none.
// "False", which Outlook writes for every other contact, loses nothing.
func outlookPrivate(b *builder, v, c string) {
	if fold(v) != "false" {
		b.skip(c, "Outlook's private flag: the People API has none", "")
	}
}
