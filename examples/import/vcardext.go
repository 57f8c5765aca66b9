// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file maps the properties that Apple's and Android's exports add to vCard.

// vcardDate maps Apple's X-ABDATE, a date whose kind its group's X-ABLabel names
// ("_$!<Anniversary>!$_" or a custom label).
func vcardDate(b *builder, card vcard.Card, f *vcard.Field, from string) {
	b.event(apiType("event", vcardLabel(card, f)), f.Value, from)
}

// androidRelations are the relation types of Android's ContactsContract.CommonDataKinds.Relation.
var androidRelations = map[string]string{
	"1": "assistant", "2": "brother", "3": "child", "4": "domesticPartner", "5": "father", "6": "friend",
	"7": "manager", "8": "mother", "9": "parent", "10": "partner", "11": "referredBy", "12": "relative",
	"13": "sister", "14": "spouse",
}

// androidEvents are the event types of Android's ContactsContract.CommonDataKinds.Event.
var androidEvents = map[string]string{"1": "anniversary", "2": "other", "3": "birthday"}

// androidCustom maps X-ANDROID-CUSTOM, which Android's Contacts app writes for the data that
// vCard has no property for: "vnd.android.cursor.item/KIND;data1;data2;data3;...", where
// data2 is a type code and data3 the label of a custom type (code 0).
func androidCustom(b *builder, _ vcard.Card, f *vcard.Field, from string) {
	c := append(components(f.Value, ';'), "", "", "", "")
	kind, value, code, label := strings.TrimPrefix(c[0], "vnd.android.cursor.item/"), strings.TrimSpace(c[1]), c[2], c[3]
	what := from + " " + kind
	if value == "" {
		b.skip(what, "an entry without a value is left out", "")
		return
	}
	switch kind {
	case "nickname":
		b.nickname("DEFAULT", value, what)
	case "relation":
		typ := androidRelations[code]
		if typ == "" {
			typ = apiType("relation", label)
		}
		b.from("relations", len(b.p.Relations), what)
		b.p.Relations = append(b.p.Relations, &people.Relation{Type: typ, Person: value})
	case "contact_event":
		switch typ := androidEvents[code]; typ {
		case "birthday":
			b.birthday(value, what)
		case "":
			b.event(apiType("event", label), value, what)
		default:
			b.event(typ, value, what)
		}
	default:
		b.skip(what, "no People API field matches this kind of Android data", "")
	}
}
