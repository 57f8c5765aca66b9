// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// This file reads a CSV file into records and writes the report of failed rows.

// newCSVInput returns the input of a CSV export, of one of the dialects planCSV knows, whose
// bytes are data, in the encoding given ("" to detect it).
func newCSVInput(name string, data []byte, given string) (*input, error) {
	sn, err := sniff(name, data, given, false)
	if err != nil {
		return nil, err
	}
	text, err := sn.enc.decodeBytes(sn.body, 1)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: check -encoding", name, err)
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	pl := planCSV(header)
	if pl.mapped == 0 {
		return nil, fmt.Errorf("%s: no column of the header is one that Google Contacts or Outlook exports, such as %q, %q or %q",
			name, "First Name", "E-mail 1 - Value", "E-mail Address")
	}
	in := &input{Name: name, Format: "csv", Unit: "row", header: header, Notice: sn.notice, Dialect: pl.dialect}
	in.scan = func(gen int, ns *notes, yield func(*record) bool) (int, error) {
		return scanCSV(name, text, pl, gen, ns, yield)
	}
	return in, nil
}

// scanCSV reads the rows of text, a CSV file whose header pl plans, as input.scan does.
func scanCSV(name string, text []byte, pl *csvPlan, gen int, ns *notes, yield func(*record) bool) (int, error) {
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1 // rows shorter than the header are tolerated
	if _, err := cr.Read(); err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	header := pl.header
	skip := reportColumnIndex(header)
	occ := occurrences{}
	empty := 0
	for num := 1; ; num++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return empty, nil
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		b := pl.build(row, ns)
		extra := extraCells(header, row) != nil
		if b.empty() && !extra {
			empty++
			continue
		}
		rec := newRecord(name, num, line, csvContent(header, row, skip), occ, gen)
		rec.fields = row
		rec.take(b)
		if extra {
			// The cells beyond the header have no column: importing the row would lose them.
			rec.Person = nil
			rec.Err = fmt.Errorf("the row has %d cells, and the header %d columns: the cells to the right of the last column belong to none",
				len(row), len(header))
		}
		if !yield(rec) {
			return 0, nil
		}
	}
}

// extraCells returns the cells of row to the right of the header's last column, or nil
// when they are all blank.
func extraCells(header, row []string) []string {
	if len(row) <= len(header) {
		return nil
	}
	for _, v := range row[len(header):] {
		if strings.TrimSpace(v) != "" {
			return row[len(header):]
		}
	}
	return nil
}

// csvContent is the text of a row for its marker: its non-empty cells with their column
// names, in the order of the names, so that reordering or adding empty columns changes
// nothing. The report's own column, at skip (-1 for none), is left out.
func csvContent(header, row []string, skip int) string {
	var cells []string
	for i, v := range row {
		if v = strings.TrimSpace(v); v == "" || i >= len(header) || i == skip {
			continue
		}
		cells = append(cells, strings.TrimSpace(header[i])+"\x1f"+v)
	}
	sort.Strings(cells)
	return strings.Join(cells, "\x1e")
}

// reportColumnIndex returns the index of the report's own column in header, or -1.
func reportColumnIndex(header []string) int {
	for i, h := range header {
		if fold(h) == fold(reportColumn) {
			return i
		}
	}
	return -1
}

// writeCSVReport writes the header and the failed rows, each with its reason in a last
// column named reportColumn. Cells of a row beyond the header follow its reason.
func writeCSVReport(w io.Writer, header []string, failed []failure) error {
	drop := reportColumnIndex(header)
	strip := func(row []string) []string {
		out := make([]string, 0, len(header)+1)
		for i := range header {
			if i == drop {
				continue
			}
			v := ""
			if i < len(row) {
				v = row[i]
			}
			out = append(out, v)
		}
		return out
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(append(strip(header), reportColumn)); err != nil {
		return err
	}
	for _, f := range failed {
		row := append(strip(f.rec.fields), f.reason)
		if err := cw.Write(append(row, extraCells(header, f.rec.fields)...)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
