// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestSourceTypeUnmarshalJSON runs without t.Parallel, as do its cases: testing.AllocsPerRun
// counts the allocations of the whole process.
func TestSourceTypeUnmarshalJSON(t *testing.T) {
	known := []people.SourceType{
		people.SourceTypeUnspecified, people.SourceTypeAccount, people.SourceTypeProfile,
		people.SourceTypeDomainProfile, people.SourceTypeContact, people.SourceTypeOtherContact,
		people.SourceTypeDomainContact,
	}
	type test struct {
		in      string
		start   people.SourceType // the value decoded into
		want    people.SourceType
		wantErr string // the UnmarshalTypeError's Value, for a value that is no string
		noAlloc bool
	}
	tests := map[string]test{
		"unknown value":   {in: `"NEW_SOURCE_TYPE"`, want: "NEW_SOURCE_TYPE"},
		"lower case":      {in: `"contact"`, want: "contact"},
		"empty":           {in: `""`, start: people.SourceTypeProfile, want: ""},
		"prefix":          {in: `"CONTAC"`, want: "CONTAC"},
		"longer":          {in: `"CONTACTS"`, want: "CONTACTS"},
		"escaped letter":  {in: `"\u0043ONTACT"`, want: people.SourceTypeContact},
		"escaped solidus": {in: `"OTHER\/CONTACT"`, want: "OTHER/CONTACT"},
		"escaped quote":   {in: `"\"CONTACT\""`, want: `"CONTACT"`},
		"escaped line":    {in: `"CONTACT\n"`, want: "CONTACT\n"},
		"surrogate pair":  {in: `"\ud83d\ude00"`, want: "😀"},
		"invalid UTF-8":   {in: "\"CONTACT\xff\"", want: "CONTACT\uFFFD"},
		"null":            {in: `null`, start: people.SourceTypeProfile, want: people.SourceTypeProfile},
		"null on empty":   {in: `null`, want: ""},
		"number":          {in: `5`, start: people.SourceTypeProfile, want: people.SourceTypeProfile, wantErr: "number"},
		"bool":            {in: `true`, start: people.SourceTypeProfile, want: people.SourceTypeProfile, wantErr: "bool"},
		"object":          {in: `{"type":"CONTACT"}`, want: "", wantErr: "object"},
		"array":           {in: `["CONTACT"]`, want: "", wantErr: "array"},
	}
	for _, k := range known {
		tests[string(k)] = test{in: `"` + string(k) + `"`, start: "before", want: k, noAlloc: true}
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := tt.start
			err := got.UnmarshalJSON([]byte(tt.in))
			if got != tt.want {
				t.Errorf("UnmarshalJSON(%s) on %q gives %q, want %q", tt.in, tt.start, got, tt.want)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("UnmarshalJSON(%s): %v", tt.in, err)
				}
			} else if te, ok := errors.AsType[*json.UnmarshalTypeError](err); !ok || te.Value != tt.wantErr {
				t.Errorf("UnmarshalJSON(%s) = %v, want a *json.UnmarshalTypeError for a %s", tt.in, err, tt.wantErr)
			}
			// encoding/json agrees, through the struct field.
			var via people.Source
			via.Type = tt.start
			err = json.Unmarshal([]byte(`{"type":`+tt.in+`}`), &via)
			if via.Type != tt.want || (err != nil) != (tt.wantErr != "") {
				t.Errorf("json.Unmarshal into Source: Type %q, err %v; want %q, an error %v", via.Type, err, tt.want, tt.wantErr != "")
			}
			if !tt.noAlloc {
				return
			}
			// v is allocated outside the count: UnmarshalJSON's receiver escapes.
			b, v := []byte(tt.in), new(people.SourceType)
			if n := testing.AllocsPerRun(100, func() {
				*v = ""
				if v.UnmarshalJSON(b) != nil || *v != tt.want {
					panic("decoded wrong")
				}
			}); n != 0 {
				t.Errorf("UnmarshalJSON(%s) allocates %v times, want 0", tt.in, n)
			}
		})
	}
}

// plainSource is people.Source with a plain string for the type: what encoding/json alone
// decodes.
type plainSource struct {
	ID   string `json:"id,omitempty"`
	Type string `json:"type,omitempty"`
}

