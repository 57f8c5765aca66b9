// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// This file reads an input file, CSV or vCard, and says what of it is not imported.

// input is an input file, read once to check it and to count and note what it holds. Its
// records are read again, one at a time, by records: memory holds the file's text and the
// record in hand, not every contact of the file.
type input struct {
	// Name is the file's base name.
	Name string
	// Format is "csv" or "vcard".
	Format string
	// Unit names its records: "row" or "card".
	Unit string
	// Records counts the records that carry data.
	Records int
	// Empty counts the records that carry no data at all: they are left out.
	Empty int
	// Notes says what was not imported, and why.
	Notes *notes
	// Notice, when set, says that the file's encoding was guessed, and as what.
	Notice string
	// Dialect names the kind of export a CSV file is, such as "Outlook CSV".
	Dialect string
	// Labels notes the records with labels of the user's own groups, and Photos those with a
	// photo: imported unless -no-labels or -no-photos says otherwise (see importer.printNotes).
	Labels, Photos *note
	// header is a CSV file's header row.
	header []string
	// scan reads the records that carry data, in file order, each with its key of
	// generation gen, noting in ns what is not imported, and returns how many records carry
	// no data. It stops, returning 0 and nil, when yield returns false.
	scan func(gen string, ns *notes, yield func(*record) bool) (empty int, err error)
	// generation is the run's generation, which the keys of records have (see keyOf).
	generation string
}

// records reads the input's records that carry data again, in file order. The first
// reading, by readInput, found the file well formed, so this one cannot fail.
func (in *input) records() iter.Seq[*record] {
	return func(yield func(*record) bool) {
		_, _ = in.scan(in.generation, newNotes(), yield)
	}
}

// notes collects what an input holds that is not imported: columns, properties, values.
type notes struct {
	byKey map[string]*note
}

// note is one thing not imported.
type note struct {
	// What is the column or property, such as "Photo".
	What string
	// Why says why it is not imported.
	Why string
	// Count is how many records had a value there.
	Count int
	// Values counts the distinct values skipped, when they are worth naming (labels).
	Values map[string]int
}

func newNotes() *notes { return &notes{byKey: map[string]*note{}} }

// add records that a record has a value in what, which is not imported for reason why;
// first says that it is the record's first value there. value, when not empty, is named in
// the summary.
func (ns *notes) add(what, why, value string, first bool) {
	n := ns.byKey[what]
	if n == nil {
		n = &note{What: what, Why: why}
		ns.byKey[what] = n
	}
	if first {
		n.Count++
	}
	if value != "" {
		if n.Values == nil {
			n.Values = map[string]int{}
		}
		n.Values[value]++
	}
}

// list returns the notes sorted by what they are about.
func (ns *notes) list() []*note {
	out := make([]*note, 0, len(ns.byKey))
	for _, n := range ns.byKey {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].What < out[j].What })
	return out
}

// describe says what the note is about on one line; unit names the records, such as "row".
func (n *note) describe(unit string) string {
	s := fmt.Sprintf("%s (%d %s): %s", n.What, n.Count, plural(n.Count, unit, unit+"s"), n.Why)
	if len(n.Values) > 0 {
		vals := make([]string, 0, len(n.Values))
		for v := range n.Values {
			vals = append(vals, v)
		}
		sort.Strings(vals)
		if len(vals) > 8 {
			vals = append(vals[:8], "…")
		}
		s += " [" + strings.Join(vals, ", ") + "]"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// readInput reads the input file, as CSV or vCard by format or, when it is empty, by the
// file's extension or content, in the encoding given (the -encoding flag; "" to detect it).
// It reads every record once, to check the file, count its records and note what is not
// imported.
func readInput(path, format, encoding string) (*input, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if format == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".csv":
			format = "csv"
		case ".vcf", ".vcard":
			format = "vcard"
		default:
			head := bytes.ReplaceAll(data[:min(len(data), 1024)], []byte{0}, nil)
			format = "csv"
			if bytes.Contains(bytes.ToUpper(head), []byte("BEGIN:VCARD")) {
				format = "vcard"
			}
		}
	}
	return readData(filepath.Base(path), format, data, encoding)
}

// readData reads data, the bytes of the file name, as readInput does once it knows the format.
func readData(name, format string, data []byte, encoding string) (*input, error) {
	var in *input
	var err error
	switch format {
	case "csv":
		in, err = newCSVInput(name, data, encoding)
	case "vcard", "vcf":
		in, err = newVCardInput(name, data, encoding)
	default:
		return nil, fmt.Errorf("unknown format %q: use csv or vcard", format)
	}
	if err != nil {
		return nil, err
	}
	return in.survey()
}

// survey reads every record of in once: it checks that the file is well formed, counts its
// records and notes what is not imported.
func (in *input) survey() (*input, error) {
	in.Notes = newNotes()
	in.Labels, in.Photos = &note{}, &note{}
	var err error
	in.Empty, err = in.scan("", in.Notes, func(r *record) bool {
		in.Records++
		if len(r.labels) > 0 {
			in.Labels.What = r.labelFrom
			in.Labels.Count++
			if in.Labels.Values == nil {
				in.Labels.Values = map[string]int{}
			}
			for _, l := range r.labels {
				in.Labels.Values[l]++
			}
		}
		if r.hasPhoto() {
			in.Photos.What = r.photoFrom
			if r.photo != nil && in.Format == "vcard" {
				in.Photos.What = "PHOTO"
			}
			in.Photos.Count++
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// printNotes says what the input holds that is not imported.
func (im *importer) printNotes(in *input) {
	dialect := ""
	if in.Dialect != "" {
		dialect = " (" + in.Dialect + ")"
	}
	fmt.Fprintf(im.out, "Read %d %ss from %s%s.\n", in.Records, in.Unit, im.opts.In, dialect)
	if im.opts.NoLabels && in.Labels.Count > 0 {
		in.Labels.Why = "labels are not made contact groups (-no-labels); myContacts and starred are imported"
		in.Notes.byKey[in.Labels.What] = in.Labels
	}
	if im.opts.NoPhotos && in.Photos.Count > 0 {
		in.Photos.Why = "photos are not set (-no-photos)"
		in.Photos.Values = nil
		in.Notes.byKey[in.Photos.What] = in.Photos
	}
	ns := in.Notes.list()
	if len(ns) == 0 {
		return
	}
	what := "Columns"
	if in.Format == "vcard" {
		what = "Properties"
	}
	fmt.Fprintf(im.out, "%s not imported:\n", what)
	for _, n := range ns {
		fmt.Fprintf(im.out, "  %s\n", n.describe(in.Unit))
	}
}
