// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Command genmodel writes the typed model of package people and the walks that validate it,
// person.go, outputonly_gen.go and validutf8_gen.go, from the People API discovery document
// that google.golang.org/api ships. Package people runs it through go generate:
//
//	go generate ./people
//
// By default it reads the document from the module cache, at the version of
// google.golang.org/api that go.mod requires, and writes into the current directory.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/peoplebatch/peoplebatch-go/internal/gen/genmodel"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genmodel:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("genmodel", flag.ContinueOnError)
	out := fs.String("out", ".", "the `directory` to write the files into")
	discovery := fs.String("discovery", "", "the discovery document `file`; empty: people/v1/people-api.json of google.golang.org/api in the module cache")
	version := fs.String("version", "", "the version of google.golang.org/api named in the header, with -discovery")
	if err := fs.Parse(args); err != nil {
		return err
	}
	src := genmodel.Source{Path: *discovery, Version: *version}
	if src.Path == "" {
		var err error
		if src, err = genmodel.Locate(ctx, "."); err != nil {
			return err
		}
	}
	if src.Version == "" {
		return fmt.Errorf("-discovery needs -version")
	}
	d, err := genmodel.LoadDocument(src.Path)
	if err != nil {
		return err
	}
	files, err := genmodel.Generate(d, src.Version)
	if err != nil {
		return err
	}
	return genmodel.Write(*out, files)
}
