// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file checks one contactPerson against the contract's rules for creation. It is written
// from the People API reference and its discovery document, not from package people's
// validation, so that each catches the other's drift.

// violation is one broken rule in a contact. Paths are relative to the person, in proto field
// names (snake_case) with list indices: "birthdays[0].date.month".
type violation struct {
	subject string // what the message names: "birthdays[0].date"
	field   string // what the field violation names: "birthdays[0].date.month"
	desc    string // a sentence: "Month must be between 1 and 12."
}

// outputOnly lists, for each type reachable from Person, the JSON names of its properties that
// the discovery document marks readOnly ("Output only"). resourceName and etag are checked on
// their own.
var outputOnly = map[reflect.Type][]string{
	reflect.TypeFor[people.Person](): {"ageRange", "ageRanges", "coverPhotos", "metadata", "photos",
		"relationshipInterests", "relationshipStatuses", "taglines"},
	reflect.TypeFor[people.Address]():                {"formattedType"},
	reflect.TypeFor[people.FieldMetadata]():          {"primary", "verified"},
	reflect.TypeFor[people.Source]():                 {"profileMetadata", "updateTime"},
	reflect.TypeFor[people.ProfileMetadata]():        {"objectType", "userTypes"},
	reflect.TypeFor[people.CalendarURL]():            {"formattedType"},
	reflect.TypeFor[people.EmailAddress]():           {"formattedType"},
	reflect.TypeFor[people.Event]():                  {"formattedType"},
	reflect.TypeFor[people.ExternalID]():             {"formattedType"},
	reflect.TypeFor[people.Gender]():                 {"formattedValue"},
	reflect.TypeFor[people.IMClient]():               {"formattedProtocol", "formattedType"},
	reflect.TypeFor[people.Membership]():             {"domainMembership"},
	reflect.TypeFor[people.ContactGroupMembership](): {"contactGroupId"},
	reflect.TypeFor[people.PersonMetadata]():         {"deleted", "linkedPeopleResourceNames", "objectType", "previousResourceNames"},
	reflect.TypeFor[people.MiscKeyword]():            {"formattedType"},
	reflect.TypeFor[people.Name]():                   {"displayName", "displayNameLastFirst"},
	reflect.TypeFor[people.Organization]():           {"formattedType"},
	reflect.TypeFor[people.PhoneNumber]():            {"canonicalForm", "formattedType"},
	reflect.TypeFor[people.Relation]():               {"formattedType"},
	reflect.TypeFor[people.RelationshipInterest]():   {"formattedValue"},
	reflect.TypeFor[people.RelationshipStatus]():     {"formattedValue"},
	reflect.TypeFor[people.SIPAddress]():             {"formattedType"},
	reflect.TypeFor[people.URL]():                    {"formattedType"},
}

// singletons are the lists a contact holds at most one entry of, with the noun for messages.
var singletons = map[string]string{"names": "name", "biographies": "biography", "birthdays": "birthday", "genders": "gender"}

var dateType = reflect.TypeFor[people.Date]()

// validatePerson returns the rules p breaks, in field order.
func validatePerson(p *people.Person) []violation {
	var out []violation
	if p.ResourceName != "" {
		out = append(out, violation{"resource_name", "resource_name", "Resource name is assigned by the server and must not be set."})
	}
	if p.Etag != "" {
		out = append(out, violation{"etag", "etag", "Etag is assigned by the server and must not be set."})
	}
	walk(reflect.ValueOf(p).Elem(), "", &out)
	return out
}

