// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"strconv"
	"strings"
)

// MaxContactsPerRequest is the most contacts one batchCreateContacts request may hold.
const MaxContactsPerRequest = 200

// fieldPath is the path of the field being checked, kept as a stack so that no string is
// built unless a problem is reported.
type fieldPath struct {
	index    int
	parts    [maxPathDepth]pathPart // parts[:depth] is the path: an array, so that pushing allocates nothing
	depth    int
	problems []*ValidationError
	reason   string
}

// maxPathDepth bounds the depth of the paths that validation walks; the deepest field of a
// Person it reaches is five levels down.
const maxPathDepth = 8

type pathPart struct {
	name string
	i    int // -1 for a field that is not a list
}

func (p *fieldPath) push(name string, i int) { p.parts[p.depth] = pathPart{name, i}; p.depth++ }
func (p *fieldPath) pop()                    { p.depth-- }

// report records a problem at the current path plus name; it uses p.reason, or says that
// the field is output only.
func (p *fieldPath) report(name string, i int) {
	p.push(name, i)
	var b strings.Builder
	for k, part := range p.parts[:p.depth] {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(part.name)
		if part.i >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(part.i))
			b.WriteByte(']')
		}
	}
	p.pop()
	reason := p.reason
	if reason == "" {
		reason = "is output only: the server sets it, so a contact to create must leave it empty"
	}
	p.problems = append(p.problems, &ValidationError{Index: p.index, Field: b.String(), Reason: reason})
}

// fail reports a problem with a reason of its own.
func (p *fieldPath) fail(name string, i int, reason string) {
	p.reason = reason
	p.report(name, i)
	p.reason = ""
}

// Validate checks contacts against the rules that [Client.BatchCreateContacts] applies before
// it sends anything, and returns an [*InputError] that names each contact index and field at
// fault, or nil. It sends nothing.
func Validate(contacts []*Person) error {
	var all []*ValidationError
	for i, p := range contacts {
		all = append(all, validateContact(i, p)...)
	}
	if all != nil {
		return &InputError{Problems: all}
	}
	return nil
}

// validateContact checks one contact against the rules the People API documents for
// creation, and returns its problems, nil when there are none.
func validateContact(index int, c *Person) []*ValidationError {
	p := fieldPath{index: index}
	if c == nil {
		p.fail("contactPerson", -1, "is missing")
		return p.problems
	}
	if c.ResourceName != "" {
		p.fail("resourceName", -1, "is assigned by the server and must be empty")
	}
	if c.Etag != "" {
		p.fail("etag", -1, "is assigned by the server and must be empty")
	}
	walkOutputOnlyPerson(c, &p)
	checkUTF8(c, &p)
	singleton(&p, "names", len(c.Names))
	singleton(&p, "biographies", len(c.Biographies))
	singleton(&p, "birthdays", len(c.Birthdays))
	singleton(&p, "genders", len(c.Genders))
	for i, b := range c.Birthdays {
		if b != nil && b.Date != nil {
			checkDate(&p, "birthdays", i, b.Date)
		}
	}
	for i, e := range c.Events {
		if e != nil && e.Date != nil {
			checkDate(&p, "events", i, e.Date)
		}
	}
	requireText(&p, "emailAddresses", "value", c.EmailAddresses, func(e *EmailAddress) string { return e.Value })
	requireText(&p, "phoneNumbers", "value", c.PhoneNumbers, func(e *PhoneNumber) string { return e.Value })
	requireText(&p, "userDefined", "key", c.UserDefined, func(e *UserDefined) string { return e.Key })
	requireText(&p, "clientData", "key", c.ClientData, func(e *ClientData) string { return e.Key })
	return p.problems
}

// requireText reports each entry of list whose field, read by text, is blank.
func requireText[T any](p *fieldPath, list, field string, entries []*T, text func(*T) string) {
	for i, e := range entries {
		if e != nil && strings.TrimSpace(text(e)) == "" {
			p.push(list, i)
			p.fail(field, -1, "must not be empty")
			p.pop()
		}
	}
}

func singleton(p *fieldPath, name string, n int) {
	if n > 1 {
		p.fail(name, -1, "a contact holds at most one, this one has "+strconv.Itoa(n))
	}
}

// checkDate applies the rules of google.type.Date as the People API documents them.
func checkDate(p *fieldPath, list string, i int, d *Date) {
	p.push(list, i)
	p.push("date", -1)
	defer func() { p.pop(); p.pop() }()
	switch {
	case d.Year < 0 || d.Year > 9999:
		p.fail("year", -1, "must be from 1 to 9999, or 0 for a date without a year")
	case d.Month < 0 || d.Month > 12:
		p.fail("month", -1, "must be from 1 to 12, or 0 for a year alone")
	case d.Day < 0 || d.Day > 31:
		p.fail("day", -1, "must be from 1 to 31, or 0")
	case d.Day > 0 && d.Month == 0:
		p.fail("month", -1, "must be set when the day is")
	case d.Day > daysIn(d.Month, d.Year):
		p.fail("day", -1, "is past the last day of the month")
	}
}

// daysIn returns the days of a month; a year of 0 (unknown) allows February 29.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year == 0 || (year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validateSources checks the read sources.
func validateSources(sources []ReadSourceType) []*ValidationError {
	var problems []*ValidationError
	for i, s := range sources {
		if !s.valid() {
			problems = append(problems, &ValidationError{
				Index: -1, Field: "sources[" + strconv.Itoa(i) + "]",
				Reason: "unknown read source type " + strconv.Quote(string(s)),
			})
		}
	}
	return problems
}
