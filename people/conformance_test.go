// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/internal/gen/genmodel"
)

// This file checks against the discovery document of the People API that
// google.golang.org/api ships (people/v1/people-api.json) what the generator of person.go
// (internal/gen/genmodel) does not already guarantee: that the hand-written types of the wire
// format match their schemas, and that validateContact refuses every output-only (readOnly)
// property wherever it occurs, at the path it names, and no writable one. That each generated
// type has a field per property, of a fitting type, is the generator's work;
// TestGeneratedFilesUpToDate proves the committed files are what it writes.

// loadPeopleDiscovery reads the People API discovery document from the module cache.
func loadPeopleDiscovery(t *testing.T) *genmodel.Document {
	t.Helper()
	src, err := genmodel.Locate(t.Context(), ".")
	if err != nil {
		t.Fatal(err)
	}
	d, err := genmodel.LoadDocument(src.Path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sortedProps returns the property names of s, sorted.
func sortedProps(s *genmodel.Schema) []string {
	return slices.Sorted(slices.Values(s.Properties.Names()))
}

// contactToCreate is the ContactToCreate schema, one contact of a batchCreateContacts
// request. The SDK writes request bodies without it (requestbody.go), and no user needs it;
// tests decode request bodies into it, and TestConformanceHandWrittenTypes keeps it in step
// with the discovery document.
type contactToCreate struct {
	ContactPerson *Person `json:"contactPerson,omitempty"`
}

// handWrittenTypes are the Go types of the wire format that are written by hand, by schema
// name.
var handWrittenTypes = map[string]reflect.Type{
	"ContactToCreate": reflect.TypeFor[contactToCreate](),
	"PersonResponse":  reflect.TypeFor[PersonResponse](),
	"Status":          reflect.TypeFor[Status](),
}

// modelGoType returns the Go type of a schema that a hand-written type refers to, or nil.
func modelGoType(schema string) reflect.Type {
	if schema == "Person" {
		return reflect.TypeFor[Person]()
	}
	return handWrittenTypes[schema]
}

// fieldOverride is the exact Go type of a property whose Go type is not the plain one that
// typeFits expects, and the discovery type the property must still have.
type fieldOverride struct {
	goType   reflect.Type
	jsonType string
}

// fieldOverrides lists the properties of the hand-written types, as "Schema.property", whose
// Go type is a named type of the SDK: the discovery type is too loose to check by kind, or the
// SDK gives the field a type of its own.
var fieldOverrides = map[string]fieldOverride{
	"Status.code":    {reflect.TypeFor[Code](), "integer"},
	"Status.details": {reflect.TypeFor[Details](), "array"},
}

// jsonFields returns the exported fields of t by JSON name, and a problem for each exported
// field that has no JSON name.
func jsonFields(t reflect.Type) (map[string]reflect.StructField, []string) {
	fields := map[string]reflect.StructField{}
	var problems []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _ := f.Tag.Lookup("json")
		name, _, _ := strings.Cut(tag, ",")
		switch name {
		case "-":
			continue
		case "":
			problems = append(problems, fmt.Sprintf("%s.%s has no json tag", t.Name(), f.Name))
			continue
		}
		fields[name] = f
	}
	return fields, problems
}

// schemaMismatches compares schema name of d with the struct type typ. goType returns
// the Go type of a schema name, or nil; overrides are as fieldOverrides. It returns one line
// per mismatch.
func schemaMismatches(d *genmodel.Document, name string, typ reflect.Type, goType func(string) reflect.Type, overrides map[string]fieldOverride) []string {
	s := d.Schemas[name]
	if s == nil {
		return []string{"no schema " + name}
	}
	if typ.Kind() != reflect.Struct {
		return []string{fmt.Sprintf("schema %s: Go type %v is not a struct", name, typ)}
	}
	fields, problems := jsonFields(typ)
	for _, jname := range sortedFieldNames(fields) {
		if s.Properties.Get(jname) == nil {
			problems = append(problems, fmt.Sprintf("%s.%s: json name %q is not a property of schema %s",
				typ.Name(), fields[jname].Name, jname, name))
		}
	}
	for _, prop := range sortedProps(s) {
		f, ok := fields[prop]
		if !ok {
			problems = append(problems, fmt.Sprintf("schema %s.%s: %s has no field with json name %q",
				name, prop, typ.Name(), prop))
			continue
		}
		if want, ok := overrides[name+"."+prop]; ok {
			if f.Type != want.goType {
				problems = append(problems, fmt.Sprintf("%s.%s is %v, want %v", typ.Name(), f.Name, f.Type, want.goType))
			}
			if got := s.Properties.Get(prop); got.Type != want.jsonType || got.Ref != "" {
				problems = append(problems, fmt.Sprintf("schema %s.%s has type %q, want %q for %s.%s of type %v",
					name, prop, got.Type+got.Ref, want.jsonType, typ.Name(), f.Name, want.goType))
			}
			continue
		}
		if why := typeFits(s.Properties.Get(prop), f.Type, goType); why != "" {
			problems = append(problems, fmt.Sprintf("%s.%s (schema %s.%s) is %v: %s",
				typ.Name(), f.Name, name, prop, f.Type, why))
		}
	}
	return problems
}

func sortedFieldNames(m map[string]reflect.StructField) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// typeFits returns "" when a Go type fits a discovery property, else what was expected.
func typeFits(p *genmodel.Property, t reflect.Type, goType func(string) reflect.Type) string {
	if p.Ref != "" {
		want := goType(p.Ref)
		if want == nil {
			return "no Go type for schema " + p.Ref
		}
		if t != reflect.PointerTo(want) {
			return fmt.Sprintf("want *%v for $ref %s", want, p.Ref)
		}
		return ""
	}
	switch p.Type {
	case "string":
		// Exactly string: a named type may decode differently, so each one is listed in
		// fieldOverrides.
		if t != reflect.TypeFor[string]() {
			return "want string for type string"
		}
	case "integer":
		switch t.Kind() {
		case reflect.Int, reflect.Int32, reflect.Int64:
		default:
			return "want an int kind for type integer"
		}
	case "number":
		if t.Kind() != reflect.Float64 && t.Kind() != reflect.Float32 {
			return "want a float kind for type number"
		}
	case "boolean":
		if t.Kind() != reflect.Bool {
			return "want bool for type boolean"
		}
	case "array":
		if t.Kind() != reflect.Slice {
			return "want a slice for type array"
		}
		if p.Items == nil {
			return "array without items"
		}
		if why := typeFits(p.Items, t.Elem(), goType); why != "" {
			return "element: " + why
		}
	case "object":
		if p.AdditionalProperties == nil {
			return "object without additionalProperties (use a $ref)"
		}
		if t.Kind() != reflect.Map || t.Key().Kind() != reflect.String {
			return "want map[string]T for an object with additionalProperties"
		}
		if why := typeFits(p.AdditionalProperties, t.Elem(), goType); why != "" {
			return "map value: " + why
		}
	case "any":
		if t.Kind() != reflect.Interface && t != reflect.TypeFor[json.RawMessage]() {
			return "want an interface or json.RawMessage for type any"
		}
	default:
		return "unexpected discovery type " + strconv.Quote(p.Type)
	}
	return ""
}

// TestConformanceHandWrittenTypes checks each hand-written type of the wire format against its
// schema: a field for every property and a property for every field, of fitting types.
func TestConformanceHandWrittenTypes(t *testing.T) {
	t.Parallel()
	d := loadPeopleDiscovery(t)
	for name, typ := range handWrittenTypes {
		for _, p := range schemaMismatches(d, name, typ, modelGoType, fieldOverrides) {
			t.Error(p)
		}
	}
}

// Fake schemas and structs that prove schemaMismatches can fail.

type conformanceFakeChild struct {
	Value string `json:"value,omitempty"`
}

type conformanceFakeGood struct {
	Name  string                  `json:"name,omitempty"`
	Count int                     `json:"count,omitempty"`
	Tags  []string                `json:"tags,omitempty"`
	Child *conformanceFakeChild   `json:"child,omitempty"`
	Kids  []*conformanceFakeChild `json:"kids,omitempty"`
	Attrs map[string]string       `json:"attrs,omitempty"`
	On    bool                    `json:"on,omitempty"`
	skip  int                     // unexported: ignored
}

type conformanceFakeMissing struct { // no "count"
	Name  string                  `json:"name,omitempty"`
	Tags  []string                `json:"tags,omitempty"`
	Child *conformanceFakeChild   `json:"child,omitempty"`
	Kids  []*conformanceFakeChild `json:"kids,omitempty"`
	Attrs map[string]string       `json:"attrs,omitempty"`
	On    bool                    `json:"on,omitempty"`
}

type conformanceFakeExtra struct { // "extra" is no property
	Name  string                  `json:"name,omitempty"`
	Count int32                   `json:"count,omitempty"`
	Tags  []string                `json:"tags,omitempty"`
	Child *conformanceFakeChild   `json:"child,omitempty"`
	Kids  []*conformanceFakeChild `json:"kids,omitempty"`
	Attrs map[string]string       `json:"attrs,omitempty"`
	On    bool                    `json:"on,omitempty"`
	Extra string                  `json:"extra,omitempty"`
}

type conformanceFakeWrong struct {
	Name  int                    `json:"name,omitempty"`  // string property
	Count string                 `json:"count,omitempty"` // integer property
	Tags  []int                  `json:"tags,omitempty"`  // array of string
	Child conformanceFakeChild   `json:"child,omitempty"` // $ref needs a pointer
	Kids  []conformanceFakeChild `json:"kids,omitempty"`  // array of $ref needs []*T
	Attrs []string               `json:"attrs,omitempty"` // object needs a map
	On    string                 `json:"on,omitempty"`    // boolean
}

type conformanceFakeUntagged struct {
	Name  string                  `json:"name,omitempty"`
	Count int64                   `json:"count,omitempty"`
	Tags  []string                `json:"tags,omitempty"`
	Child *conformanceFakeChild   `json:"child,omitempty"`
	Kids  []*conformanceFakeChild `json:"kids,omitempty"`
	Attrs map[string]string       `json:"attrs,omitempty"`
	On    bool                    `json:"on,omitempty"`
	Loose string
}

// conformanceFakeKind is a named string type, like SourceType.
type conformanceFakeKind string

type conformanceFakeKindGood struct {
	Kind  conformanceFakeKind `json:"kind,omitempty"` // overridden
	Label string              `json:"label,omitempty"`
}

type conformanceFakeKindLoose struct {
	Kind  string              `json:"kind,omitempty"`  // the override wants conformanceFakeKind
	Label conformanceFakeKind `json:"label,omitempty"` // a named type without an override
}

type conformanceFakeKindMissing struct { // no "kind"
	Label string `json:"label,omitempty"`
}

func TestConformanceCheckerFails(t *testing.T) {
	t.Parallel()
	// FakeKindInt is FakeKind with the overridden property turned into an integer.
	schemas, err := genmodel.ParseDocument([]byte(`{"schemas": {
		"Fake": {"id": "Fake", "type": "object", "properties": {
			"name":  {"type": "string"},
			"count": {"type": "integer", "format": "int32"},
			"tags":  {"type": "array", "items": {"type": "string"}},
			"child": {"$ref": "Child"},
			"kids":  {"type": "array", "items": {"$ref": "Child"}},
			"attrs": {"type": "object", "additionalProperties": {"type": "string"}},
			"on":    {"type": "boolean"}
		}},
		"Child": {"id": "Child", "type": "object", "properties": {"value": {"type": "string"}}},
		"FakeKind": {"id": "FakeKind", "type": "object", "properties": {
			"kind":  {"type": "string", "enum": ["A", "B"]},
			"label": {"type": "string"}
		}},
		"FakeKindInt": {"id": "FakeKindInt", "type": "object", "properties": {
			"kind":  {"type": "integer", "format": "int32"},
			"label": {"type": "string"}
		}}
	}}`))
	if err != nil {
		t.Fatal(err)
	}
	overrides := map[string]fieldOverride{
		"FakeKind.kind":    {reflect.TypeFor[conformanceFakeKind](), "string"},
		"FakeKindInt.kind": {reflect.TypeFor[conformanceFakeKind](), "string"},
	}
	goType := func(name string) reflect.Type {
		if name == "Child" {
			return reflect.TypeFor[conformanceFakeChild]()
		}
		return nil
	}
	tests := map[string]struct {
		schema string // "Fake" when empty
		typ    reflect.Type
		want   []string // one substring per expected mismatch, in order
	}{
		"good":           {"", reflect.TypeFor[conformanceFakeGood](), nil},
		"missing field":  {"", reflect.TypeFor[conformanceFakeMissing](), []string{`schema Fake.count: conformanceFakeMissing has no field with json name "count"`}},
		"extra field":    {"", reflect.TypeFor[conformanceFakeExtra](), []string{`conformanceFakeExtra.Extra: json name "extra" is not a property of schema Fake`}},
		"untagged field": {"", reflect.TypeFor[conformanceFakeUntagged](), []string{"conformanceFakeUntagged.Loose has no json tag"}},
		"wrong kinds": {"", reflect.TypeFor[conformanceFakeWrong](), []string{
			"conformanceFakeWrong.Attrs (schema Fake.attrs)",
			"conformanceFakeWrong.Child (schema Fake.child)",
			"conformanceFakeWrong.Count (schema Fake.count)",
			"conformanceFakeWrong.Kids (schema Fake.kids)",
			"conformanceFakeWrong.Name (schema Fake.name)",
			"conformanceFakeWrong.On (schema Fake.on)",
			"conformanceFakeWrong.Tags (schema Fake.tags)",
		}},
		"named type overridden": {"FakeKind", reflect.TypeFor[conformanceFakeKindGood](), nil},
		"named types misplaced": {"FakeKind", reflect.TypeFor[conformanceFakeKindLoose](), []string{
			"conformanceFakeKindLoose.Kind is string, want people.conformanceFakeKind",
			"conformanceFakeKindLoose.Label (schema FakeKind.label) is people.conformanceFakeKind: want string for type string",
		}},
		"overridden field missing": {"FakeKind", reflect.TypeFor[conformanceFakeKindMissing](), []string{
			`schema FakeKind.kind: conformanceFakeKindMissing has no field with json name "kind"`,
		}},
		"overridden property changed kind": {"FakeKindInt", reflect.TypeFor[conformanceFakeKindGood](), []string{
			`schema FakeKindInt.kind has type "integer", want "string"`,
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			schema := tt.schema
			if schema == "" {
				schema = "Fake"
			}
			got := schemaMismatches(schemas, schema, tt.typ, goType, overrides)
			if len(got) != len(tt.want) {
				t.Fatalf("mismatches:\n%s\nwant %d containing:\n%s", strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("mismatch %d = %q, want it to contain %q", i, got[i], tt.want[i])
				}
			}
		})
	}
	// A schema that the document lacks is a mismatch too.
	if got := schemaMismatches(schemas, "Nope", reflect.TypeFor[conformanceFakeGood](), goType, overrides); len(got) != 1 {
		t.Errorf("missing schema: %q, want one mismatch", got)
	}
	_ = conformanceFakeGood{skip: 0} // the unexported field is ignored, not a mismatch
}

// schemaStep is one step of a path from Person down to a nested schema.
type schemaStep struct {
	prop     string // JSON name
	list     bool   // the property is an array: the walk goes through element 0
	readOnly bool
}

// schemaPaths returns every path of properties from schema from to schema to, without
// going through a schema twice.
func schemaPaths(d *genmodel.Document, from, to string) [][]schemaStep {
	var out [][]schemaStep
	var walk func(cur string, path []schemaStep, onPath map[string]bool)
	walk = func(cur string, path []schemaStep, onPath map[string]bool) {
		if cur == to {
			out = append(out, slices.Clone(path))
			return
		}
		onPath[cur] = true
		defer delete(onPath, cur)
		s := d.Schemas[cur]
		for _, prop := range sortedProps(s) {
			p := s.Properties.Get(prop)
			step := schemaStep{prop: prop, readOnly: p.ReadOnly}
			next := p.Ref
			if p.Type == "array" && p.Items != nil && p.Items.Ref != "" {
				step.list, next = true, p.Items.Ref
			}
			if next == "" || onPath[next] {
				continue
			}
			walk(next, append(path, step), onPath)
		}
	}
	walk(from, nil, map[string]bool{})
	return out
}

// stepsString renders a path as validateContact names fields: "names[0].metadata".
func stepsString(steps []schemaStep) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.prop)
		if s.list {
			b.WriteString("[0]")
		}
	}
	return b.String()
}

