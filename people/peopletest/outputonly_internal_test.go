// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOutputOnlyMatchesDiscovery holds the outputOnly table against every "readOnly": true
// property of the schemas reachable from Person in the discovery document shipped with
// google.golang.org/api, so that the table cannot drift from the API.
func TestOutputOnlyMatchesDiscovery(t *testing.T) {
	t.Parallel()
	out, err := exec.CommandContext(t.Context(), "go", "list", "-m", "-f", "{{.Dir}}", "google.golang.org/api").Output()
	if err != nil {
		t.Skipf("cannot locate google.golang.org/api: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "people", "v1", "people-api.json"))
	if err != nil {
		t.Skipf("no discovery document: %v", err)
	}
	type property struct {
		Ref      string    `json:"$ref"`
		ReadOnly bool      `json:"readOnly"`
		Items    *property `json:"items"`
	}
	var doc struct {
		Schemas map[string]struct {
			Properties map[string]property `json:"properties"`
		} `json:"schemas"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{} // lower-case schema name → readOnly properties
	var visit func(name string)
	visit = func(name string) {
		key := strings.ToLower(name)
		if _, seen := want[key]; seen {
			return
		}
		want[key] = []string{}
		for prop, p := range doc.Schemas[name].Properties {
			if p.ReadOnly {
				want[key] = append(want[key], prop)
			}
			if p.Ref != "" {
				visit(p.Ref)
			}
			if p.Items != nil && p.Items.Ref != "" {
				visit(p.Items.Ref)
			}
		}
	}
	visit("Person")
	if len(want) != 42 {
		t.Errorf("Person reaches %d schemas, want 42 (itself and 41 more)", len(want))
	}
	got := map[string][]string{}
	for name := range want {
		got[name] = []string{}
	}
	for typ, props := range outputOnly {
		got[strings.ToLower(typ.Name())] = slices.Clone(props)
		for _, p := range props {
			if _, ok := fieldByJSONName(typ, p); !ok {
				t.Errorf("%s has no field %q", typ.Name(), p)
			}
		}
	}
	sorted := cmp.Transformer("sort", func(s []string) []string { return slices.Sorted(slices.Values(s)) })
	if diff := cmp.Diff(want, got, sorted); diff != "" {
		t.Errorf("outputOnly differs from the discovery document (-discovery +table):\n%s", diff)
	}
}
