// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// This file reads an input file, CSV or vCard, and says what of it is not imported.

// input is a parsed input file.
type input struct {
	// Name is the file's base name; it is part of every marker.
	Name string
	// Format is "csv" or "vcard".
	Format string
	// Unit names its records: "row" or "card".
	Unit string
	// Records holds the records that carry data, in file order.
	Records []*record
	// Empty counts the records that carry no data at all: they are left out.
	Empty int
	// Notes says what was not imported, and why.
	Notes *notes
	// header is a CSV file's header row.
	header []string
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
// file's extension or content.
func readInput(path, format string) (*input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if format == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".csv":
			format = "csv"
		case ".vcf", ".vcard":
			format = "vcard"
		default:
			head := make([]byte, 512)
			n, _ := io.ReadFull(f, head)
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			format = "csv"
			if strings.Contains(strings.ToUpper(string(head[:n])), "BEGIN:VCARD") {
				format = "vcard"
			}
		}
	}
	switch format {
	case "csv":
		return readCSV(filepath.Base(path), f)
	case "vcard", "vcf":
		return readVCard(filepath.Base(path), f)
	}
	return nil, fmt.Errorf("unknown format %q: use csv or vcard", format)
}

// printNotes says what the input holds that is not imported.
func (im *importer) printNotes(in *input) {
	fmt.Fprintf(im.out, "Read %d %ss from %s.\n", len(in.Records), in.Unit, im.opts.In)
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
