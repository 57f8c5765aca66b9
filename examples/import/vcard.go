// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"sort"
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file reads vCard 3.0 and 4.0 files (RFC 2426, RFC 6350) with github.com/emersion/go-vcard,
// including the extensions Apple and Google write (X-ABLabel, X-PHONETIC-*, X-ANNIVERSARY, ...).

// reportProperty is the property that a report adds to the cards it lists. Reading a report
// back ignores it.
const reportProperty = "X-IMPORT-ERROR"

// propFunc maps one field of a property.
type propFunc func(b *builder, card vcard.Card, f *vcard.Field, from string)

// vcardProps maps the properties that have a People API field.
var vcardProps = map[string]propFunc{
	// An embedded photo (base64, a data: URI) is decoded onto the record by parseCard, and its
	// value here is empty; a URI is downloaded.
	vcard.FieldPhoto: func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.photo(f.Value, from) },
	vcard.FieldFormattedName: func(b *builder, _ vcard.Card, f *vcard.Field, from string) {
		if n := b.name(from); n.UnstructuredName == "" {
			n.UnstructuredName = f.Value
		} else {
			b.skip(from, "a contact has one name; the first FN is imported", "")
		}
	},
	vcard.FieldName:         vcardName,
	vcard.FieldNickname:     vcardList(func(b *builder, v, from string) { b.nickname("DEFAULT", v, from) }),
	"X-MAIDENNAME":          func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.nickname("MAIDEN_NAME", f.Value, from) },
	vcard.FieldEmail:        vcardEmail,
	vcard.FieldTelephone:    vcardPhone,
	vcard.FieldAddress:      vcardAddress,
	vcard.FieldOrganization: vcardOrg,
	vcard.FieldTitle:        func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.org(from).Title = f.Value },
	vcard.FieldRole:         func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.org(from).JobDescription = f.Value },
	vcard.FieldBirthday:     func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.birthday(f.Value, from) },
	vcard.FieldAnniversary:  func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.event("anniversary", f.Value, from) },
	"X-ANNIVERSARY":         func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.event("anniversary", f.Value, from) },
	vcard.FieldNote:         func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.biography(f.Value, from) },
	vcard.FieldURL:          vcardURL,
	vcard.FieldIMPP:         vcardIMPP,
	vcard.FieldRelated:      vcardRelated,
	"X-ABRELATEDNAMES":      vcardRelated,
	vcard.FieldGender:       vcardGender,
	"X-GENDER":              func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.gender(f.Value, from) },
	vcard.FieldLanguage: func(b *builder, _ vcard.Card, f *vcard.Field, from string) {
		b.from("locales", len(b.p.Locales), from)
		b.p.Locales = append(b.p.Locales, &people.Locale{Value: f.Value})
	},
	vcard.FieldCategories: vcardList(func(b *builder, v, from string) { b.label(v, from) }),
	vcard.FieldUID: func(b *builder, _ vcard.Card, f *vcard.Field, from string) {
		b.from("externalIds", len(b.p.ExternalIDs), from)
		b.p.ExternalIDs = append(b.p.ExternalIDs, &people.ExternalID{Type: "vCard UID", Value: f.Value})
	},
	vcard.FieldCalendarURI:   vcardCalendar(""),
	vcard.FieldFreeOrBusyURL: vcardCalendar("freeBusy"),
	"X-PHONETIC-FIRST-NAME":  func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.name(from).PhoneticGivenName = f.Value },
	"X-PHONETIC-MIDDLE-NAME": func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.name(from).PhoneticMiddleName = f.Value },
	"X-PHONETIC-LAST-NAME":   func(b *builder, _ vcard.Card, f *vcard.Field, from string) { b.name(from).PhoneticFamilyName = f.Value },
	"X-JABBER":               vcardIM("jabber"),
	"X-AIM":                  vcardIM("aim"),
	"X-SKYPE":                vcardIM("skype"),
	"X-SKYPE-USERNAME":       vcardIM("skype"),
	"X-ICQ":                  vcardIM("icq"),
	"X-MSN":                  vcardIM("msn"),
	"X-YAHOO":                vcardIM("yahoo"),
	"X-QQ":                   vcardIM("qq"),
	"X-GOOGLE-TALK":          vcardIM("googleTalk"),
	"X-GTALK":                vcardIM("googleTalk"),
	"X-ABDATE":               vcardDate,
	"X-ANDROID-CUSTOM":       androidCustom,
}

