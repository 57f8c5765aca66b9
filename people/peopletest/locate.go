// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
)

// This file finds where a body that encoding/json rejected goes wrong, so that the error can
// name the path the way Google's front end does: "Unknown name "x" at 'contacts[0].contact_person'".

// problem is the first offending path in a body and the message for it.
type problem struct {
	path string
	msg  string
}

func reflectTypeOf(v any) reflect.Type {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// locate walks v, a JSON value decoded with UseNumber, against the Go type t that
// encoding/json decoded it into, and reports the first unknown field or mistyped value. Keys
// are visited in sorted order.
func locate(v any, t reflect.Type, path string) (problem, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return problem{}, false // null leaves the zero value
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return mistyped(path, "an object", v), true
		}
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			f, ok := fieldByJSONName(t, key)
			if !ok {
				at := ""
				if path != "" {
					at = fmt.Sprintf(" at '%s'", path)
				}
				return problem{path, fmt.Sprintf("Invalid JSON payload received. Unknown name %q%s: Cannot find field.", key, at)}, true
			}
			if p, bad := locate(obj[key], f.Type, joinPath(path, snake(jsonName(f)))); bad {
				return p, true
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return mistyped(path, "an array", v), true
		}
		for i, e := range arr {
			if p, bad := locate(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); bad {
				return p, true
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return invalidValue(path, "TYPE_STRING", v), true
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return invalidValue(path, "TYPE_BOOL", v), true
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return invalidValue(path, "TYPE_INT32", v), true
		}
		if i, err := n.Int64(); err != nil || i < math.MinInt32 || i > math.MaxInt32 {
			return invalidValue(path, "TYPE_INT32", v), true
		}
	}
	return problem{}, false
}

// fieldByJSONName finds the field encoding/json would decode key into: the exact name first,
// then a case-insensitive match.
func fieldByJSONName(t reflect.Type, key string) (reflect.StructField, bool) {
	var fold *reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if name == key {
			return f, true
		}
		if fold == nil && strings.EqualFold(name, key) {
			fold = &f
		}
	}
	if fold != nil {
		return *fold, true
	}
	return reflect.StructField{}, false
}

func mistyped(path, want string, v any) problem {
	at := ""
	if path != "" {
		at = fmt.Sprintf(" at '%s'", path)
	}
	return problem{path, fmt.Sprintf("Invalid JSON payload received. Expected %s%s, got %s.", want, at, jsonText(v))}
}

func invalidValue(path, typ string, v any) problem {
	return problem{path, fmt.Sprintf("Invalid value at '%s' (%s), %s", path, typ, jsonText(v))}
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	if len(b) > 40 {
		b = append(b[:37], "..."...)
	}
	return string(b)
}