// fieldByJSON returns the field of struct value v whose JSON name is name.
func fieldByJSON(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		tag, _ := t.Field(i).Tag.Lookup("json")
		if n, _, _ := strings.Cut(tag, ","); n == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// personWith builds a Person in which the path steps lead to a struct whose property prop
// is set to a non-zero value.
func personWith(steps []schemaStep, prop string) (*Person, error) {
	p := new(Person)
	cur := reflect.ValueOf(p).Elem()
	for _, s := range steps {
		f, ok := fieldByJSON(cur, s.prop)
		if !ok {
			return nil, fmt.Errorf("%s has no field %q", cur.Type(), s.prop)
		}
		if s.list {
			if f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.Pointer {
				return nil, fmt.Errorf("%s.%s is %v, want []*T", cur.Type(), s.prop, f.Type())
			}
			sl := reflect.MakeSlice(f.Type(), 1, 1)
			e := reflect.New(f.Type().Elem().Elem())
			sl.Index(0).Set(e)
			f.Set(sl)
			cur = e.Elem()
			continue
		}
		if f.Kind() != reflect.Pointer {
			return nil, fmt.Errorf("%s.%s is %v, want *T", cur.Type(), s.prop, f.Type())
		}
		e := reflect.New(f.Type().Elem())
		f.Set(e)
		cur = e.Elem()
	}
	f, ok := fieldByJSON(cur, prop)
	if !ok {
		return nil, fmt.Errorf("%s has no field %q", cur.Type(), prop)
	}
	if err := setNonZero(f); err != nil {
		return nil, fmt.Errorf("%s.%s: %w", cur.Type(), prop, err)
	}
	return p, nil
}

// setNonZero sets v to a small non-zero value of its type.
func setNonZero(v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Slice:
		sl := reflect.MakeSlice(v.Type(), 1, 1)
		if err := setNonZero(sl.Index(0)); err != nil {
			return err
		}
		v.Set(sl)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		if err := setNonZero(k); err != nil {
			return err
		}
		if err := setNonZero(e); err != nil {
			return err
		}
		m.SetMapIndex(k, e)
		v.Set(m)
	default:
		return fmt.Errorf("cannot set a %v", v.Type())
	}
	return nil
}

