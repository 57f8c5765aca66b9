// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

const testUser = "importer@example.com"

// The sample files' invalid records, with a part of the reason each must fail with.
var (
	csvInvalid = map[int]string{
		17:  "Birthday (birthdays[0].date.day)",
		58:  "Birthday (birthdays[0].date.month)",
		199: "Custom Field 1 (userDefined[0].key)",
		244: "Event 1 - Value (events[0].date.day)",
		311: "Birthday (birthdays[0].date.day)",
		402: `Birthday: cannot read the date "next spring"`,
		477: "Birthday (birthdays)",
	}
	csvRows  = 500
	csvValid = csvRows - len(csvInvalid)

	vcardInvalid = map[int]string{12: "BDAY (birthdays[0].date.day)"}
	vcardCards   = 20
	vcardValid   = vcardCards - len(vcardInvalid)
)

// sample copies a file of testdata into a fresh directory, so that the report and the
// checkpoint are written there, and returns its path.
func sample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// emulator starts a peopletest server for the test and returns it with the target that
// reaches it as testUser.
func emulator(t *testing.T, opts ...peopletest.Option) (*peopletest.Server, *target) {
	t.Helper()
	srv := peopletest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv, &target{
		Banner: "test", Label: "the test emulator", ID: "test " + srv.URL,
		Opts: srv.ClientOptions(testUser), User: testUser, Emulator: true, Close: func() {},
	}
}

// run is one import of path against tgt, and what it printed.
type run struct {
	sum      *summary
	out, err string
}

// runImport imports path. stop, when not nil, ends the run between requests; hook is
// called after each request.
func runImport(t *testing.T, ctx context.Context, tgt *target, o options, stop context.Context, hook func(int)) run {
	t.Helper()
	if stop == nil {
		stop = context.Background()
	}
	if o.ChunkSize == 0 {
		o.ChunkSize = 200
	}
	if o.WritesPerMinute == 0 {
		o.WritesPerMinute = -1
	}
	var out, errOut bytes.Buffer
	in, err := readInput(o.In, o.Format, o.Encoding)
	if err != nil {
		t.Fatalf("readInput: %v", err)
	}
	if in.Notice != "" {
		fmt.Fprintln(&out, in.Notice)
	}
	im := &importer{opts: o, tgt: tgt, out: &out, errOut: &errOut, stop: stop, onRequest: hook}
	sum, err := im.run(ctx, in)
	if err != nil {
		t.Fatalf("run: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errOut.String())
	}
	sum.print(&out)
	return run{sum: sum, out: out.String(), err: errOut.String()}
}

// lines returns the lines of r.
func lines(t *testing.T, r io.Reader) []string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// recordsOf returns the records of in.
func recordsOf(in *input) []*record {
	return slices.Collect(in.records())
}

// readCSV reads a CSV file from r, detecting its encoding.
func readCSV(name string, r io.Reader) (*input, error) { return readFrom(name, "csv", r) }

// readVCard reads a vCard file from r, detecting its encoding.
func readVCard(name string, r io.Reader) (*input, error) { return readFrom(name, "vcard", r) }

func readFrom(name, format string, r io.Reader) (*input, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return readData(name, format, data, "")
}
