// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"regexp"
	"strings"
)

// typeNames maps the schema names whose Go name differs: Go initialisms.
var typeNames = map[string]string{
	"Url":         "URL",
	"CalendarUrl": "CalendarURL",
	"ImClient":    "IMClient",
	"SipAddress":  "SIPAddress",
	"ExternalId":  "ExternalID",
}

// TypeName returns the Go name of the type generated for a schema.
func TypeName(schema string) string {
	if n, ok := typeNames[schema]; ok {
		return n
	}
	return schema
}

var (
	urlSuffix = regexp.MustCompile(`Url(s?)$`)
	idSuffix  = regexp.MustCompile(`Id(s?)$`)
)

// FieldName returns the Go name of the field generated for a property: the name capitalized,
// with the initialisms URL, ID and IM spelled as Go spells them.
func FieldName(property string) string {
	if property == "" {
		return ""
	}
	n := strings.ToUpper(property[:1]) + property[1:]
	n = urlSuffix.ReplaceAllString(n, "URL$1")
	n = strings.ReplaceAll(n, "Urls", "URLs")
	if n == "Url" {
		n = "URL"
	}
	n = idSuffix.ReplaceAllString(n, "ID$1")
	n = strings.ReplaceAll(n, "Ids", "IDs")
	if n == "ImClients" {
		n = "IMClients"
	}
	return n
}

// screaming returns a Go name in upper snake case: SourceType gives SOURCE_TYPE.
func screaming(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i > 0 && 'A' <= r && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// enumConst returns the name of the constant of type typ for an enum value: the value without
// the type's own prefix, in camel case after the type name. SourceType and
// SOURCE_TYPE_UNSPECIFIED give SourceTypeUnspecified; SourceType and OTHER_CONTACT give
// SourceTypeOtherContact.
func enumConst(typ, value string) string {
	v := strings.TrimPrefix(value, screaming(typ)+"_")
	var b strings.Builder
	b.WriteString(typ)
	for w := range strings.SplitSeq(v, "_") {
		if w == "" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + strings.ToLower(w[1:]))
	}
	return b.String()
}

var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)

// plainDoc turns the Markdown links of a description into plain text: "text (url)", or the URL
// alone when it is also the text.
func plainDoc(text string) string {
	return markdownLink.ReplaceAllStringFunc(text, func(link string) string {
		m := markdownLink.FindStringSubmatch(link)
		if m[1] == m[2] {
			return m[2]
		}
		return m[1] + " (" + m[2] + ")"
	})
}