// TestConformanceReadOnlyRefused sets each readOnly property of the schemas reachable from
// Person, through every path that leads to it, and expects validateContact to name it. A
// property below a readOnly one is reported at its outermost readOnly ancestor, which the
// walker refuses whole.
func TestConformanceReadOnlyRefused(t *testing.T) {
	t.Parallel()
	d := loadPeopleDiscovery(t)
	reach, err := d.Reachable("Person")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range reach {
		s := d.Schemas[name]
		paths := schemaPaths(d, "Person", name)
		if len(paths) == 0 {
			t.Errorf("no path from Person to %s", name)
		}
		for _, prop := range sortedProps(s) {
			if !s.Properties.Get(prop).ReadOnly {
				continue
			}
			for _, steps := range paths {
				full := append(slices.Clone(steps), schemaStep{prop: prop, readOnly: true})
				// The outermost readOnly step is reported whole: without an index.
				i := slices.IndexFunc(full, func(s schemaStep) bool { return s.readOnly })
				want := full[i].prop
				if i > 0 {
					want = stepsString(full[:i]) + "." + want
				}
				p, err := personWith(steps, prop)
				if err != nil {
					t.Errorf("%s.%s via %q: %v", name, prop, stepsString(steps), err)
					continue
				}
				n++
				problems := validateContact(0, p)
				found := false
				for _, pr := range problems {
					if pr.Index == 0 && pr.Field == want {
						found = true
					}
				}
				if !found {
					b, _ := json.Marshal(p)
					t.Errorf("readOnly %s.%s set at %q: validateContact reports %v, want a problem at %q\nperson: %s",
						name, prop, stepsString(full), problemFields(problems), want, b)
				}
			}
		}
	}
	if n < 39 {
		t.Errorf("checked %d readOnly placements, want at least the 39 readOnly properties", n)
	}
}

