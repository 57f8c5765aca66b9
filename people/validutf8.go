// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// textNode is where strings lie in a type: a string itself, or the fields, elements or
// pointee that hold strings. It is built once for Person, by reflection, and then only
// followed.
//
// The walk reads memory through unsafe.Pointer at the offsets reflection gave when the node
// was built: reflect.Value.Field, which checks each field's export status on every call, made
// the walk cost three times the rest of validation.
type textNode struct {
	isString bool
	kind     reflect.Kind // Struct, Pointer or Slice, when not a string
	elem     *textNode    // of a Pointer or Slice
	elemSize uintptr      // of a Slice
	fields   []textField  // of a Struct: only those that hold strings
}

type textField struct {
	offset uintptr
	name   string // the JSON name, as paths use it
	node   *textNode
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
		n := &textNode{kind: t.Kind(), elemSize: t.Elem().Size()}
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
				n.fields = append(n.fields, textField{offset: f.Offset, name: name, node: fn})
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
	for _, f := range root.fields {
		walkText(unsafe.Add(unsafe.Pointer(c), f.offset), f.node, f.name, -1, p)
	}
}

// walkText checks the strings of the value at v, which lies at name (element i of it,
// unless i is -1).
func walkText(v unsafe.Pointer, n *textNode, name string, i int, p *fieldPath) {
	switch {
	case n.isString:
		if s := *(*string)(v); !utf8.ValidString(s) {
			p.fail(name, i, "is not valid UTF-8")
		}
	case n.kind == reflect.Pointer:
		if elem := *(*unsafe.Pointer)(v); elem != nil {
			walkText(elem, n.elem, name, i, p)
		}
	case n.kind == reflect.Slice:
		s := *(*[]byte)(v) // any slice's header: only its data pointer and length are read
		data := unsafe.Pointer(unsafe.SliceData(s))
		for k := range len(s) {
			walkText(unsafe.Add(data, uintptr(k)*n.elemSize), n.elem, name, k, p)
		}
	case n.kind == reflect.Struct:
		if p.depth >= maxPathDepth-1 {
			return
		}
		p.push(name, i)
		for _, f := range n.fields {
			walkText(unsafe.Add(v, f.offset), f.node, f.name, -1, p)
		}
		p.pop()
	}
}