// TestSourceTypeSavesAnAllocation: decoding a Source whose type is one of the constants
// allocates one fewer object than decoding the same JSON with a plain string type. Not
// parallel: testing.AllocsPerRun counts the allocations of the whole process.
func TestSourceTypeSavesAnAllocation(t *testing.T) {
	b := []byte(`{"type":"CONTACT","id":"6559a8f60e6c3f7b"}`)
	ours := testing.AllocsPerRun(100, func() {
		var s people.Source
		if json.Unmarshal(b, &s) != nil || s.Type != people.SourceTypeContact {
			panic("decoded wrong")
		}
	})
	plain := testing.AllocsPerRun(100, func() {
		var s plainSource
		if json.Unmarshal(b, &s) != nil || s.Type != "CONTACT" {
			panic("decoded wrong")
		}
	})
	if ours != plain-1 {
		t.Errorf("decoding a Source allocates %v times, a plain one %v; want one fewer", ours, plain)
	}
}

// TestSourceTypeEncodes: a SourceType encodes as the JSON string of its value.
func TestSourceTypeEncodes(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(people.Source{Type: people.SourceTypeOtherContact, ID: "x"})
	if err != nil || string(b) != `{"id":"x","type":"OTHER_CONTACT"}` {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
}

// FuzzSourceTypeDecode: decoding a Source gives the same type, and the same error, as
// decoding into a plain string field, for any JSON in place of the type's value (mode 0),
// any string encoded by encoding/json (mode 1) and any string with every character escaped
// as \uXXXX (mode 2). Both start from a value already set, which null must keep.
func FuzzSourceTypeDecode(f *testing.F) {
	for _, s := range []string{
		"SOURCE_TYPE_UNSPECIFIED", "ACCOUNT", "PROFILE", "DOMAIN_PROFILE", "CONTACT",
		"OTHER_CONTACT", "DOMAIN_CONTACT", "", "contact", "CONTACTS", "CONTAC", "é", "\xff",
		"<CONTACT>", "\x00", "😀",
	} {
		f.Add(uint8(1), s)
		f.Add(uint8(2), s)
	}
	for _, raw := range []string{
		`"CONTACT"`, `"\u0043ONTACT"`, `"CONTACT\u0000"`, `null`, `5`, `-1.5e3`, `true`, `false`,
		`{}`, `[]`, `{"a":"CONTACT"}`, `["CONTACT"]`, `"CONTACT`, `CONTACT`, ``, `"\ud800"`,
		`"CONTACT","type":"PROFILE"`, `null,"type":5`, `"a","id":null`,
	} {
		f.Add(uint8(0), raw)
	}
	f.Fuzz(func(t *testing.T, mode uint8, s string) {
		var raw string
		switch mode % 3 {
		case 0:
			raw = s
		case 1:
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			raw = string(b)
		case 2:
			raw = escapeAll(s)
		}
		doc := []byte(`{"id":"i","type":` + raw + `}`)
		ours := people.Source{Type: "PRESET", ID: "PRESET"}
		plain := plainSource{Type: "PRESET", ID: "PRESET"}
		errOurs := json.Unmarshal(doc, &ours)
		errPlain := json.Unmarshal(doc, &plain)
		if (errOurs == nil) != (errPlain == nil) {
			t.Fatalf("%s: error %v, plain %v", doc, errOurs, errPlain)
		}
		if errOurs != nil {
			if d := errorDiff(errOurs, errPlain); d != "" {
				t.Errorf("%s: %s", doc, d)
			}
			return
		}
		if string(ours.Type) != plain.Type || ours.ID != plain.ID {
			t.Errorf("%s: %+v, plain %+v", doc, ours, plain)
		}
	})
}

// errorDiff compares decoding errors of a Source and a plainSource, which differ only in
// the struct name and the offset of a type error.
func errorDiff(ours, plain error) string {
	if to, ok := errors.AsType[*json.UnmarshalTypeError](ours); ok {
		tp, ok := errors.AsType[*json.UnmarshalTypeError](plain)
		if !ok || to.Value != tp.Value || to.Field != tp.Field || to.Type != tp.Type {
			return fmt.Sprintf("error %#v, plain %#v", to, plain)
		}
		return ""
	}
	if ours.Error() != plain.Error() {
		return fmt.Sprintf("error %q, plain %q", ours, plain)
	}
	return ""
}

// escapeAll writes s as a JSON string with every character escaped as \uXXXX, bytes that
// are not UTF-8 as U+FFFD.
func escapeAll(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&b, `\u%04x`, u)
		}
	}
	b.WriteByte('"')
	return b.String()
}
