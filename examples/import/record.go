// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file holds the record of one input contact and its key.

// record is one input contact, a CSV row or a vCard, and the contact it maps to.
type record struct {
	// Num is the record's number in its file, from 1: a data row of a CSV file (the header
	// not counted), a card of a vCard file.
	Num int
	// Line is the line of the file where the record starts.
	Line int
	// Key identifies the record across runs and files; see keyOf.
	Key string
	// Person is the contact to create; nil when Err is set.
	Person *people.Person
	// Err says why the record could not be turned into a contact.
	Err error

	// name is the contact's name or first e-mail address, for messages.
	name string
	// origins names the column or property that each entry of Person came from, by path:
	// "emailAddresses[1]" → "E-mail 2 - Value".
	origins map[string]string
	// fields are the cells of a CSV row; raw is the text of a vCard.
	fields []string
	raw    string
	// vcard is set for a record of a vCard file.
	vcard bool
	// photo holds the bytes of a card's embedded photo, set with people.updateContactPhoto
	// once the contact exists (see importer.setPhotos).
	photo []byte
	// photoURL is where the contact's photo can be downloaded, when it is not embedded.
	photoURL string
	// labels are the names of the contact's groups of the user's own (not myContacts or
	// starred), which become memberships once the groups exist.
	labels []string
	// labelFrom and photoFrom name the column or property of the labels and of the photo.
	labelFrom, photoFrom string
}

// hasPhoto reports whether the record's contact has a photo to set.
func (r *record) hasPhoto() bool { return r.photo != nil || r.photoURL != "" }

// where names the record for a person reading messages.
func (r *record) where() string {
	if r.vcard {
		return fmt.Sprintf("card %d (line %d)", r.Num, r.Line)
	}
	return fmt.Sprintf("row %d (line %d)", r.Num, r.Line)
}

// who returns the contact's name, or its first e-mail address, or "".
func (r *record) who() string { return r.name }

// displayName returns the contact's name, or its first e-mail address, or "".
func displayName(p *people.Person) string {
	if len(p.Names) > 0 && p.Names[0] != nil {
		n := p.Names[0]
		if s := strings.TrimSpace(n.GivenName + " " + n.FamilyName); s != "" {
			return s
		}
		if n.UnstructuredName != "" {
			return n.UnstructuredName
		}
	}
	if len(p.EmailAddresses) > 0 && p.EmailAddresses[0] != nil {
		return p.EmailAddresses[0].Value
	}
	return ""
}

// origin returns the column or property that the Person field at path (such as
// "birthdays[0].date.day") came from, or "".
func (r *record) origin(field string) string {
	if o, ok := r.origins[field+"[0]"]; ok && !strings.ContainsAny(field, ".[") {
		return o // a whole list, such as "birthdays": where its first entry came from
	}
	for p := field; p != ""; {
		if o, ok := r.origins[p]; ok {
			return o
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return ""
}

// keyOf returns the key of a record (see people.WithKeys): a digest of the record's
// normalised content (see csvContent and vcardContent), of how many records of identical
// content came before it in the file, and of the run's generation. It does not depend on
// the file's name or place, so a renamed or moved copy of the file has the same keys. The
// same record gets the same key in every run, which is what makes a run resumable and lets
// people.SkipExisting recognise its contact; editing the record makes it a new contact.
// The generation, which -fresh draws anew, is "" until then.
func keyOf(content string, occurrence int, generation string) string {
	h := sha256.New()
	fmt.Fprintf(h, "peoplebatch-import/2\x00%d\x00%s", occurrence, content)
	if generation != "" {
		fmt.Fprintf(h, "\x00generation %s", generation)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// newRecord returns the record number num of its file, starting at line, whose normalised
// content is content, with its key of generation gen.
func newRecord(num, line int, content string, occ occurrences, gen string) *record {
	r := &record{Num: num, Line: line}
	r.Key = keyOf(content, occ.next(content), gen)
	return r
}

// occurrences counts how many times each content was seen, for keyOf. It holds a hash of
// each content, not the content.
type occurrences map[[sha256.Size]byte]int

func (o occurrences) next(content string) int {
	k := sha256.Sum256([]byte(content))
	n := o[k]
	o[k] = n + 1
	return n
}

// take gives r what b built from its row or card: the person, or why there is none, with the
// origins and name that the report and the progress show.
func (r *record) take(b *builder) {
	r.origins, r.name = b.origins, displayName(&b.p)
	r.labels, r.labelFrom, r.photoURL, r.photoFrom = b.labels, b.labelFrom, b.photoURL, b.photoFrom
	if b.err != nil {
		r.Err = b.err
	} else {
		r.Person = &b.p
	}
}

// marker returns the marker that the SDK gives the record's contact (people.KeyMarker).
func (r *record) marker() string { return people.KeyMarker(r.Key) }
