// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"reflect"
	"strings"
	"unicode"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file fills in what the server adds to a contact it creates: identity, metadata, field
// metadata and the cheap output-only formatted fields.

const myContactsGroup = "contactGroups/myContacts"

var fieldMetadataType = reflect.TypeFor[*people.FieldMetadata]()

// decorate turns a validated submitted person into the stored contact.
func decorate(p *people.Person, id identity) {
	p.ResourceName = id.resourceName()
	p.Etag = id.etagText()
	sourceID := id.sourceID()
	p.Metadata = &people.PersonMetadata{Sources: []*people.Source{{
		Type: people.SourceTypeContact, ID: sourceID, Etag: id.sourceEtagText(), UpdateTime: id.updateTime(),
	}}}
	//lint:ignore SA1019 the real service still sends the deprecated objectType on every person.
	p.Metadata.ObjectType = "PERSON"
	addMembership(p, myContactsGroup)

	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		list := v.Field(i)
		if list.Kind() != reflect.Slice {
			continue
		}
		for j := range list.Len() {
			e := list.Index(j)
			if e.Kind() != reflect.Pointer || e.IsNil() || e.Elem().Kind() != reflect.Struct {
				continue
			}
			el := e.Elem()
			if m := el.FieldByName("Metadata"); m.IsValid() && m.Type() == fieldMetadataType {
				m.Set(reflect.ValueOf(&people.FieldMetadata{
					Primary: j == 0,
					Source:  &people.Source{Type: people.SourceTypeContact, ID: sourceID},
				}))
			}
			format(el)
		}
	}
}

// addMembership adds p to the contact group named group unless it is there already: the real
// service puts every contact it creates into myContacts.
func addMembership(p *people.Person, group string) {
	for _, m := range p.Memberships {
		if m != nil && m.ContactGroupMembership != nil && m.ContactGroupMembership.ContactGroupResourceName == group {
			return
		}
	}
	p.Memberships = append(p.Memberships, &people.Membership{
		ContactGroupMembership: &people.ContactGroupMembership{ContactGroupResourceName: group},
	})
}

// format fills the output-only formatted fields of one list element.
func format(el reflect.Value) {
	if t, ft := el.FieldByName("Type"), el.FieldByName("FormattedType"); t.IsValid() && ft.IsValid() &&
		t.Kind() == reflect.String && ft.Kind() == reflect.String && t.String() != "" {
		ft.SetString(formatType(t.String()))
	}
	switch x := el.Addr().Interface().(type) {
	case *people.Name:
		formatName(x)
	case *people.Gender:
		x.FormattedValue = formatType(x.Value)
	case *people.IMClient:
		x.FormattedProtocol = formatType(x.Protocol)
	case *people.PhoneNumber:
		x.CanonicalForm = canonicalPhone(x.Value)
	case *people.Address:
		if x.FormattedValue == "" {
			x.FormattedValue = joinNonEmpty("\n", x.StreetAddress, x.ExtendedAddress, x.PoBox,
				joinNonEmpty(" ", joinNonEmpty(", ", x.City, x.Region), x.PostalCode), x.Country)
		}
	case *people.Membership:
		if g := x.ContactGroupMembership; g != nil {
			//lint:ignore SA1019 the real service still fills the deprecated contactGroupId.
			g.ContactGroupID = strings.TrimPrefix(g.ContactGroupResourceName, "contactGroups/")
		}
	}
}

func formatName(n *people.Name) {
	n.DisplayName = joinNonEmpty(" ", n.HonorificPrefix, n.GivenName, n.MiddleName, n.FamilyName, n.HonorificSuffix)
	if n.DisplayName == "" {
		n.DisplayName = n.UnstructuredName
	}
	n.DisplayNameLastFirst = n.DisplayName
	if n.FamilyName != "" {
		n.DisplayNameLastFirst = joinNonEmpty(", ", n.FamilyName,
			joinNonEmpty(" ", n.HonorificPrefix, n.GivenName, n.MiddleName), n.HonorificSuffix)
	}
	if n.UnstructuredName == "" {
		n.UnstructuredName = n.DisplayName
	}
}

// formatType renders a type the way formattedType does: "work" → "Work", "homeFax" →
// "Home Fax", "OUTLOOK_KEYWORD" → "Outlook keyword".
func formatType(t string) string {
	if t == "" {
		return ""
	}
	if strings.ToUpper(t) == t {
		t = strings.ReplaceAll(strings.ToLower(t), "_", " ")
	} else {
		var b strings.Builder
		for i, r := range t {
			if i > 0 && unicode.IsUpper(r) {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
		t = b.String()
	}
	r := []rune(t)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// canonicalPhone is the E.164 form of an international number written with separators, or ""
// for anything else (the real service also resolves national numbers by the user's region).
func canonicalPhone(v string) string {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r == '+':
			return r
		case r == ' ', r == '-', r == '.', r == '(', r == ')':
			return -1
		}
		return 'x'
	}, v)
	if !strings.HasPrefix(digits, "+") || strings.ContainsAny(digits[1:], "+x") || len(digits) < 8 || len(digits) > 16 {
		return ""
	}
	return digits
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
