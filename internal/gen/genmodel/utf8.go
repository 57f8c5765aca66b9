// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"fmt"
	"slices"
	"strings"
)

// textSchemas tells which schemas hold a string, themselves or through a $ref, and how many
// levels of fields deep the deepest of them lies.
type textSchemas struct {
	doc   *Document
	memo  map[string]int // the depth of the deepest string below a schema; 0 for none
	doing map[string]bool
}

// depth returns how many fields deep the deepest string of schema name lies (1 for a string
// property of the schema itself), or 0 when it holds none. A schema that refers back to
// itself is an error, its walk would have no end, and so is a map that holds strings.
func (t *textSchemas) depth(name string) (int, error) {
	if v, ok := t.memo[name]; ok {
		return v, nil
	}
	if t.doing[name] {
		return 0, fmt.Errorf("genmodel: schema %s refers to itself through $ref", name)
	}
	t.doing[name] = true
	defer delete(t.doing, name)
	deepest := 0
	if s := t.doc.Schemas[name]; s != nil {
		for _, pn := range s.Properties.Names() {
			p := s.Properties.Get(pn)
			d, err := t.propertyDepth(p)
			if err != nil {
				return 0, err
			}
			if p.AdditionalProperties != nil {
				if vd, err := t.propertyDepth(p.AdditionalProperties); vd > 0 || err != nil {
					return 0, fmt.Errorf("genmodel: %s.%s: a map that holds strings, which the UTF-8 walk cannot name a path for", name, pn)
				}
			}
			deepest = max(deepest, d)
		}
	}
	t.memo[name] = deepest
	return deepest, nil
}

// propertyDepth returns how many fields deep the deepest string of property p lies, counting
// p itself, or 0 when it holds none.
func (t *textSchemas) propertyDepth(p *Property) (int, error) {
	ref := p.Ref
	switch {
	case ref == "" && p.Items != nil && p.Items.Ref != "":
		ref = p.Items.Ref
	case ref == "" && p.Type == "string", ref == "" && p.Items != nil && p.Items.Type == "string":
		return 1, nil
	}
	if ref == "" {
		return 0, nil // numbers, booleans, maps: no string is checked in them
	}
	d, err := t.depth(ref)
	if d == 0 || err != nil {
		return 0, err
	}
	return d + 1, nil
}

// utf8File returns the source of validutf8_gen.go: for each schema in order that holds a
// string, a walker that fails on each string that is not valid UTF-8, with its path, and goes
// down into the fields that hold strings; nil pointers and nil entries of lists are passed
// over (the output-only walk reports the latter). It also declares personTextDepth, the most
// path parts the walk of a Person pushes, which package people checks against its path's
// capacity at compile time.
func utf8File(d *Document, order []string, header string) (string, error) {
	t := &textSchemas{doc: d, memo: map[string]int{}, doing: map[string]bool{}}
	root, err := t.depth(order[0])
	if err != nil {
		return "", err
	}
	w := []string{header, `import "unicode/utf8"`, "",
		fmt.Sprintf("// personTextDepth is the most path parts that walkUTF8%s pushes, the failing field's included.", TypeName(order[0])),
		fmt.Sprintf("const personTextDepth = %d", root), ""}
	for _, name := range order {
		if t.memo[name] == 0 {
			continue
		}
		s := d.Schemas[name]
		tn := TypeName(name)
		w = append(w, fmt.Sprintf("func walkUTF8%s(x *%s, p *fieldPath) {", tn, tn))
		for _, pn := range slices.Sorted(slices.Values(s.Properties.Names())) {
			p := s.Properties.Get(pn)
			fn := FieldName(pn)
			typ, err := fieldType(name, pn, p)
			if err != nil {
				return "", err
			}
			switch {
			case typ == "string":
				w = append(w, fmt.Sprintf("\tif !utf8.ValidString(x.%s) {\n\t\tp.fail(%q, -1, notUTF8)\n\t}", fn, pn))
			case p.Ref == "" && p.Type == "string": // a named enum type
				w = append(w, fmt.Sprintf("\tif !utf8.ValidString(string(x.%s)) {\n\t\tp.fail(%q, -1, notUTF8)\n\t}", fn, pn))
			case typ == "[]string":
				w = append(w, fmt.Sprintf("\tfor i, s := range x.%s {\n\t\tif !utf8.ValidString(s) {\n\t\t\tp.fail(%q, i, notUTF8)\n\t\t}\n\t}", fn, pn))
			case p.Ref != "" && t.memo[p.Ref] > 0:
				w = append(w, fmt.Sprintf("\tif x.%s != nil {\n\t\tp.push(%q, -1)\n\t\twalkUTF8%s(x.%s, p)\n\t\tp.pop()\n\t}",
					fn, pn, TypeName(p.Ref), fn))
			case p.Items != nil && p.Items.Ref != "" && t.memo[p.Items.Ref] > 0:
				w = append(w, fmt.Sprintf("\tfor i, e := range x.%s {\n\t\tif e != nil {\n\t\t\tp.push(%q, i)\n\t\t\twalkUTF8%s(e, p)\n\t\t\tp.pop()\n\t\t}\n\t}",
					fn, pn, TypeName(p.Items.Ref)))
			}
		}
		w = append(w, "}", "")
	}
	return strings.Join(w, "\n"), nil
}