// silentProps are properties about the card rather than the contact: not imported, not noted.
var silentProps = map[string]bool{
	vcard.FieldVersion: true, vcard.FieldProductID: true, vcard.FieldRevision: true,
	vcard.FieldClientPIDMap: true, "X-ABLABEL": true, reportProperty: true,
	"X-ABADR":    true, // Apple's country code for an address's format
	"X-ABSHOWAS": true, // whether Apple shows the card as a company
}

// skippedProps names the known properties that have no People API field on create, with why.
var skippedProps = map[string]string{
	vcard.FieldLogo: "a logo is an image: the People API takes none on create",
	"LABEL":         "vCard 3.0's formatted address label: addresses are imported from ADR",
}

// vcardList applies f to each comma-separated value of a field.
func vcardList(f func(b *builder, v, from string)) propFunc {
	return func(b *builder, _ vcard.Card, fl *vcard.Field, from string) {
		for _, v := range components(fl.Value, ',') {
			if v = strings.TrimSpace(v); v != "" {
				f(b, v, from)
			}
		}
	}
}

// vcardLabel returns the label of a field: its TYPE parameters other than generic ones, or
// the X-ABLabel of its group (Apple), without Apple's "_$!<...>!$_" wrapping.
func vcardLabel(card vcard.Card, f *vcard.Field) string {
	if f.Group != "" {
		for _, l := range card["X-ABLABEL"] {
			if strings.EqualFold(l.Group, f.Group) {
				return strings.TrimSuffix(strings.TrimPrefix(l.Value, "_$!<"), ">!$_")
			}
		}
	}
	for _, t := range f.Params.Types() {
		switch t {
		case "pref", "internet", "x400", "voice", "text", "video", "textphone", "postal", "parcel", "dom", "intl":
			continue
		}
		return t
	}
	return ""
}

func vcardName(b *builder, _ vcard.Card, f *vcard.Field, from string) {
	parts := rawComponents(f.Value, ';')
	get := func(i int) string {
		if i < len(parts) {
			return strings.TrimSpace(strings.Join(components(parts[i], ','), " "))
		}
		return ""
	}
	n := b.name(from)
	if n.GivenName != "" || n.FamilyName != "" {
		b.skip(from, "a contact has one name; the first N is imported", "")
		return
	}
	n.FamilyName, n.GivenName, n.MiddleName, n.HonorificPrefix, n.HonorificSuffix = get(0), get(1), get(2), get(3), get(4)
}

func vcardEmail(b *builder, card vcard.Card, f *vcard.Field, from string) {
	b.from("emailAddresses", len(b.p.EmailAddresses), from)
	b.p.EmailAddresses = append(b.p.EmailAddresses, &people.EmailAddress{
		Type: apiType("email", vcardLabel(card, f)), Value: strings.TrimPrefix(f.Value, "mailto:")})
}

func vcardPhone(b *builder, card vcard.Card, f *vcard.Field, from string) {
	has := func(t string) bool { return f.Params.HasType(t) }
	var typ string
	switch {
	case has("fax") && has("home"):
		typ = "homeFax"
	case has("fax") && has("work"):
		typ = "workFax"
	case has("fax"):
		typ = "otherFax"
	case has("pager") && has("work"):
		typ = "workPager"
	case has("pager"):
		typ = "pager"
	case has("cell") && has("work"):
		typ = "workMobile"
	case has("cell") || has("iphone"):
		typ = "mobile"
	case has("main") || has("x-main"):
		typ = "main"
	default:
		typ = apiType("phone", vcardLabel(card, f))
	}
	b.from("phoneNumbers", len(b.p.PhoneNumbers), from)
	b.p.PhoneNumbers = append(b.p.PhoneNumbers, &people.PhoneNumber{Type: typ, Value: strings.TrimPrefix(f.Value, "tel:")})
}

