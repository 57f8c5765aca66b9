// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// This file turns the bytes of an input file into UTF-8 text, and never silently: a byte
// order mark is followed, an -encoding is applied strictly, and text that is not UTF-8 is
// either read as windows-1252 when nothing else is plausible, with a notice, or refused
// with the line of the first byte that is not UTF-8.

// encodingHint is the advice that ends an error about an input's encoding.
const encodingHint = "give the file's encoding with -encoding, such as -encoding windows-1252 (what Excel's \"CSV (Comma delimited)\" writes on Western Windows), -encoding ISO-8859-15 or -encoding Shift_JIS"

// textEncoding is an encoding that input text is read from.
type textEncoding struct {
	// Name is the encoding's name, as a person would write it.
	Name string
	// enc decodes it; nil means UTF-8.
	enc encoding.Encoding
}

// lookupEncoding returns the encoding that name (an IANA name or a WHATWG label, such as
// "windows-1252", "ISO-8859-1", "latin1", "Shift_JIS" or "UTF-16LE") stands for. The IANA
// name comes first, so that ISO-8859-1 is ISO-8859-1 and not the WHATWG's windows-1252.
func lookupEncoding(name string) (textEncoding, error) {
	e, err := ianaindex.IANA.Encoding(name)
	if err != nil || e == nil {
		e, err = htmlindex.Get(name)
	}
	if err != nil || e == nil {
		return textEncoding{}, fmt.Errorf("-encoding %q: unknown encoding: use a name such as windows-1252, ISO-8859-15, Shift_JIS or UTF-16LE", name)
	}
	if e == encoding.Nop || e == encoding.Replacement {
		return textEncoding{}, fmt.Errorf("-encoding %q: not an encoding of text", name)
	}
	canonical, err := ianaindex.IANA.Name(e)
	if err != nil {
		canonical = name
	}
	if strings.EqualFold(canonical, "UTF-8") {
		return textEncoding{Name: "UTF-8"}, nil
	}
	return textEncoding{Name: canonical, enc: e}, nil
}

// decodeBytes decodes b, in te, to UTF-8. It fails on any byte sequence that te does not
// define, rather than replacing it: its error says which line of text holds it (lines
// counted from line).
func (te textEncoding) decodeBytes(b []byte, line int) ([]byte, error) {
	if te.enc == nil {
		if i := invalidUTF8(b); i >= 0 {
			return nil, fmt.Errorf("line %d: byte 0x%02X is not UTF-8", line+bytes.Count(b[:i], []byte("\n")), b[i])
		}
		return b, nil
	}
	if strings.HasPrefix(te.Name, "UTF-16") {
		return decodeUTF16(b, te.Name != "UTF-16LE", line)
	}
	out, err := te.enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("line %d: not %s: %w", line, te.Name, err)
	}
	// Decoders write U+FFFD for what they cannot map. Legacy encodings have no byte sequence
	// of their own for U+FFFD (GB18030 aside: refusing its rare one errs on the safe side), so
	// every one in the output is a byte that was lost.
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		return nil, fmt.Errorf("line %d: a byte sequence that %s does not define", line+bytes.Count(out[:i], []byte("\n")), te.Name)
	}
	return out, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not part of valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// decodeUTF16 decodes b, UTF-16 without its byte order mark, strictly: an odd length or an
