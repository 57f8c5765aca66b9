// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// wrap fills text into lines of at most width characters, breaking only at spaces, the way the
// doc comments of the model have always been wrapped: tabs expand to 8 columns, every other
// ASCII white space character becomes a space, runs of spaces inside a line stay, the spaces
// at the end of a line and at the start of every line but the first are dropped, and a word
// longer than width stands alone on its line.
func wrap(text string, width int) []string {
	text = expandTabs(text, 8)
	text = strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\v', '\f', '\r':
			return ' '
		}
		return r
	}, text)
	chunks := splitSpaces(text)
	slices.Reverse(chunks) // the next chunk is last, as on a stack
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	var lines []string
	for len(chunks) > 0 {
		if len(lines) > 0 && blank(chunks[len(chunks)-1]) {
			chunks = chunks[:len(chunks)-1]
		}
		var line []string
		n := 0
		for len(chunks) > 0 {
			c := chunks[len(chunks)-1]
			l := utf8.RuneCountInString(c)
			if n+l > width {
				break
			}
			line, n = append(line, c), n+l
			chunks = chunks[:len(chunks)-1]
		}
		if len(chunks) > 0 && utf8.RuneCountInString(chunks[len(chunks)-1]) > width && len(line) == 0 {
			line = append(line, chunks[len(chunks)-1])
			chunks = chunks[:len(chunks)-1]
		}
		if len(line) > 0 && blank(line[len(line)-1]) {
			line = line[:len(line)-1]
		}
		if len(line) > 0 {
			lines = append(lines, strings.Join(line, ""))
		}
	}
	return lines
}

// splitSpaces splits text into runs of spaces and runs of anything else, in order.
func splitSpaces(text string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(text); i++ {
		if i == len(text) || (text[i] == ' ') != (text[start] == ' ') {
			out = append(out, text[start:i])
			start = i
		}
	}
	return out
}

// expandTabs replaces each tab with the spaces that reach the next multiple of size columns,
// counting characters and starting again after each newline or carriage return.
func expandTabs(text string, size int) string {
	if !strings.Contains(text, "\t") {
		return text
	}
	var b strings.Builder
	col := 0
	for _, r := range text {
		switch r {
		case '\t':
			n := size - col%size
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// comment returns text as // comment lines for a line indented by indent, wrapped to fit 99
// columns with a tab counted as one.
func comment(text, indent string) []string {
	lines := wrap(text, 96-len(indent))
	for i, l := range lines {
		lines[i] = indent + "// " + l
	}
	return lines
}
