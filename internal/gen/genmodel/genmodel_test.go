// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWrap(t *testing.T) {
	t.Parallel()
	// The expected lines are what Python's textwrap.wrap gives with break_long_words and
	// break_on_hyphens off: the wrapping the committed model was written with.
	tests := map[string]struct {
		text  string
		width int
		want  []string
	}{
		"empty":                {"", 10, nil},
		"fills greedily":       {"a b c", 3, []string{"a b", "c"}},
		"inner spaces kept":    {"word  two   spaces here", 9, []string{"word  two", "spaces", "here"}},
		"first indent kept":    {"  lead and trail  ", 8, []string{"  lead", "and", "trail"}},
		"long word alone":      {"averyveryverylongword x", 5, []string{"averyveryverylongword", "x"}},
		"tab and newline":      {"a\tb\nc", 20, []string{"a       b c"}},
		"trailing space":       {"x x x x x x ", 4, []string{"x x", "x x", "x x"}},
		"characters not bytes": {"aé b ü", 3, []string{"aé", "b ü"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, wrap(tt.text, tt.width)); diff != "" {
				t.Errorf("wrap(%q, %d) (-want +got):\n%s", tt.text, tt.width, diff)
			}
		})
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	enum := func(typ string) func(string) string {
		return func(v string) string { return enumConst(typ, v) }
	}
	tests := map[string]struct {
		f        func(string) string
		in, want string
	}{
		"field URLs":             {FieldName, "calendarUrls", "CalendarURLs"},
		"field URL alone":        {FieldName, "url", "URL"},
		"field URL suffix":       {FieldName, "photoUrl", "PhotoURL"},
		"field IDs":              {FieldName, "externalIds", "ExternalIDs"},
		"field ID suffix":        {FieldName, "contactGroupId", "ContactGroupID"},
		"field IM":               {FieldName, "imClients", "IMClients"},
		"field plain":            {FieldName, "resourceName", "ResourceName"},
		"field SIP kept":         {FieldName, "sipAddresses", "SipAddresses"},
		"type URL":               {TypeName, "Url", "URL"},
		"type SIP":               {TypeName, "SipAddress", "SIPAddress"},
		"type ID":                {TypeName, "ExternalId", "ExternalID"},
		"type plain":             {TypeName, "Person", "Person"},
		"enum own prefix":        {enum("SourceType"), "SOURCE_TYPE_UNSPECIFIED", "SourceTypeUnspecified"},
		"enum two words":         {enum("SourceType"), "OTHER_CONTACT", "SourceTypeOtherContact"},
		"enum empty word":        {enum("Kind"), "A__B", "KindAB"},
		"doc link":               {plainDoc, "[Google Account](https://accounts.google.com).", "Google Account (https://accounts.google.com)."},
		"doc link to itself":     {plainDoc, "at [https://x/](https://x/){id}", "at https://x/{id}"},
		"doc without link":       {plainDoc, "no link", "no link"},
		"screaming a type name":  {screaming, "SourceType", "SOURCE_TYPE"},
		"screaming one word":     {screaming, "Kind", "KIND"},
		"field of empty name":    {FieldName, "", ""},
		"doc of two links":       {plainDoc, "[a](b) [c](c)", "a (b) c"},
		"enum without prefix":    {enum("Kind"), "ACCOUNT", "KindAccount"},
		"field URLs in the name": {FieldName, "urlsOfThings", "URLsOfThings"},
	}
	for name, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s: %q gives %q, want %q", name, tt.in, got, tt.want)
		}
	}
}

// fakeDocument is a small discovery document: a Person with a $ref, a list of $ref, a map,
// a named enum and output-only fields, in an order that is not sorted.
const fakeDocument = `{"schemas": {
 "Person": {"id": "Person", "type": "object", "properties": {
  "urls": {"type": "array", "items": {"$ref": "Url"}},
  "metadata": {"$ref": "PersonMetadata", "readOnly": true},
  "sources": {"type": "array", "items": {"$ref": "Source"}},
  "etag": {"type": "string"},
  "tags": {"type": "object", "additionalProperties": {"type": "integer"}},
  "ageRange": {"type": "string", "readOnly": true, "deprecated": true, "enum": ["A", "B"]}
 }},
 "Url": {"id": "Url", "type": "object", "properties": {"value": {"type": "string"}}},
 "PersonMetadata": {"id": "PersonMetadata", "type": "object", "properties": {"deleted": {"type": "boolean", "readOnly": true}}},
 "Source": {"id": "Source", "type": "object", "properties": {
  "type": {"type": "string", "enum": ["SOURCE_TYPE_UNSPECIFIED", "ACCOUNT"], "enumDescriptions": ["Unspecified.", "[Account](https://a)."]},
  "updateTime": {"type": "string", "readOnly": true}
 }}
}}`

