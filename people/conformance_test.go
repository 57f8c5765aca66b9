// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// This file checks the typed model against the discovery document of the People API that
// google.golang.org/api ships (people/v1/people-api.json): every property has a field, every
// field a property, each field's Go type fits the property's type, and every output-only
// (readOnly) property is refused by validateContact.

// discoveryProperty is a property, or an items or additionalProperties schema, of a schema
// of a Google API discovery document.
type discoveryProperty struct {
	Type                 string             `json:"type"`
	Format               string             `json:"format"`
	Ref                  string             `json:"$ref"`
	ReadOnly             bool               `json:"readOnly"`
	Enum                 []string           `json:"enum"`
	Items                *discoveryProperty `json:"items"`
	AdditionalProperties *discoveryProperty `json:"additionalProperties"`
}

// discoverySchema is one entry of a discovery document's "schemas".
type discoverySchema struct {
	ID         string                        `json:"id"`
	Type       string                        `json:"type"`
	Properties map[string]*discoveryProperty `json:"properties"`
}

// loadPeopleDiscovery reads the People API discovery document from the module cache. It
// skips the test only when the go command cannot be found.
func loadPeopleDiscovery(t *testing.T) map[string]*discoverySchema {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not available: %v", err)
	}
	cmd := exec.Command(goCmd, "list", "-m", "-f", "{{.Dir}}", "google.golang.org/api")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m google.golang.org/api: %v\n%s", err, stderr.String())
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		t.Fatal("google.golang.org/api is not in the module cache; run go mod download")
	}
	b, err := os.ReadFile(filepath.Join(dir, "people", "v1", "people-api.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schemas map[string]*discoverySchema `json:"schemas"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("people-api.json: %v", err)
	}
	if len(doc.Schemas) == 0 {
		t.Fatal("people-api.json has no schemas")
	}
	return doc.Schemas
}

// refsOf returns the schemas a property refers to, directly or through items and
// additionalProperties.
func refsOf(p *discoveryProperty) []string {
	var out []string
	for q := p; q != nil; {
		if q.Ref != "" {
			out = append(out, q.Ref)
		}
		if q.AdditionalProperties != nil {
			out = append(out, refsOf(q.AdditionalProperties)...)
		}
		q = q.Items
	}
	return out
}

