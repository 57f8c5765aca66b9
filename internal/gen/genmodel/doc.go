// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package genmodel generates the typed model of package people from the People API discovery
// document that google.golang.org/api ships (people/v1/people-api.json): the Person struct and
// every struct it reaches (person.go), and the walkers that find output-only fields
// (outputonly_gen.go).
//
// The command internal/cmd/genmodel runs it, behind the //go:generate line of package people;
// people's tests regenerate both files and fail when they differ from the committed ones.
package genmodel
