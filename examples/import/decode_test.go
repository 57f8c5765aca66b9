// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/oauth2/google"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"github.com/peoplebatch/peoplebatch-go/people"
)

func TestDecodeCSV(t *testing.T) {
	t.Parallel()
	const header = "First Name,Last Name\r\n"
	win := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(header + "太郎,田中\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range header + "Zoë,𝔘nicode\r\n" {
		if r > 0xFFFF {
			r -= 0x10000
			utf16le = append(utf16le, byte(0xD800+(r>>10)), byte((0xD800+(r>>10))>>8), byte(0xDC00+(r&0x3FF)), byte((0xDC00+(r&0x3FF))>>8))
			continue
		}
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	tests := []struct {
		name     string
		data     []byte
		encoding string
		// given is the first row's first name; err, when set, part of the error instead.
		given, err, notice string
	}{
		{name: "UTF-8", data: []byte(header + "Zoë,Brontë\r\n"), given: "Zoë"},
		{name: "UTF-8 with its byte order mark", data: []byte("\ufeff" + header + "Zoë,Brontë\r\n"), given: "Zoë"},
		{name: "UTF-16LE with its byte order mark, and a surrogate pair", data: utf16le, given: "Zoë"},
		{name: "UTF-16BE with its byte order mark", data: append([]byte{0xFE, 0xFF}, swap(utf16le[2:])...), given: "Zoë"},
		{name: "UTF-16 cut short", data: utf16le[:len(utf16le)-1], err: "odd number of bytes"},
		{name: "UTF-16 with an unpaired surrogate", data: append(append([]byte{}, utf16le[:len(header)*2+2]...), 0x00, 0xD8, 'x', 0), err: "line 2: an unpaired UTF-16 surrogate"},
		{name: "UTF-16 without a byte order mark", data: utf16le[2:], err: "-encoding UTF-16LE"},
		{name: "UTF-16LE given, without a byte order mark", data: utf16le[2:], encoding: "UTF-16LE", given: "Zoë"},
		{name: "UTF-16 given, without a byte order mark: big-endian", data: swap(utf16le[2:]), encoding: "UTF-16", given: "Zoë"},
		{name: "windows-1252, guessed", data: win(header + "René,Lefèvre – “Café”\r\n"), given: "René", notice: "read as windows-1252"},
		{name: "windows-1252, given", data: win(header + "René,Lefèvre\r\n"), encoding: "windows-1252", given: "René"},
		{name: "ISO-8859-1, given by its IANA name", data: []byte(header + "Ren\xe9,L\r\n"), encoding: "ISO-8859-1", given: "René"},
		{name: "latin1, a WHATWG label", data: []byte(header + "Ren\xe9,L\r\n"), encoding: "latin1", given: "René"},
		{name: "Shift_JIS, given", data: sjis, encoding: "Shift_JIS", given: "太郎"},
		{name: "Shift_JIS, not guessed", data: sjis, err: "line 2: byte 0x91 is not UTF-8, and the file's encoding cannot be told with confidence: give the file's encoding with -encoding"},
		{name: "UTF-8 and windows-1252 mixed, not guessed", data: []byte(header + "Zoë,Ren\xe9\r\n"), err: "line 2: byte 0xE9 is not UTF-8"},
		{name: "a byte windows-1252 does not define", data: []byte(header + "A\x81,B\r\n"), encoding: "windows-1252", err: "line 2: a byte sequence that windows-1252 does not define"},
		{name: "a stray byte in UTF-8, given", data: []byte(header + "A,B\r\nC\xff,D\r\n"), encoding: "utf-8", err: "line 3: byte 0xFF is not UTF-8"},
		{name: "an unknown encoding", data: []byte(header), encoding: "klingon", err: `-encoding "klingon": unknown encoding`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := readData("t.csv", "csv", tt.data, tt.encoding)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(in.Notice, tt.notice) || (tt.notice == "") != (in.Notice == "") {
				t.Errorf("notice %q, want one with %q", in.Notice, tt.notice)
			}
			if got := recordsOf(in)[0].Person.Names[0].GivenName; got != tt.given {
				t.Errorf("first name %q, want %q", got, tt.given)
			}
		})
	}
}

// swap swaps the bytes of each pair: UTF-16LE to UTF-16BE.
func swap(b []byte) []byte {
	out := bytes.Clone(b)
	for i := 0; i+1 < len(out); i += 2 {
		out[i], out[i+1] = out[i+1], out[i]
	}
	return out
}

func TestDecodeVCardValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, encoding string
		// fn is the card's formatted name; err, when set, part of the card's error instead.
		fn, err string
	}{
		{name: "CHARSET=ISO-8859-1", data: card("2.1", "FN;CHARSET=ISO-8859-1:Ren\xe9"), fn: "René"},
		{name: "CHARSET=Shift_JIS with QUOTED-PRINTABLE", data: card("2.1", "FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=91=BE=98Y"), fn: "太郎"},
		{name: "CHARSET=UTF-8 with QUOTED-PRINTABLE", data: card("2.1", "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB"), fn: "Zoë"},
		{name: "-encoding for values without CHARSET", data: card("2.1", "FN:Ren\xe9", "N;CHARSET=UTF-8:B;Zoë"), encoding: "windows-1252", fn: "René"},
		{name: "a value that is not UTF-8, without CHARSET", data: card("2.1", "FN:Ren\xe9", "N;CHARSET=UTF-8:B;Zoë"),
			err: "FN: line 3: byte 0xE9 is not UTF-8; the property has no CHARSET parameter: give the file's encoding with -encoding"},
		{name: "QUOTED-PRINTABLE that is not UTF-8", data: card("2.1", "FN;ENCODING=QUOTED-PRINTABLE:Ren=E9", "N;CHARSET=UTF-8:B;Zoë"), err: "byte 0xE9 is not UTF-8"},
		{name: "an unknown CHARSET", data: card("2.1", "FN;CHARSET=X-KLINGON:Qapla"), err: "CHARSET=X-KLINGON is not an encoding"},
		{name: "QUOTED-PRINTABLE with a stray =, kept as mime/quotedprintable does", data: card("2.1", "FN;ENCODING=QUOTED-PRINTABLE:A=ZZ"), fn: "A=ZZ"},
		{name: "broken BASE64", data: card("3.0", "FN:A", "PHOTO;ENCODING=b:!!!"), err: "cannot decode its B value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := readData("t.vcf", "vcard", []byte(tt.data), tt.encoding)
			if err != nil {
				t.Fatal(err)
			}
			rec := recordsOf(in)[0]
			if tt.err != "" {
				if rec.Err == nil || !strings.Contains(rec.Err.Error(), tt.err) {
					t.Fatalf("err %v, want one with %q", rec.Err, tt.err)
				}
				return
			}
			if rec.Err != nil {
				t.Fatal(rec.Err)
			}
			if got := rec.Person.Names[0].UnstructuredName; got != tt.fn {
				t.Errorf("FN %q, want %q", got, tt.fn)
			}
		})
	}
}

// TestPhotoKept checks that an embedded photo, not imported on create, is decoded and kept
// on its record for a later photo step.
func TestPhotoKept(t *testing.T) {
	t.Parallel()
	for file, magic := range map[string]string{"android21.vcf": "\xFF\xD8", "ios30.vcf": "\xFF\xD8", "vcard40.vcf": "\x89PNG"} {
		in, err := readInput(filepath.Join("testdata", file), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if p := recordsOf(in)[0].photo; !bytes.HasPrefix(p, []byte(magic)) {
			t.Errorf("%s: photo %q, want bytes starting with %q", file, p, magic)
		}
	}
}

// TestUndecodableExit checks that a file that cannot be decoded faithfully stops the command
// with status 1 before anything is sent, naming the line and -encoding.
func TestUndecodableExit(t *testing.T) {
	t.Setenv(people.EmulatorHostEnv, "")
	noADC := func(context.Context) (*google.Credentials, error) { return nil, os.ErrNotExist }
	path := filepath.Join(t.TempDir(), "sjis.csv")
	data, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("First Name,Last Name\r\n太郎,田中\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	code := realMain(t.Context(), t.Context(), []string{"-in", path}, env{stdout: &out, stderr: &errOut, findADC: noADC})
	if code != 1 || out.Len() != 0 || !strings.Contains(errOut.String(), "line 2") || !strings.Contains(errOut.String(), "-encoding") {
		t.Errorf("exit status %d, stdout %q, stderr %q; want 1, nothing, and an error naming line 2 and -encoding", code, out.String(), errOut.String())
	}
	// With the encoding given, the same file imports.
	out.Reset()
	errOut.Reset()
	if code := realMain(t.Context(), t.Context(), []string{"-in", path, "-encoding", "Shift_JIS"}, env{stdout: &out, stderr: &errOut, findADC: noADC}); code != 0 {
		t.Errorf("with -encoding Shift_JIS: exit status %d:\n%s%s", code, out.String(), errOut.String())
	}
	// A guessed encoding is the first line of output, before the banner.
	out.Reset()
	code = realMain(t.Context(), t.Context(), []string{"-in", sample(t, "excel1252.csv")}, env{stdout: &out, stderr: &errOut, findADC: noADC})
	if first, _, _ := strings.Cut(out.String(), "\n"); code != 0 || !strings.HasPrefix(first, "Note: excel1252.csv is not UTF-8; it is read as windows-1252") {
		t.Errorf("exit status %d, first line %q", code, first)
	}
}
