// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"

	"github.com/emersion/go-vcard"
)

// This file reads the content lines of one card into a vcard.Card, as the exporters write
// them rather than as go-vcard's decoder expects: vCard 2.1's bare parameters (TEL;CELL,
// PHOTO;BASE64), QUOTED-PRINTABLE values with soft line breaks, CHARSET parameters, BASE64 and
// ENCODING=b data, lines folded with a space or a tab, and the escapes of RFC 2426 and RFC 6350
// (with "\:" as Apple and Google write it). go-vcard's Card, Field and Params hold the result,
// which the mapping reads.

// paramEncoding is the ENCODING parameter of vCard 2.1 and 3.0.
const paramEncoding = "ENCODING"

// structuredProps are the properties whose values have components or lists: their Field.Value
// keeps its escapes, for components to split.
var structuredProps = map[string]bool{
	vcard.FieldName: true, vcard.FieldAddress: true, vcard.FieldOrganization: true, vcard.FieldGender: true,
	vcard.FieldNickname: true, vcard.FieldCategories: true, vcard.FieldClientPIDMap: true, "X-ANDROID-CUSTOM": true,
}

// contentLine is one unfolded property line of a card, as bytes of the file's encoding.
type contentLine struct {
	line int // where it starts in the file
	text string
}

// unfoldCard joins the folded lines of a card's text, which starts at line first: a line
// that starts with a space or a tab continues the one before (RFC 6350 section 3.2), and so
// does the line after a QUOTED-PRINTABLE line that ends with "=" (a soft line break).
func unfoldCard(text string, first int) []contentLine {
	var out []contentLine
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSuffix(l, "\r")
		n := len(out)
		switch {
		case n > 0 && softBreak(out[n-1].text):
			out[n-1].text = out[n-1].text[:len(out[n-1].text)-1] + l
		case n > 0 && l != "" && (l[0] == ' ' || l[0] == '\t'):
			out[n-1].text += l[1:]
		case strings.TrimSpace(l) == "":
		default:
			out = append(out, contentLine{line: first + i, text: l})
		}
	}
	return out
}

// softBreak reports whether l is a QUOTED-PRINTABLE property line that goes on, on the next
// line.
func softBreak(l string) bool {
	head, _, ok := strings.Cut(l, ":")
	return ok && strings.HasSuffix(l, "=") && strings.Contains(strings.ToUpper(head), "QUOTED-PRINTABLE")
}

// parsedLine is a content line taken apart; value is still encoded.
type parsedLine struct {
	group, name string
	params      vcard.Params
	value       string
}

// parseContentLine takes "group.NAME;PARAM=a,b;BARE:value" apart.
func parseContentLine(l string) (parsedLine, error) {
	i := strings.IndexAny(l, ";:")
	if i < 0 {
		return parsedLine{}, fmt.Errorf("%q is not a property: it has no colon", cut(l, 20))
	}
	p := parsedLine{name: strings.ToUpper(strings.TrimSpace(l[:i])), params: vcard.Params{}}
	if g, n, ok := strings.Cut(p.name, "."); ok {
		p.group, p.name = g, n
	}
	rest := l[i:]
	for rest[0] == ';' {
		rest = rest[1:]
		j, quoted := 0, false
		for ; j < len(rest); j++ {
			if c := rest[j]; c == '"' {
				quoted = !quoted
			} else if !quoted && (c == ';' || c == ':') {
				break
			}
		}
		if j == len(rest) {
			return parsedLine{}, fmt.Errorf("%s: the parameters have no colon after them", p.name)
		}
		addParam(p.params, rest[:j])
		rest = rest[j:]
	}
	p.value = rest[1:]
	return p, nil
}

// addParam adds one parameter. A bare one, as vCard 2.1 writes them, is an ENCODING when it
// names one and a TYPE otherwise. RFC 6868's ^-escapes are decoded.
func addParam(ps vcard.Params, param string) {
	k, v, ok := strings.Cut(param, "=")
	if !ok {
		switch strings.ToUpper(strings.TrimSpace(param)) {
		case "":
		case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
			ps.Add(paramEncoding, strings.TrimSpace(param))
		default:
			ps.Add(vcard.ParamType, strings.TrimSpace(param))
		}
		return
	}
	k = strings.ToUpper(strings.TrimSpace(k))
	v = unescapeText(strings.NewReplacer("^n", "\n", "^^", "^", "^'", `"`).Replace(strings.Trim(strings.TrimSpace(v), `"`)))
	if k != vcard.ParamType {
		ps.Add(k, v)
		return
	}
	for t := range strings.SplitSeq(v, ",") {
		if t = strings.Trim(strings.TrimSpace(t), `"`); t != "" {
			ps.Add(k, t)
		}
	}
}