// TestConformanceWritableNotRefused sets each writable scalar property reachable from Person
// without passing a readOnly one, and expects no problem at its path: the walker refuses
// exactly the output-only fields. resourceName and etag are refused by their own rule.
func TestConformanceWritableNotRefused(t *testing.T) {
	t.Parallel()
	d := loadPeopleDiscovery(t)
	reach, err := d.Reachable("Person")
	if err != nil {
		t.Fatal(err)
	}
	serverSet := map[string]bool{"resourceName": true, "etag": true}
	for _, name := range reach {
		s := d.Schemas[name]
	paths:
		for _, steps := range schemaPaths(d, "Person", name) {
			for _, st := range steps {
				if st.readOnly {
					continue paths
				}
			}
			for _, prop := range sortedProps(s) {
				pp := s.Properties.Get(prop)
				if pp.ReadOnly || pp.Ref != "" || (pp.Items != nil && pp.Items.Ref != "") {
					continue
				}
				if len(steps) == 0 && serverSet[prop] {
					continue
				}
				p, err := personWith(steps, prop)
				if err != nil {
					t.Errorf("%s.%s via %q: %v", name, prop, stepsString(steps), err)
					continue
				}
				at := prop
				if len(steps) > 0 {
					at = stepsString(steps) + "." + prop
				}
				for _, pr := range validateContact(0, p) {
					if pr.Field == at {
						t.Errorf("writable %s.%s: validateContact refuses %q: %s", name, prop, at, pr.Reason)
					}
				}
			}
		}
	}
}

func problemFields(ps []*ValidationError) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Field
	}
	return out
}
