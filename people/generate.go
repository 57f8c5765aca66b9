// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

// person.go, outputonly_gen.go and validutf8_gen.go are generated from the People API
// discovery document that google.golang.org/api ships, at the version go.mod requires;
// TestGeneratedFilesUpToDate fails when they differ from what the generator writes.
//go:generate go run ../internal/cmd/genmodel
