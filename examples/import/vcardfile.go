// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// This file cuts a vCard file into cards, reads them, and writes the report of failed cards.

// rawCard is the text of one card as the file holds it.
type rawCard struct {
	text string
	line int
	// unended is set for a card cut short by the next BEGIN:VCARD or by the end of the file.
	unended bool
}

// splitCards cuts a vCard file into the text of its cards. Lines outside BEGIN:VCARD and
// END:VCARD are ignored. A card without END:VCARD is kept, marked unended.
func splitCards(data []byte) []rawCard {
	var cards []rawCard
	var cur *bytes.Buffer
	start := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	sc.Split(scanLinesKeepEnd)
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		t := strings.ToUpper(strings.TrimSpace(l))
		switch {
		case t == "BEGIN:VCARD":
			if cur != nil {
				cards = append(cards, rawCard{text: cur.String(), line: start, unended: true})
			}
			cur, start = new(bytes.Buffer), line
			cur.WriteString(l)
		case cur != nil:
			cur.WriteString(l)
			if t == "END:VCARD" {
				cards = append(cards, rawCard{text: cur.String(), line: start})
				cur = nil
			}
		}
	}
	if cur != nil {
		cards = append(cards, rawCard{text: cur.String(), line: start, unended: true})
	}
	return cards
}

// scanLinesKeepEnd is bufio.ScanLines keeping each line's end, so that a card is copied to
// the report exactly as it was.
func scanLinesKeepEnd(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i+1], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// newVCardInput returns the input of a vCard file whose bytes are data, whose values are in
// the encoding given ("" to detect it) unless they name their own CHARSET.
func newVCardInput(name string, data []byte, given string) (*input, error) {
	// A file whose properties name their CHARSET is checked value by value.
	perValue := bytes.Contains(bytes.ToUpper(data), []byte("CHARSET="))
	sn, err := sniff(name, data, given, perValue)
	if err != nil {
		return nil, err
	}
	cards := splitCards(sn.body)
	if len(cards) == 0 {
		return nil, fmt.Errorf("%s: no BEGIN:VCARD ... END:VCARD card found", name)
	}
	in := &input{Name: name, Format: "vcard", Unit: "card", Notice: sn.notice}
	in.scan = func(gen int, ns *notes, yield func(*record) bool) (int, error) {
		return scanVCards(name, cards, sn.enc, gen, ns, yield), nil
	}
	return in, nil
}

// scanVCards reads cards, whose values that name no CHARSET are in enc, as input.scan does.
func scanVCards(name string, cards []rawCard, enc textEncoding, gen int, ns *notes, yield func(*record) bool) (empty int) {
	occ := occurrences{}
	for i, rc := range cards {
		content := strings.ReplaceAll(rc.text, "\r\n", "\n")
		rec := newRecord(name, i+1, rc.line, content, occ, gen)
		rec.raw, rec.vcard = rc.text, true
		var pc *parsedCard
		var err error
		if rc.unended {
			rec.Err = errors.New("the card has no END:VCARD")
		} else if pc, err = parseCard(rc.text, rc.line, enc); err != nil {
			rec.Err = fmt.Errorf("cannot read the card: %w", err)
		}
		if rec.Err == nil {
			b := mapCard(pc.card, ns)
			if b.empty() {
				empty++
				continue
			}
			rec.take(b)
			rec.photo = pc.photo
		}
		if !yield(rec) {
			return 0
		}
	}
	return empty
}

// writeVCardReport writes each failed card as it was, with a reportProperty line that says
// why it failed.
func writeVCardReport(w io.Writer, failed []failure) error {
	for _, f := range failed {
		text := f.rec.raw
		eol := "\n"
		if strings.Contains(text, "\r\n") {
			eol = "\r\n"
		}
		// Insert the reason before END:VCARD, the card's last line.
		body := strings.TrimRight(text, "\r\n")
		i := strings.LastIndex(body, "\n")
		head, end := "", body
		if i >= 0 {
			head, end = body[:i+1], body[i+1:]
		}
		end = strings.TrimRight(end, "\r")
		if !strings.EqualFold(strings.TrimSpace(end), "END:VCARD") {
			// A card without END:VCARD: the reason goes after its last line.
			head, end = body+eol, ""
		} else {
			end += eol
		}
		if _, err := io.WriteString(w, head+foldLine(reportProperty+":"+escapeText(f.reason), eol)+eol+end); err != nil {
			return err
		}
	}
	return nil
}

// escapeText escapes a vCard TEXT value (RFC 6350 section 3.4).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, ",", `\,`, ";", `\;`).Replace(s)
}

// foldLine folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 6350
// section 3.2).
func foldLine(l, eol string) string {
	var b strings.Builder
	n := 0
	for _, r := range l {
		size := utf8.RuneLen(r)
		if n+size > 75 {
			b.WriteString(eol + " ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	return b.String()
}