func TestGenerate(t *testing.T) {
	t.Parallel()
	d, err := ParseDocument([]byte(fakeDocument))
	if err != nil {
		t.Fatal(err)
	}
	order, err := d.Reachable("Person")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Person", "Url", "PersonMetadata", "Source"}, order); diff != "" {
		t.Errorf("Reachable, in document order (-want +got):\n%s", diff)
	}
	files, err := Generate(d, "v9.9.9")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 || files[0].Name != "person.go" || files[1].Name != "outputonly_gen.go" || files[2].Name != "validutf8_gen.go" {
		t.Fatalf("files %v, want person.go, outputonly_gen.go and validutf8_gen.go", files)
	}
	model, walkers, utf8Walkers := string(files[0].Source), string(files[1].Source), string(files[2].Source)
	for _, want := range []string{
		"type Person struct {",
		"\tURLs     []*URL          `json:\"urls,omitempty\"`",
		"\tMetadata *PersonMetadata `json:\"metadata,omitempty\"`",
		"\tTags     map[string]int  `json:\"tags,omitempty\"`",
		"\t// One of: A, B.\n\t//\n\t// Deprecated: the People API deprecates this field.\n\tAgeRange string",
		"\t// Etag is the entity tag of the person.",
		"\t// One of the SourceType constants: SOURCE_TYPE_UNSPECIFIED, ACCOUNT.\n\tType SourceType",
		"\t// SourceTypeAccount is ACCOUNT: Account (https://a).\n\tSourceTypeAccount SourceType = \"ACCOUNT\"",
		"func knownSourceType(b []byte) (SourceType, bool) {",
	} {
		if !strings.Contains(model, want) {
			t.Errorf("person.go lacks %q:\n%s", want, model)
		}
	}
	for _, want := range []string{
		"in google.golang.org/api v9.9.9. DO NOT EDIT.",
		"func walkOutputOnlyPerson(x *Person, p *fieldPath) {",
		"\tif x.AgeRange != \"\" {\n\t\tp.report(\"ageRange\", -1)\n\t}",
		"\tif x.Metadata != nil {\n\t\tp.report(\"metadata\", -1)\n\t}",
		"\tfor i, e := range x.Sources {\n\t\tif e == nil {\n\t\t\tp.fail(\"sources\", i, \"is nil\")\n\t\t\tcontinue\n\t\t}\n\t\tp.push(\"sources\", i)\n\t\twalkOutputOnlySource(e, p)",
		"\tfor i, e := range x.URLs {\n\t\tif e == nil {\n\t\t\tp.fail(\"urls\", i, \"is nil\")\n\t\t\tcontinue\n\t\t}\n\t}",
		"func walkOutputOnlySource(x *Source, p *fieldPath) {",
	} {
		if !strings.Contains(walkers, want) {
			t.Errorf("outputonly_gen.go lacks %q:\n%s", want, walkers)
		}
	}
	if strings.Contains(walkers, "walkOutputOnlyURL(") {
		t.Errorf("a walker for URL, which holds no output-only field:\n%s", walkers)
	}
	for _, want := range []string{
		"const personTextDepth = 2\n",
		"func walkUTF8Person(x *Person, p *fieldPath) {",
		"\tif !utf8.ValidString(x.AgeRange) {\n\t\tp.fail(\"ageRange\", -1, notUTF8)\n\t}",
		"\tfor i, e := range x.URLs {\n\t\tif e != nil {\n\t\t\tp.push(\"urls\", i)\n\t\t\twalkUTF8URL(e, p)\n\t\t\tp.pop()\n\t\t}\n\t}",
		"func walkUTF8Source(x *Source, p *fieldPath) {\n\tif !utf8.ValidString(string(x.Type)) {\n\t\tp.fail(\"type\", -1, notUTF8)\n\t}",
	} {
		if !strings.Contains(utf8Walkers, want) {
			t.Errorf("validutf8_gen.go lacks %q:\n%s", want, utf8Walkers)
		}
	}
	for _, unwanted := range []string{"walkUTF8PersonMetadata", "x.Metadata", "x.Tags"} {
		if strings.Contains(utf8Walkers, unwanted) {
			t.Errorf("validutf8_gen.go walks %s, which holds no string:\n%s", unwanted, utf8Walkers)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"no schemas":          `{"schemas": {}}`,
		"not JSON":            `{"schemas": `,
		"properties an array": `{"schemas": {"Person": {"properties": []}}}`,
		"property twice":      `{"schemas": {"Person": {"properties": {"a": {"type": "string"}, "a": {"type": "string"}}}}}`,
		"no Person":           `{"schemas": {"Url": {"properties": {}}}}`,
		"missing $ref":        `{"schemas": {"Person": {"properties": {"a": {"$ref": "Nope"}}}}}`,
		"unknown type":        `{"schemas": {"Person": {"properties": {"a": {"type": "number"}}}}}`,
		"array without items": `{"schemas": {"Person": {"properties": {"a": {"type": "array"}}}}}`,
		"object without map":  `{"schemas": {"Person": {"properties": {"a": {"type": "object"}}}}}`,
		"schema without doc":  `{"schemas": {"Person": {"properties": {"a": {"$ref": "Undocumented"}}}, "Undocumented": {}}}`,
		"a cycle of $ref":     `{"schemas": {"Person": {"properties": {"a": {"$ref": "Person"}, "b": {"type": "string"}}}}}`,
		"a map of strings":    `{"schemas": {"Person": {"properties": {"a": {"type": "object", "additionalProperties": {"type": "string"}}}}}}`,
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, err := ParseDocument([]byte(doc))
			if err == nil {
				_, err = Generate(d, "v0")
			}
			if err == nil {
				t.Fatal("no error")
			}
		})
	}
}