func vcardAddress(b *builder, card vcard.Card, f *vcard.Field, from string) {
	parts := components(f.Value, ';')
	get := func(i int) string {
		if i < len(parts) {
			return strings.TrimSpace(parts[i])
		}
		return ""
	}
	a := &people.Address{
		Type: apiType("address", vcardLabel(card, f)), PoBox: get(0), ExtendedAddress: get(1),
		StreetAddress: get(2), City: get(3), Region: get(4), PostalCode: get(5), Country: get(6),
		FormattedValue: f.Params.Get("LABEL"),
	}
	b.from("addresses", len(b.p.Addresses), from)
	b.p.Addresses = append(b.p.Addresses, a)
}

// org returns the organization that TITLE and ROLE describe: the first, made if need be.
func (b *builder) org(from string) *people.Organization {
	if len(b.p.Organizations) == 0 {
		b.from("organizations", 0, from)
		b.p.Organizations = []*people.Organization{{}}
	}
	return b.p.Organizations[0]
}

func vcardOrg(b *builder, card vcard.Card, f *vcard.Field, from string) {
	parts := components(f.Value, ';')
	name, units := parts[0], strings.Trim(strings.Join(parts[1:], ", "), ", ")
	o := &people.Organization{Type: apiType("org", vcardLabel(card, f))}
	if len(b.p.Organizations) == 1 && b.p.Organizations[0].Name == "" && b.p.Organizations[0].Department == "" {
		o = b.p.Organizations[0] // made by a TITLE or ROLE seen first
	} else {
		b.from("organizations", len(b.p.Organizations), from)
		b.p.Organizations = append(b.p.Organizations, o)
	}
	o.Name, o.Department = strings.TrimSpace(name), units
}

func vcardURL(b *builder, card vcard.Card, f *vcard.Field, from string) {
	b.from("urls", len(b.p.URLs), from)
	b.p.URLs = append(b.p.URLs, &people.URL{Type: apiType("url", vcardLabel(card, f)), Value: f.Value})
}

// impps maps URI schemes of IMPP to People API protocols; sip is a SIP address instead.
var impps = map[string]string{
	"xmpp": "jabber", "aim": "aim", "skype": "skype", "ymsgr": "yahoo", "msnim": "msn",
	"icq": "icq", "qq": "qq", "gtalk": "googleTalk",
}

func vcardIMPP(b *builder, card vcard.Card, f *vcard.Field, from string) {
	scheme, user, ok := strings.Cut(f.Value, ":")
	if !ok {
		scheme, user = "", f.Value
	}
	scheme = strings.ToLower(scheme)
	if scheme == "sip" || scheme == "sips" {
		b.from("sipAddresses", len(b.p.SipAddresses), from)
		b.p.SipAddresses = append(b.p.SipAddresses, &people.SIPAddress{Type: apiType("address", vcardLabel(card, f)), Value: f.Value})
		return
	}
	protocol := impps[scheme]
	if protocol == "" {
		protocol = scheme
	}
	if x := f.Params.Get("X-SERVICE-TYPE"); x != "" {
		protocol = apiType("protocol", x)
	}
	b.from("imClients", len(b.p.IMClients), from)
	b.p.IMClients = append(b.p.IMClients, &people.IMClient{Type: apiType("im", vcardLabel(card, f)), Protocol: protocol, Username: user})
}

// vcardIM maps the X-<service> instant messaging properties of vCard 3.0.
func vcardIM(protocol string) propFunc {
	return func(b *builder, card vcard.Card, f *vcard.Field, from string) {
		b.from("imClients", len(b.p.IMClients), from)
		b.p.IMClients = append(b.p.IMClients, &people.IMClient{Type: apiType("im", vcardLabel(card, f)), Protocol: protocol, Username: f.Value})
	}
}

