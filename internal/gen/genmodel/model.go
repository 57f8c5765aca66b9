// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"fmt"
	"slices"
	"strings"
)

// modelFile returns the source of person.go, before gofmt: a struct for each schema in order,
// each followed by the named enum types of its properties.
func modelFile(d *Document, order []string, header string) (string, error) {
	var out []string
	for _, name := range order {
		s := d.Schemas[name]
		doc, ok := typeDocs[name]
		if !ok {
			return "", fmt.Errorf("genmodel: schema %s has no doc comment in typeDocs", name)
		}
		first, rest, _ := strings.Cut(doc, "\n")
		out = append(out, "// "+TypeName(name)+" "+first)
		if rest != "" {
			for l := range strings.SplitSeq(rest, "\n") {
				out = append(out, strings.TrimRight("// "+l, " "))
			}
		}
		out = append(out, "type "+TypeName(name)+" struct {")
		props := slices.Sorted(slices.Values(s.Properties.Names()))
		for _, pn := range props {
			lines, err := fieldLines(name, pn, s.Properties.Get(pn))
			if err != nil {
				return "", err
			}
			out = append(out, lines...)
		}
		out = append(out, "}", "")
		for _, pn := range props {
			if e, ok := namedEnums[name+"."+pn]; ok {
				out = append(out, enumDecl(e, s.Properties.Get(pn))...)
			}
		}
	}
	return header + strings.Join(out, "\n"), nil
}

// fieldLines returns the doc comment lines and the declaration of the field for property pn
// of schema.
func fieldLines(schema, pn string, p *Property) ([]string, error) {
	typ, err := fieldType(schema, pn, p)
	if err != nil {
		return nil, err
	}
	fn := FieldName(pn)
	var notes []string
	if p.ReadOnly {
		notes = append(notes, "Output only: set by the server, never sent on create.")
	}
	if e, ok := namedEnums[schema+"."+pn]; ok {
		notes = append(notes, "One of the "+e.typ+" constants: "+strings.Join(p.Enum, ", ")+".")
	} else if len(p.Enum) > 0 {
		notes = append(notes, "One of: "+strings.Join(p.Enum, ", ")+".")
	}
	if p.Items != nil && len(p.Items.Enum) > 0 {
		notes = append(notes, "Each one of: "+strings.Join(p.Items.Enum, ", ")+".")
	}
	switch fn {
	case "ResourceName":
		notes = append(notes, "ResourceName names the person, as people/{id}. Assigned by the server; leave it empty on create.")
	case "Etag":
		notes = append(notes, "Etag is the entity tag of the person. Assigned by the server; leave it empty on create.")
	}
	var out []string
	for _, n := range notes {
		out = append(out, "\t// "+n)
	}
	if p.Deprecated {
		if len(notes) > 0 {
			out = append(out, "\t//")
		}
		out = append(out, "\t// Deprecated: the People API deprecates this field.")
	}
	out = append(out, fmt.Sprintf("\t%s %s `json:\"%s,omitempty\"`", fn, typ, pn))
	return out, nil
}

// enumDecl returns the declaration of named enum type e for property p: the type, a constant
// for each value, and known<Type>.
func enumDecl(e namedEnum, p *Property) []string {
	tn := e.typ
	var out []string
	out = append(out, comment(tn+" "+e.doc, "")...)
	out = append(out, "type "+tn+" string", "", "// The "+tn+" values.", "const (")
	for i, value := range p.Enum {
		c := enumConst(tn, value)
		doc := c + " is " + value + "."
		if i < len(p.EnumDescriptions) && p.EnumDescriptions[i] != "" {
			doc = c + " is " + value + ": " + plainDoc(p.EnumDescriptions[i])
		}
		out = append(out, comment(doc, "\t")...)
		out = append(out, "\t"+c+" "+tn+` = "`+value+`"`)
	}
	out = append(out, ")", "",
		"// known"+tn+" returns the "+tn+" constant whose value is b, without allocating.",
		"func known"+tn+"(b []byte) ("+tn+", bool) {",
		"\tswitch string(b) {")
	for _, value := range p.Enum {
		c := enumConst(tn, value)
		out = append(out, "\tcase string("+c+"):", "\t\treturn "+c+", true")
	}
	out = append(out, "\t}", "\treturn \"\", false", "}", "")
	return out
}