// decodeValue decodes the value of a content line: QUOTED-PRINTABLE, then the CHARSET's
// encoding or else def. BASE64 and ENCODING=b values, and data: URIs with ";base64", are
// binary: their bytes are returned as data, with no text.
func decodeValue(p parsedLine, def textEncoding, line int) (text string, data []byte, err error) {
	raw := []byte(p.value)
	switch enc := strings.ToUpper(p.params.Get(paramEncoding)); enc {
	case "QUOTED-PRINTABLE":
		if raw, err = io.ReadAll(quotedprintable.NewReader(strings.NewReader(p.value))); err != nil {
			return "", nil, fmt.Errorf("line %d: %s: cannot decode its QUOTED-PRINTABLE value: %w", line, p.name, err)
		}
	case "B", "BASE64":
		data, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(p.value), ""))
		if err != nil {
			return "", nil, fmt.Errorf("line %d: %s: cannot decode its %s value: %w", line, p.name, enc, err)
		}
		return "", data, nil
	}
	if head, b64, ok := strings.Cut(p.value, ";base64,"); ok && strings.HasPrefix(strings.ToLower(head), "data:") {
		if data, err = base64.StdEncoding.DecodeString(b64); err != nil {
			return "", nil, fmt.Errorf("line %d: %s: cannot decode its data URI: %w", line, p.name, err)
		}
		return "", data, nil
	}
	te := def
	if cs := p.params.Get("CHARSET"); cs != "" {
		if te, err = lookupEncoding(cs); err != nil {
			return "", nil, fmt.Errorf("line %d: %s: CHARSET=%s is not an encoding this tool knows", line, p.name, cs)
		}
	}
	b, err := te.decodeBytes(raw, line)
	if err != nil {
		hint := ""
		if p.params.Get("CHARSET") == "" {
			hint = "; the property has no CHARSET parameter: " + encodingHint
		}
		return "", nil, fmt.Errorf("%s: %w%s", p.name, err, hint)
	}
	return string(b), nil, nil
}

// unescapeText undoes the escapes of a vCard text value: "\\", "\n" and "\N", "\,", "\;"
// and "\:". Any other backslash is kept, as vCard 2.1 values (which escape only ";") hold
// them as text.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; c {
		case '\\', ',', ';', ':':
			b.WriteByte(c)
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// components splits an escaped structured value at each sep that is not escaped, and
// unescapes each part: components(`a\;b;c`, ';') is ["a;b", "c"].
func components(s string, sep byte) []string {
	parts := rawComponents(s, sep)
	for i, p := range parts {
		parts[i] = unescapeText(p)
	}
	return parts
}

// rawComponents splits s at each sep that is not escaped, keeping the escapes.
func rawComponents(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// parsedCard is a card read by parseCard.
type parsedCard struct {
	card vcard.Card
	// photo holds the bytes of the card's first embedded PHOTO, for a later photo step.
	photo []byte
}

// parseCard reads the card whose text starts at line first, decoding the values that name no
// CHARSET from def. A value that cannot be decoded faithfully fails the whole card.
func parseCard(text string, first int, def textEncoding) (*parsedCard, error) {
	pc := &parsedCard{card: vcard.Card{}}
	begun := false
	for _, cl := range unfoldCard(text, first) {
		p, err := parseContentLine(cl.text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", cl.line, err)
		}
		switch p.name {
		case "BEGIN":
			begun = true
			continue
		case "END":
			return pc, nil
		}
		if !begun {
			continue
		}
		v, data, err := decodeValue(p, def, cl.line)
		if err != nil {
			return nil, err
		}
		if data != nil && p.name == vcard.FieldPhoto && pc.photo == nil {
			pc.photo = data
		}
		if !structuredProps[p.name] {
			v = unescapeText(v)
		}
		pc.card.Add(p.name, &vcard.Field{Value: v, Params: p.params, Group: p.group})
	}
	return pc, nil
}

// cut returns s, shortened to n bytes with "…" if longer.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