// reachableSchemas returns root and every schema reachable from it, sorted.
func reachableSchemas(schemas map[string]*discoverySchema, root string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		s := schemas[name]
		if s == nil {
			return
		}
		for _, prop := range sortedProps(s) {
			for _, r := range refsOf(s.Properties[prop]) {
				walk(r)
			}
		}
	}
	walk(root)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func sortedProps(s *discoverySchema) []string {
	out := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// goTypeNames maps the discovery schema names whose Go name differs (Go initialisms).
var goTypeNames = map[string]string{
	"Url":         "URL",
	"CalendarUrl": "CalendarURL",
	"ImClient":    "IMClient",
	"SipAddress":  "SIPAddress",
	"ExternalId":  "ExternalID",
}

func goTypeName(schema string) string {
	if n, ok := goTypeNames[schema]; ok {
		return n
	}
	return schema
}

// modelTypes are the Go types of the model, by Go name.
var modelTypes = typesByName(
	reflect.TypeFor[Address](), reflect.TypeFor[AgeRangeType](), reflect.TypeFor[Biography](),
	reflect.TypeFor[Birthday](), reflect.TypeFor[BraggingRights](), reflect.TypeFor[CalendarURL](),
	reflect.TypeFor[ClientData](), reflect.TypeFor[ContactGroupMembership](), reflect.TypeFor[CoverPhoto](),
	reflect.TypeFor[Date](), reflect.TypeFor[DomainMembership](), reflect.TypeFor[EmailAddress](),
	reflect.TypeFor[Event](), reflect.TypeFor[ExternalID](), reflect.TypeFor[FieldMetadata](),
	reflect.TypeFor[FileAs](), reflect.TypeFor[Gender](), reflect.TypeFor[IMClient](),
	reflect.TypeFor[Interest](), reflect.TypeFor[Locale](), reflect.TypeFor[Location](),
	reflect.TypeFor[Membership](), reflect.TypeFor[MiscKeyword](), reflect.TypeFor[Name](),
	reflect.TypeFor[Nickname](), reflect.TypeFor[Occupation](), reflect.TypeFor[Organization](),
	reflect.TypeFor[Person](), reflect.TypeFor[PersonMetadata](), reflect.TypeFor[PhoneNumber](),
	reflect.TypeFor[Photo](), reflect.TypeFor[ProfileMetadata](), reflect.TypeFor[Relation](),
	reflect.TypeFor[RelationshipInterest](), reflect.TypeFor[RelationshipStatus](), reflect.TypeFor[Residence](),
	reflect.TypeFor[SIPAddress](), reflect.TypeFor[Skill](), reflect.TypeFor[Source](),
	reflect.TypeFor[Tagline](), reflect.TypeFor[URL](), reflect.TypeFor[UserDefined](),
	reflect.TypeFor[PersonResponse](), reflect.TypeFor[Status](), reflect.TypeFor[ContactToCreate](),
)

func typesByName(ts ...reflect.Type) map[string]reflect.Type {
	m := make(map[string]reflect.Type, len(ts))
	for _, t := range ts {
		m[t.Name()] = t
	}
	return m
}

// fieldOverride is the exact Go type of a property whose Go type is not the plain one that
// typeFits expects, and the discovery type the property must still have.
type fieldOverride struct {
	goType   reflect.Type
	jsonType string
}

// fieldOverrides lists the properties, as "Schema.property", whose Go type is a named type of
// the SDK: the discovery type is too loose to check by kind, or the SDK gives the field a
// type of its own.
var fieldOverrides = map[string]fieldOverride{
	"Status.code":    {reflect.TypeFor[Code](), "integer"},
	"Status.details": {reflect.TypeFor[Details](), "array"},
	"Source.type":    {reflect.TypeFor[SourceType](), "string"},
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

// schemaMismatches compares schema name of schemas with the struct type typ. goType returns
// the Go type of a schema name, or nil; overrides are as fieldOverrides. It returns one line
// per mismatch.
func schemaMismatches(schemas map[string]*discoverySchema, name string, typ reflect.Type, goType func(string) reflect.Type, overrides map[string]fieldOverride) []string {
	s := schemas[name]
	if s == nil {
		return []string{"no schema " + name}
	}
	if typ.Kind() != reflect.Struct {
		return []string{fmt.Sprintf("schema %s: Go type %v is not a struct", name, typ)}
	}
	fields, problems := jsonFields(typ)
	for _, jname := range sortedFieldNames(fields) {
		if _, ok := s.Properties[jname]; !ok {
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
			if got := s.Properties[prop]; got.Type != want.jsonType || got.Ref != "" {
				problems = append(problems, fmt.Sprintf("schema %s.%s has type %q, want %q for %s.%s of type %v",
					name, prop, got.Type+got.Ref, want.jsonType, typ.Name(), f.Name, want.goType))
			}
			continue
		}
		if why := typeFits(s.Properties[prop], f.Type, goType); why != "" {
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
func typeFits(p *discoveryProperty, t reflect.Type, goType func(string) reflect.Type) string {
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

// modelGoType returns the Go type of a discovery schema name, or nil.
func modelGoType(schema string) reflect.Type { return modelTypes[goTypeName(schema)] }

func TestConformanceSchemasMatchGoTypes(t *testing.T) {
	t.Parallel()
	schemas := loadPeopleDiscovery(t)
	reach := reachableSchemas(schemas, "Person")
	if len(reach) != 42 {
		t.Errorf("%d schemas reachable from Person, want 42 (Person and 41 others): %v", len(reach), reach)
	}
	checked := append(slices.Clone(reach), "PersonResponse", "Status", "ContactToCreate")
	seen := map[string]bool{}
	for _, name := range checked {
		typ := modelGoType(name)
		if typ == nil {
			t.Errorf("schema %s: no Go type %s in the model", name, goTypeName(name))
			continue
		}
		seen[typ.Name()] = true
		if typ.Name() != goTypeName(name) {
			t.Errorf("schema %s maps to Go type %s, want %s", name, typ.Name(), goTypeName(name))
		}
		for _, p := range schemaMismatches(schemas, name, typ, modelGoType, fieldOverrides) {
			t.Error(p)
		}
	}
	// Every model type checked here stands for a schema of the document.
	for n := range modelTypes {
		if !seen[n] {
			t.Errorf("Go type %s matches no schema reachable from Person", n)
		}
	}
}

// TestConformanceSourceType checks Source.type, the one property with a named string type of
// its own, against the document: SourceType recognises every value of its enum, and the
// check of Source fails when the document drops the property or changes its type.
func TestConformanceSourceType(t *testing.T) {
	t.Parallel()
	schemas := loadPeopleDiscovery(t)
	prop := schemas["Source"].Properties["type"]
	if prop == nil || len(prop.Enum) == 0 {
		t.Fatalf("schema Source.type: %+v, want a string property with an enum", prop)
	}
	for _, v := range prop.Enum {
		if got, ok := knownSourceType([]byte(v)); !ok || got != SourceType(v) {
			t.Errorf("knownSourceType(%q) = %q, %v; want the constant (regenerate people/person.go)", v, got, ok)
		}
	}

	typ := reflect.TypeFor[Source]()
	if got := schemaMismatches(schemas, "Source", typ, modelGoType, fieldOverrides); len(got) != 0 {
		t.Fatalf("Source against the document: %q", got)
	}
	changed := map[string]struct {
		change func(props map[string]*discoveryProperty)
		want   string // the one mismatch
	}{
		"property removed": {func(props map[string]*discoveryProperty) { delete(props, "type") },
			`Source.Type: json name "type" is not a property of schema Source`},
		"type integer": {func(props map[string]*discoveryProperty) { props["type"] = &discoveryProperty{Type: "integer"} },
			`schema Source.type has type "integer", want "string"`},
		"type boolean": {func(props map[string]*discoveryProperty) { props["type"] = &discoveryProperty{Type: "boolean"} },
			`schema Source.type has type "boolean", want "string"`},
		"type $ref": {func(props map[string]*discoveryProperty) { props["type"] = &discoveryProperty{Ref: "ProfileMetadata"} },
			`schema Source.type has type "ProfileMetadata", want "string"`},
		"type array": {func(props map[string]*discoveryProperty) {
			props["type"] = &discoveryProperty{Type: "array", Items: &discoveryProperty{Type: "string"}}
		}, `schema Source.type has type "array", want "string"`},
	}
	for name, tt := range changed {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := *schemas["Source"]
			src.Properties = maps.Clone(src.Properties)
			tt.change(src.Properties)
			doc := maps.Clone(schemas)
			doc["Source"] = &src
			got := schemaMismatches(doc, "Source", typ, modelGoType, fieldOverrides)
			if len(got) != 1 || !strings.Contains(got[0], tt.want) {
				t.Errorf("mismatches %q, want one containing %q", got, tt.want)
			}
		})
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
	str := &discoveryProperty{Type: "string"}
	child := &discoveryProperty{Ref: "Child"}
	schemas := map[string]*discoverySchema{
		"Fake": {ID: "Fake", Type: "object", Properties: map[string]*discoveryProperty{
			"name":  str,
			"count": {Type: "integer", Format: "int32"},
			"tags":  {Type: "array", Items: str},
			"child": child,
			"kids":  {Type: "array", Items: child},
			"attrs": {Type: "object", AdditionalProperties: str},
			"on":    {Type: "boolean"},
		}},
		"Child": {ID: "Child", Type: "object", Properties: map[string]*discoveryProperty{"value": str}},
		"FakeKind": {ID: "FakeKind", Type: "object", Properties: map[string]*discoveryProperty{
			"kind":  {Type: "string", Enum: []string{"A", "B"}},
			"label": str,
		}},
		// FakeKind with the overridden property turned into an integer.
		"FakeKindInt": {ID: "FakeKindInt", Type: "object", Properties: map[string]*discoveryProperty{
			"kind":  {Type: "integer", Format: "int32"},
			"label": str,
		}},
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
func schemaPaths(schemas map[string]*discoverySchema, from, to string) [][]schemaStep {
	var out [][]schemaStep
	var walk func(cur string, path []schemaStep, onPath map[string]bool)
	walk = func(cur string, path []schemaStep, onPath map[string]bool) {
		if cur == to {
			out = append(out, slices.Clone(path))
			return
		}
		onPath[cur] = true
		defer delete(onPath, cur)
		s := schemas[cur]
		for _, prop := range sortedProps(s) {
			p := s.Properties[prop]
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
	schemas := loadPeopleDiscovery(t)
	n := 0
	for _, name := range reachableSchemas(schemas, "Person") {
		s := schemas[name]
		paths := schemaPaths(schemas, "Person", name)
		if len(paths) == 0 {
			t.Errorf("no path from Person to %s", name)
		}
		for _, prop := range sortedProps(s) {
			if !s.Properties[prop].ReadOnly {
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
	schemas := loadPeopleDiscovery(t)
	serverSet := map[string]bool{"resourceName": true, "etag": true}
	for _, name := range reachableSchemas(schemas, "Person") {
		s := schemas[name]
	paths:
		for _, steps := range schemaPaths(schemas, "Person", name) {
			for _, st := range steps {
				if st.readOnly {
					continue paths
				}
			}
			for _, prop := range sortedProps(s) {
				pp := s.Properties[prop]
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
