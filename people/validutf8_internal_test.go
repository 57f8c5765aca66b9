// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestCheckUTF8ReachesEveryString sets each string of a Person that reflection finds, one at
// a time, to bytes that are not UTF-8, and checks that the generated walk reports that field,
// and only it, at its JSON path: a string the generator passed over fails here.
func TestCheckUTF8ReachesEveryString(t *testing.T) {
	t.Parallel()
	var paths []string
	forEachString(reflect.TypeFor[Person](), "", func(path string, set func(reflect.Value)) {
		paths = append(paths, path)
		var c Person
		set(reflect.ValueOf(&c).Elem())
		p := fieldPath{index: 3}
		checkUTF8(&c, &p)
		if len(p.problems) != 1 || p.problems[0].Field != path || p.problems[0].Index != 3 || p.problems[0].Reason != notUTF8 {
			var got []string
			for _, pr := range p.problems {
				got = append(got, strconv.Itoa(pr.Index)+" "+pr.Field+": "+pr.Reason)
			}
			t.Errorf("bad bytes at %s: problems %q, want one at contact 3, %s", path, got, path)
		}
	})
	if len(paths) < 100 {
		t.Fatalf("reflection found %d strings in a Person, want the model's hundred and more", len(paths))
	}
	var c Person
	p := fieldPath{}
	checkUTF8(&c, &p)
	if len(p.problems) != 0 {
		t.Errorf("an empty Person has %d problems", len(p.problems))
	}
}

// forEachString calls visit for each string of type t (a struct, through its pointer and
// slice fields) with its JSON path, the second element of each list, and a function that
// sets that string, and nothing else, to bytes that are not UTF-8.
func forEachString(t reflect.Type, prefix string, visit func(path string, set func(reflect.Value))) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		path := prefix + name
		into := func(set func(reflect.Value)) func(reflect.Value) {
			return func(v reflect.Value) { set(v.Field(i)) }
		}
		ft := f.Type
		switch {
		case ft.Kind() == reflect.String:
			visit(path, into(func(v reflect.Value) { v.SetString("\xff") }))
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			visit(path+"[1]", into(func(v reflect.Value) {
				v.Set(reflect.MakeSlice(ft, 2, 2))
				v.Index(1).SetString("\xff")
			}))
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			forEachString(ft.Elem(), path+".", func(sub string, set func(reflect.Value)) {
				visit(sub, into(func(v reflect.Value) {
					v.Set(reflect.New(ft.Elem()))
					set(v.Elem())
				}))
			})
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Pointer:
			forEachString(ft.Elem().Elem(), path+"[1].", func(sub string, set func(reflect.Value)) {
				visit(sub, into(func(v reflect.Value) {
					v.Set(reflect.MakeSlice(ft, 2, 2)) // the first entry nil: passed over
					v.Index(1).Set(reflect.New(ft.Elem().Elem()))
					set(v.Index(1).Elem())
				}))
			})
		}
	}
}