// relatedTypes maps RELATED types (RFC 6350) to People API relation types.
var relatedTypes = map[string]string{
	"spouse": "spouse", "child": "child", "parent": "parent", "friend": "friend", "kin": "relative",
	"agent": "assistant", "sweetheart": "partner", "co-worker": "co-worker", "colleague": "colleague",
}

func vcardRelated(b *builder, card vcard.Card, f *vcard.Field, from string) {
	label := vcardLabel(card, f)
	typ := apiType("relation", label)
	if t, ok := relatedTypes[strings.ToLower(label)]; ok {
		typ = t
	}
	b.from("relations", len(b.p.Relations), from)
	b.p.Relations = append(b.p.Relations, &people.Relation{Type: typ, Person: f.Value})
}

func vcardGender(b *builder, _ vcard.Card, f *vcard.Field, from string) {
	parts := append(components(f.Value, ';'), "")
	sex, identity := strings.ToUpper(strings.TrimSpace(parts[0])), strings.TrimSpace(parts[1])
	v := map[string]string{"M": "male", "F": "female", "U": "unspecified", "O": "other", "N": "none"}[sex]
	if identity != "" && (sex == "" || sex == "O" || sex == "N") {
		v = identity
	}
	if v != "" {
		b.gender(v, from)
	}
}

// vcardCalendar maps CALURI and FBURL.
func vcardCalendar(typ string) propFunc {
	return func(b *builder, card vcard.Card, f *vcard.Field, from string) {
		t := typ
		if t == "" {
			t = apiType("calendar", vcardLabel(card, f))
		}
		b.from("calendarUrls", len(b.p.CalendarURLs), from)
		b.p.CalendarURLs = append(b.p.CalendarURLs, &people.CalendarURL{Type: t, URL: f.Value})
	}
}

// mapCard maps one card, property by property in alphabetical order; the fields of one
// property keep the card's order. Of the fields of one property that share an ALTID (RFC 6350
// section 5.4), alternative forms of one value, one is imported and the others are noted.
func mapCard(card vcard.Card, ns *notes) *builder {
	b := newBuilder(ns)
	props := make([]string, 0, len(card))
	for k := range card {
		props = append(props, k)
	}
	sort.Strings(props)
	for _, k := range props {
		fn, ok := vcardProps[k]
		for _, f := range oneOfEachALTID(card[k]) {
			switch {
			case silentProps[k]:
			case k == "X-GENDER" && len(card[vcard.FieldGender]) > 0:
				b.skip(k, "GENDER says the same, and is imported", "")
			case ok && strings.TrimSpace(f.Value) == "":
				if k == vcard.FieldEmail || k == vcard.FieldTelephone || k == vcard.FieldURL {
					b.skip(k, "an entry without a value is left out", "")
				}
			case ok:
				fn(b, card, f, k)
			case skippedProps[k] != "":
				b.skip(k, skippedProps[k], "")
			case k == vcard.FieldKind && strings.EqualFold(f.Value, "individual"):
			default:
				b.skip(k, "no People API field matches this property", "")
			}
		}
		if alts := len(card[k]) - len(oneOfEachALTID(card[k])); alts > 0 {
			b.skip(k+" (ALTID)", "an alternative form of a value that is imported: one of each ALTID is kept", "")
		}
	}
	return b
}

// oneOfEachALTID returns fields without those that are alternatives of one kept: of the
// fields that share an ALTID, the first whose VALUE is not text (a date rather than "circa
// 1800"), else the first.
func oneOfEachALTID(fields []*vcard.Field) []*vcard.Field {
	kept := map[string]int{} // ALTID → index in out
	out := make([]*vcard.Field, 0, len(fields))
	for _, f := range fields {
		id := f.Params.Get(vcard.ParamAltID)
		if id == "" {
			out = append(out, f)
			continue
		}
		i, seen := kept[id]
		switch {
		case !seen:
			kept[id] = len(out)
			out = append(out, f)
		case strings.EqualFold(out[i].Params.Get(vcard.ParamValue), "text") && !strings.EqualFold(f.Params.Get(vcard.ParamValue), "text"):
			out[i] = f
		}
	}
	return out
}
