// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
)

// textNode is where strings lie in a type: a string itself, or the fields, elements or
// pointee that hold strings. It is built once for Person, by reflection, and then only
// followed.
type textNode struct {
	isString bool
	kind     reflect.Kind // Struct, Pointer or Slice, when not a string
	elem     *textNode    // of a Pointer or Slice
	fields   []textField  // of a Struct: only those that hold strings
}

type textField struct {
	index int
	name  string // the JSON name, as paths use it
	node  *textNode
}

// personText is the textNode of Person, built at first use.
var personText = sync.OnceValue(func() *textNode { return textOf(reflect.TypeFor[Person](), map[reflect.Type]*textNode{}) })

// textOf returns the textNode of t, or nil when t holds no string.
func textOf(t reflect.Type, seen map[reflect.Type]*textNode) *textNode {
	if n, ok := seen[t]; ok {
		return n
	}
	switch t.Kind() {
	case reflect.String:
		return &textNode{isString: true}
	case reflect.Pointer, reflect.Slice:
		n := &textNode{kind: t.Kind()}
		seen[t] = n
		if n.elem = textOf(t.Elem(), seen); n.elem == nil {
			seen[t] = nil
			return nil
		}
		return n
	case reflect.Struct:
		n := &textNode{kind: reflect.Struct}
		seen[t] = n
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if fn := textOf(f.Type, seen); fn != nil {
				n.fields = append(n.fields, textField{index: i, name: name, node: fn})
			}
		}
		if len(n.fields) == 0 {
			seen[t] = nil
			return nil
		}
		return n
	}
	return nil
}

// checkUTF8 reports every string of c that is not valid UTF-8, which the server would
// receive with U+FFFD in place of its bad bytes.
func checkUTF8(c *Person, p *fieldPath) {
	root := personText()
	v := reflect.ValueOf(c).Elem()
	for _, f := range root.fields {
		walkText(v.Field(f.index), f.node, f.name, -1, p)
	}
}

// walkText checks the strings of v, which lies at name (element i of it, unless i is -1).
func walkText(v reflect.Value, n *textNode, name string, i int, p *fieldPath) {
	switch {
	case n.isString:
		if !utf8.ValidString(v.String()) {
			p.fail(name, i, "is not valid UTF-8")
		}
	case n.kind == reflect.Pointer:
		if !v.IsNil() {
			walkText(v.Elem(), n.elem, name, i, p)
		}
	case n.kind == reflect.Slice:
		for k := range v.Len() {
			walkText(v.Index(k), n.elem, name, k, p)
		}
	case n.kind == reflect.Struct:
		if p.depth >= maxPathDepth-1 {
			return
		}
		p.push(name, i)
		for _, f := range n.fields {
			walkText(v.Field(f.index), f.node, f.name, -1, p)
		}
		p.pop()
	}
}
