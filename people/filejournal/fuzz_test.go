// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
)

// FuzzOpen checks that any file content opens or fails with a *CorruptError, never panics,
// and that what opens can be appended to and opened again.
func FuzzOpen(f *testing.F) {
	f.Add([]byte("a0b1c2d3 {\"h\":{}}\n"))
	f.Add([]byte("00000000 {\"e\":[{\"m\":\"a\",\"s\":\"created\"}]}\n"))
	f.Add([]byte("half a line"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "j")
		os.WriteFile(path, data, 0o600)
		j, err := filejournal.Open(path)
		var ce *filejournal.CorruptError
		if err != nil {
			if !errors.As(err, &ce) {
				t.Fatalf("Open = %v; want nil or a *CorruptError", err)
			}
			return
		}
		if err := j.Start(t.Context(), testHeader); err != nil {
			t.Fatal(err)
		}
		j.Close()
		j, err = filejournal.Open(path)
		if err != nil {
			t.Fatalf("reopening what opened: %v", err)
		}
		j.Close()
	})
}
