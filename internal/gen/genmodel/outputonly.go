// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"fmt"
	"slices"
	"strings"
)

// outputOnly tells which schemas hold an output-only (readOnly) property, themselves or
// through a $ref, and remembers the answers.
type outputOnly struct {
	doc  *Document
	memo map[string]bool
}

// holds reports whether schema name holds an output-only property. A schema met again while
// its own answer is being worked out counts as holding none, which ends the walk at cycles.
func (o *outputOnly) holds(name string) bool {
	if v, ok := o.memo[name]; ok {
		return v
	}
	o.memo[name] = false
	s := o.doc.Schemas[name]
	found := false
	if s != nil {
		for _, pn := range s.Properties.Names() {
			p := s.Properties.Get(pn)
			if p.ReadOnly {
				found = true
			}
			ref := p.Ref
			if ref == "" && p.Items != nil {
				ref = p.Items.Ref
			}
			if ref != "" && o.holds(ref) { // always asked, for the memo's sake
				found = true
			}
		}
	}
	o.memo[name] = found
	return found
}

// outputOnlyFile returns the source of outputonly_gen.go: for each schema in order that holds
// an output-only property, a walker that reports each output-only field that is set, goes down
// into the fields that hold some, and fails on a nil entry of a list of structs, which would
// be sent as JSON null.
func outputOnlyFile(d *Document, order []string, header string) (string, error) {
	o := &outputOnly{doc: d, memo: map[string]bool{}}
	w := []string{header}
	for _, name := range order {
		if !o.holds(name) {
			continue
		}
		s := d.Schemas[name]
		tn := TypeName(name)
		w = append(w, fmt.Sprintf("func walkOutputOnly%s(x *%s, p *fieldPath) {", tn, tn))
		for _, pn := range slices.Sorted(slices.Values(s.Properties.Names())) {
			p := s.Properties.Get(pn)
			fn := FieldName(pn)
			if p.ReadOnly {
				typ, err := fieldType(name, pn, p)
				if err != nil {
					return "", err
				}
				w = append(w, fmt.Sprintf("\tif %s {\n\t\tp.report(%q, -1)\n\t}", isSet(fn, typ), pn))
				continue
			}
			if p.Ref != "" && o.holds(p.Ref) {
				w = append(w, fmt.Sprintf("\tif x.%s != nil {\n\t\tp.push(%q, -1)\n\t\twalkOutputOnly%s(x.%s, p)\n\t\tp.pop()\n\t}",
					fn, pn, TypeName(p.Ref), fn))
			}
			if p.Items != nil && p.Items.Ref != "" {
				walk := ""
				if o.holds(p.Items.Ref) {
					walk = fmt.Sprintf("\t\tp.push(%q, i)\n\t\twalkOutputOnly%s(e, p)\n\t\tp.pop()\n", pn, TypeName(p.Items.Ref))
				}
				w = append(w, fmt.Sprintf("\tfor i, e := range x.%s {\n\t\tif e == nil {\n\t\t\tp.fail(%q, i, \"is nil\")\n\t\t\tcontinue\n\t\t}\n%s\t}",
					fn, pn, walk))
			}
		}
		w = append(w, "}", "")
	}
	return strings.Join(w, "\n"), nil
}
