// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/internal/gen/genmodel"
)

// TestGeneratedFilesUpToDate regenerates the model from the discovery document in the module
// cache into a temporary directory and diffs it against the committed files: a hand edit of a
// generated file, a change of the generator, or a new version of google.golang.org/api that
// was not followed by go generate ./people fails here.
func TestGeneratedFilesUpToDate(t *testing.T) {
	t.Parallel()
	src, err := genmodel.Locate(t.Context(), ".")
	if err != nil {
		t.Fatal(err)
	}
	d, err := genmodel.LoadDocument(src.Path)
	if err != nil {
		t.Fatal(err)
	}
	files, err := genmodel.Generate(d, src.Version)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := genmodel.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Errorf("the generator writes %d files, want person.go, outputonly_gen.go and validutf8_gen.go", len(files))
	}
	for _, f := range files {
		fresh, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(strings.Split(string(committed), "\n"), strings.Split(string(fresh), "\n")); diff != "" {
			t.Errorf("%s is not what go generate ./people writes (-committed +generated):\n%s", f.Name, diff)
		}
	}
}
