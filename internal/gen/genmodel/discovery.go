// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// Document is the part of a Google API discovery document that the generator reads.
type Document struct {
	// Schemas holds the document's schemas by name.
	Schemas map[string]*Schema `json:"schemas"`
}

// Schema is one entry of a discovery document's "schemas".
type Schema struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Properties Properties `json:"properties"`
}

// Property is a property of a [Schema], or the items or additionalProperties schema of one.
type Property struct {
	Type                 string    `json:"type"`
	Format               string    `json:"format"`
	Ref                  string    `json:"$ref"`
	ReadOnly             bool      `json:"readOnly"`
	Deprecated           bool      `json:"deprecated"`
	Enum                 []string  `json:"enum"`
	EnumDescriptions     []string  `json:"enumDescriptions"`
	Items                *Property `json:"items"`
	AdditionalProperties *Property `json:"additionalProperties"`
}

// Properties holds the properties of a [Schema] in the order of the document, which decides
// the order in which the generator meets the schemas they refer to.
type Properties struct {
	names  []string
	byName map[string]*Property
}

// Names returns the property names in the order of the document.
func (ps Properties) Names() []string { return ps.names }

// Get returns the property called name, or nil.
func (ps Properties) Get(name string) *Property { return ps.byName[name] }

// Len returns the number of properties.
func (ps Properties) Len() int { return len(ps.names) }

// UnmarshalJSON decodes a JSON object of properties, keeping the order of its keys.
func (ps *Properties) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // null: no properties
		*ps = Properties{}
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("genmodel: properties: want an object, got %v", tok)
	}
	out := Properties{byName: map[string]*Property{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string) // an object key is always a string
		var p Property
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("genmodel: property %q: %w", name, err)
		}
		if _, dup := out.byName[name]; dup {
			return fmt.Errorf("genmodel: property %q appears twice", name)
		}
		out.names = append(out.names, name)
		out.byName[name] = &p
	}
	*ps = out
	return nil
}

// LoadDocument reads and decodes the discovery document at path.
func LoadDocument(path string) (*Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseDocument(b)
}

// ParseDocument decodes a discovery document.
func ParseDocument(b []byte) (*Document, error) {
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("genmodel: discovery document: %w", err)
	}
	if len(d.Schemas) == 0 {
		return nil, fmt.Errorf("genmodel: discovery document has no schemas")
	}
	return &d, nil
}

// Reachable returns root and every schema that root reaches through $ref, in the order of a
// depth-first walk over the properties in document order: the order of the generated types.
func (d *Document) Reachable(root string) ([]string, error) {
	var order []string
	seen := map[string]bool{}
	var walk func(name string) error
	walk = func(name string) error {
		if seen[name] {
			return nil
		}
		s := d.Schemas[name]
		if s == nil {
			return fmt.Errorf("genmodel: no schema %s", name)
		}
		seen[name] = true
		order = append(order, name)
		for _, pn := range s.Properties.Names() {
			p := s.Properties.Get(pn)
			for _, x := range []*Property{p, p.Items, p.AdditionalProperties} {
				if x != nil && x.Ref != "" {
					if err := walk(x.Ref); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, err
	}
	return order, nil
}