// unpaired surrogate is an error naming its line (lines counted from line).
func decodeUTF16(b []byte, bigEndian bool, line int) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("the file is UTF-16 by its byte order mark, but has an odd number of bytes: it is cut short")
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if bigEndian {
		order = binary.BigEndian
	}
	out := make([]byte, 0, len(b)/2)
	for i := 0; i < len(b); i += 2 {
		r := rune(order.Uint16(b[i:]))
		if utf16.IsSurrogate(r) {
			r2 := rune(-1)
			if i+3 < len(b) {
				r2 = rune(order.Uint16(b[i+2:]))
			}
			if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
				return nil, fmt.Errorf("line %d: an unpaired UTF-16 surrogate", line+bytes.Count(out, []byte("\n")))
			}
			i += 2
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// utf8Encoding is UTF-8, the encoding of text once decoded.
var utf8Encoding = textEncoding{Name: "UTF-8"}

// sniffed is what the start of an input file and -encoding say about its encoding.
type sniffed struct {
	// body is the file without its byte order mark; a UTF-16 file's is already UTF-8.
	body []byte
	// enc is the encoding of body.
	enc textEncoding
	// notice, when set, says that the encoding was guessed: it is the first line of output.
	notice string
}

// sniff finds the encoding of the file name's data: its byte order mark (UTF-8, UTF-16LE,
// UTF-16BE), else given (the -encoding flag; "" for none), else UTF-8 when data is valid
// UTF-8, else windows-1252 when every byte of data fits that plausibly (with a notice).
// Anything else is an error naming the line of the first byte that is not UTF-8 and
// suggesting -encoding, unless perValue is set: then data is taken as UTF-8, for the caller
// to check value by value (a vCard whose properties name their own CHARSET).
func sniff(name string, data []byte, given string, perValue bool) (*sniffed, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return &sniffed{body: data[3:], enc: utf8Encoding}, nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		text, err := decodeUTF16(data[2:], data[0] == 0xFE, 1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return &sniffed{body: text, enc: utf8Encoding}, nil
	}
	if given != "" {
		te, err := lookupEncoding(given)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(te.Name, "UTF-16") {
			text, err := decodeUTF16(data, te.Name != "UTF-16LE", 1)
			if err != nil {
				return nil, fmt.Errorf("%s: %w: check -encoding", name, err)
			}
			return &sniffed{body: text, enc: utf8Encoding}, nil
		}
		return &sniffed{body: data, enc: te}, nil
	}
	i := invalidUTF8(data)
	if i < 0 || perValue {
		return &sniffed{body: data, enc: utf8Encoding}, nil
	}
	if _, ok := plausibleWindows1252(data); ok {
		return &sniffed{body: data, enc: textEncoding{Name: "windows-1252", enc: charmap.Windows1252}, notice: fmt.Sprintf(
			"Note: %s is not UTF-8; it is read as windows-1252, which every byte of it fits as Western European text. If names look wrong, give its encoding with -encoding.", name)}, nil
	}
	line := 1 + bytes.Count(data[:i], []byte("\n"))
	if bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0 {
		return nil, fmt.Errorf("%s: line %d: the file holds NUL bytes, as UTF-16 without a byte order mark does: give its encoding with -encoding UTF-16LE or -encoding UTF-16BE", name, line)
	}
	return nil, fmt.Errorf("%s: line %d: byte 0x%02X is not UTF-8, and the file's encoding cannot be told with confidence: %s", name, line, data[i], encodingHint)
}

// cp1252Punctuation are the characters other than letters that Western European text in
// windows-1252 plausibly holds.
const cp1252Punctuation = "\u00A0€‚„…‘’“”•–—™«»°±²³´µ·¸¹º¼½¾¿¡¢£¤¥§¨©ª¬®¯×÷"

// plausibleWindows1252 decodes data as windows-1252 and reports whether the result is
// plausibly what the file holds: every byte is defined in windows-1252, no byte sequence is
// also valid multi-byte UTF-8 (a file mixing the two is not guessed), and every character
// beyond ASCII is either common punctuation or a letter next to another letter, as in
// "René". Shift_JIS and other multi-byte encodings read as windows-1252 fail the last test.
func plausibleWindows1252(data []byte) ([]byte, bool) {
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D || c == 0:
			return nil, false
		case c >= 0xC2 && c <= 0xF4:
			if r, size := utf8.DecodeRune(data[i:]); r != utf8.RuneError && size > 1 {
				return nil, false
			}
		}
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, false
	}
	runes := []rune(string(text))
	letter := func(i int) bool { return i >= 0 && i < len(runes) && unicode.IsLetter(runes[i]) }
	for i, r := range runes {
		switch {
		case r < utf8.RuneSelf:
		case strings.ContainsRune(cp1252Punctuation, r):
		case unicode.IsLetter(r) && (letter(i-1) || letter(i+1)):
		default:
			return nil, false
		}
	}
	return text, true
}
