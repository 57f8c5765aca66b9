// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"fmt"
	"strings"
)

// goType returns the Go type of a property: a pointer for a $ref, a slice of pointers for an
// array of $ref, int for any integer, map[string]T for an object with additionalProperties.
func goType(p *Property) (string, error) {
	if p.Ref != "" {
		return "*" + TypeName(p.Ref), nil
	}
	switch p.Type {
	case "array":
		if p.Items == nil {
			return "", fmt.Errorf("an array without items")
		}
		if p.Items.Ref != "" {
			return "[]*" + TypeName(p.Items.Ref), nil
		}
		t, err := goType(p.Items)
		if err != nil {
			return "", err
		}
		return "[]" + t, nil
	case "string":
		return "string", nil
	case "integer":
		return "int", nil
	case "boolean":
		return "bool", nil
	case "object":
		if p.AdditionalProperties == nil {
			return "", fmt.Errorf("an object without additionalProperties")
		}
		t, err := goType(p.AdditionalProperties)
		if err != nil {
			return "", err
		}
		return "map[string]" + t, nil
	}
	return "", fmt.Errorf("no Go type for type %q", p.Type)
}

// fieldType returns the Go type of property prop of schema: its named enum type, or goType.
func fieldType(schema, prop string, p *Property) (string, error) {
	if e, ok := namedEnums[schema+"."+prop]; ok {
		return e.typ, nil
	}
	t, err := goType(p)
	if err != nil {
		return "", fmt.Errorf("genmodel: %s.%s: %w", schema, prop, err)
	}
	return t, nil
}

// isSet returns the Go condition that holds when field of x, of Go type typ, is not its zero
// value.
func isSet(field, typ string) string {
	switch {
	case strings.HasPrefix(typ, "[]"), strings.HasPrefix(typ, "map"):
		return "len(x." + field + ") > 0"
	case strings.HasPrefix(typ, "*"):
		return "x." + field + " != nil"
	case typ == "bool":
		return "x." + field
	case typ == "int":
		return "x." + field + " != 0"
	}
	return "x." + field + ` != ""` // string and the named string types
}