// walk checks the struct v found at path, and everything under it.
func walk(v reflect.Value, path string, out *[]violation) {
	t := v.Type()
	ro := outputOnly[t]
	for i := range t.NumField() {
		f := v.Field(i)
		if f.IsZero() {
			continue // no rule applies to an absent field: skip the cost of naming it
		}
		name := jsonName(t.Field(i))
		if name == "" || (t == reflect.TypeFor[people.Person]() && (name == "resourceName" || name == "etag")) {
			continue
		}
		p := joinPath(path, snake(name))
		if slices.Contains(ro, name) {
			if !f.IsZero() {
				*out = append(*out, violation{p, p, "Output-only field must not be set."})
			}
			continue
		}
		switch f.Kind() {
		case reflect.Pointer:
			if f.IsNil() {
				break
			}
			if f.Elem().Type() == dateType {
				checkDate(f.Interface().(*people.Date), p, out)
			} else if f.Elem().Kind() == reflect.Struct {
				walk(f.Elem(), p, out)
			}
		case reflect.Slice:
			if noun, ok := singletons[name]; ok && path == "" && f.Len() > 1 {
				*out = append(*out, violation{p, p, fmt.Sprintf("Only one %s is allowed for a contact.", noun)})
			}
			if f.Type().Elem().Kind() != reflect.Pointer {
				break
			}
			for j := range f.Len() {
				e, ep := f.Index(j), fmt.Sprintf("%s[%d]", p, j)
				if e.IsNil() {
					*out = append(*out, violation{ep, ep, "Element must not be null."})
					continue
				}
				walk(e.Elem(), ep, out)
			}
		}
	}
	checkValues(v, path, out)
}

// checkValues applies the rules on required values and keys.
func checkValues(v reflect.Value, path string, out *[]violation) {
	var field, desc string
	switch x := v.Addr().Interface().(type) {
	case *people.EmailAddress:
		field, desc = "value", "An email address must have a value."
		if x.Value != "" {
			return
		}
	case *people.PhoneNumber:
		field, desc = "value", "A phone number must have a value."
		if x.Value != "" {
			return
		}
	case *people.UserDefined:
		field, desc = "key", "A user-defined field must have a key."
		if x.Key != "" {
			return
		}
	case *people.ClientData:
		field, desc = "key", "Client data must have a key."
		if x.Key != "" {
			return
		}
	default:
		return
	}
	*out = append(*out, violation{path, joinPath(path, field), desc})
}

// checkDate applies google.type.Date's rules: year 0–9999 (0: no year), month 0–12 (0: no
// month), day 0–31 and valid for the month, a day only with a month, February 29 only in a
// leap year or without a year.
func checkDate(d *people.Date, path string, out *[]violation) {
	bad := func(field, desc string) {
		*out = append(*out, violation{path, joinPath(path, field), desc})
	}
	switch {
	case d.Year < 0 || d.Year > 9999:
		bad("year", "Year must be between 0 and 9999.")
	case d.Month < 0 || d.Month > 12:
		bad("month", "Month must be between 1 and 12.")
	case d.Day < 0 || d.Day > 31:
		bad("day", "Day must be between 1 and 31.")
	case d.Day > 0 && d.Month == 0:
		bad("month", "A date with a day must have a month.")
	case d.Day > 0 && d.Day > daysIn(d.Month, d.Year):
		if d.Month == 2 && d.Day == 29 {
			bad("day", fmt.Sprintf("Day 29 of February does not exist in %d.", d.Year))
		} else {
			bad("day", fmt.Sprintf("Day %d does not exist in %s.", d.Day, time.Month(d.Month)))
		}
	}
}

// daysIn is the number of days of month in year; year 0 (no year) allows February 29.
func daysIn(month, year int) int {
	if year == 0 {
		year = 2000
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// contactStatus is the google.rpc.Status of a contact at request index i.
func contactStatus(i int, vs []violation) rpcStatus {
	prefix := fmt.Sprintf("contacts[%d].contact_person", i)
	fv := make([]fieldViolation, len(vs))
	for k, v := range vs {
		fv[k] = fieldViolation{Field: joinPath(prefix, v.field), Description: v.desc}
	}
	subject := prefix
	if vs[0].subject != "" {
		subject = "person." + vs[0].subject
	}
	return rpcStatus{
		Code:    3,
		Message: fmt.Sprintf("Invalid %s: %s", subject, lowerFirst(vs[0].desc)),
		Details: []any{newBadRequest(fv...)},
	}
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// snake turns a JSON name into the proto field name: "emailAddresses" → "email_addresses".
func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func joinPath(path, name string) string {
	if path == "" || name == "" {
		return path + name
	}
	return path + "." + name
}
