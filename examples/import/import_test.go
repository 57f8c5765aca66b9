// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/oauth2/google"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// counts is what a test expects of a summary.
type counts struct {
	Created, Existing, Failed, NotSent, Unknown int
}

func countsOf(s *summary) counts {
	return counts{s.Created, s.Existing, s.Failed, s.NotSent, s.Unknown}
}

func TestImportCSV(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.csv")
	r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)

	if diff := cmp.Diff(counts{Created: csvValid, Failed: len(csvInvalid)}, countsOf(r.sum)); diff != "" {
		t.Errorf("counts (-want +got):\n%s\n%s", diff, r.out)
	}
	if r.sum.ok() {
		t.Error("summary ok with failed rows: the exit status would be 0")
	}
	checkStored(t, srv, testUser, path, csvInvalid)
	checkCSVReport(t, path, r.sum.Report, csvInvalid)
	// Three requests of at most 200, one at a time.
	if got := mutations(srv); got != 3 {
		t.Errorf("%d mutate requests, want 3", got)
	}
	if got := srv.MaxInFlight(testUser); got != 1 {
		t.Errorf("MaxInFlight = %d, want 1", got)
	}
	for _, want := range []string{"8 photo URLs were not downloaded: a run on an emulator downloads from loopback addresses only",
		"groups             2  created, of 2 labels", "row 402 (line 684) Pablo Modelsen: Birthday: cannot read"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("output lacks %q:\n%s", want, r.out)
		}
	}
	if !strings.Contains(r.err, "progress: 499/499 contacts after 3 requests: 493 created, 6 failed") {
		t.Errorf("progress lines:\n%s", r.err)
	}
}

func TestImportVCard(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.vcf")
	r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)

	if diff := cmp.Diff(counts{Created: vcardValid, Failed: len(vcardInvalid)}, countsOf(r.sum)); diff != "" {
		t.Errorf("counts (-want +got):\n%s\n%s", diff, r.out)
	}
	checkStored(t, srv, testUser, path, vcardInvalid)

	// The report holds the invalid card as it was, plus its reason, and reads back.
	f, err := os.Open(r.sum.Report)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := readVCard("contacts.report.vcf", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(recordsOf(rep)) != len(vcardInvalid) {
		t.Fatalf("report holds %d cards, want %d", len(recordsOf(rep)), len(vcardInvalid))
	}
	in, err := readInput(path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	orig := recordsOf(in)[11]
	got := recordsOf(rep)[0]
	if !strings.HasPrefix(got.raw, strings.TrimSuffix(orig.raw, "END:VCARD\r\n")) {
		t.Errorf("report card does not start with the original card:\n%s", got.raw)
	}
	if !strings.Contains(unfold(got.raw), reportProperty+":"+vcardInvalid[12]) {
		t.Errorf("report card lacks the reason %q:\n%s", vcardInvalid[12], got.raw)
	}
	if diff := cmp.Diff(orig.Person, got.Person); diff != "" {
		t.Errorf("report card reads back differently (-orig +report):\n%s", diff)
	}
}

func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

func TestDryRun(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"contacts.csv", "contacts.vcf"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, tgt := emulator(t)
			path := sample(t, name)
			r := runImport(t, t.Context(), tgt, options{In: path, DryRun: true}, nil, nil)
			if got := srv.Requests(); len(got) != 0 {
				t.Errorf("a dry run sent %d requests", len(got))
			}
			invalid := csvInvalid
			if name == "contacts.vcf" {
				invalid = vcardInvalid
			}
			if r.sum.Failed != len(invalid) || r.sum.Created != 0 {
				t.Errorf("dry run: %d failed, %d created; want %d, 0", r.sum.Failed, r.sum.Created, len(invalid))
			}
			for _, f := range r.sum.Failures {
				if want, ok := invalid[f.rec.Num]; !ok || !strings.Contains(f.reason, want) {
					t.Errorf("%s: %s; want a reason with %q", f.rec.where(), f.reason, want)
				}
			}
			if _, err := os.Stat(path + ".journal"); !os.IsNotExist(err) {
				t.Errorf("a dry run wrote a journal: %v", err)
			}
			if !strings.Contains(r.out, "nothing was sent") {
				t.Errorf("the summary does not say that nothing was sent:\n%s", r.out)
			}
		})
	}
}

// TestFixedReportImports fixes the report's rows and imports it: what was created before
// is not touched, and the fixed rows are created.
func TestFixedReportImports(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.csv")
	r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	b, err := os.ReadFile(r.sum.Report)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, row := range rows[1:] {
		row[col["Birthday"]] = "1990-01-01"
		row[col["E-mail 1 - Label"]] = ""
		row[col["Custom Field 1 - Label"]] = "Tag"
		row[col["Event 1 - Value"]] = "2019-04-30"
	}
	var fixed strings.Builder
	w := csv.NewWriter(&fixed)
	w.WriteAll(rows)
	if err := os.WriteFile(r.sum.Report, []byte(fixed.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runImport(t, t.Context(), tgt, options{In: r.sum.Report}, nil, nil)
	if diff := cmp.Diff(counts{Created: len(csvInvalid)}, countsOf(r.sum)); diff != "" {
		t.Errorf("importing the fixed report (-want +got):\n%s\n%s", diff, r.out)
	}
	if got := len(srv.Contacts(testUser)); got != csvRows {
		t.Errorf("%d contacts stored, want %d", got, csvRows)
	}
	if r.sum.Report != "" {
		t.Errorf("a report was written with nothing failed: %s", r.sum.Report)
	}
}

// TestRealMain runs the command itself: with no credentials it runs on the embedded emulator and
// says so on its first line; with PEOPLE_EMULATOR_HOST it uses that emulator.
func TestRealMain(t *testing.T) {
	noADC := func(context.Context) (*google.Credentials, error) { return nil, os.ErrNotExist }
	t.Run("embedded", func(t *testing.T) {
		t.Setenv(people.EmulatorHostEnv, "")
		var out, errOut strings.Builder
		path := sample(t, "contacts.csv")
		code := realMain(t.Context(), t.Context(), []string{"-in", path}, env{stdout: &out, stderr: &errOut, findADC: noADC})
		if code != 1 {
			t.Errorf("exit status %d with failed rows, want 1", code)
		}
		first, _, _ := strings.Cut(out.String(), "\n")
		if !strings.Contains(first, "embedded People API emulator") || !strings.Contains(first, "nothing reaches Google") {
			t.Errorf("first line %q does not say that it runs on the embedded emulator", first)
		}
		if !strings.Contains(out.String(), "created          493") {
			t.Errorf("output:\n%s", out.String())
		}
		// The embedded emulator keeps nothing once the command ends: no journal.
		if _, err := os.Stat(path + ".journal"); !os.IsNotExist(err) {
			t.Errorf("a run on the embedded emulator wrote a journal: %v", err)
		}
	})
	t.Run("PEOPLE_EMULATOR_HOST", func(t *testing.T) {
		srv := peopletest.NewServer()
		defer srv.Close()
		t.Setenv(people.EmulatorHostEnv, strings.TrimPrefix(srv.URL, "http://"))
		var out, errOut strings.Builder
		path := sample(t, "contacts.vcf")
		code := realMain(t.Context(), t.Context(), []string{"-in", path}, env{stdout: &out, stderr: &errOut, findADC: noADC})
		if code != 1 {
			t.Errorf("exit status %d with a failed card, want 1", code)
		}
		if first, _, _ := strings.Cut(out.String(), "\n"); !strings.Contains(first, people.EmulatorHostEnv) {
			t.Errorf("first line %q does not name the emulator", first)
		}
		if got := len(srv.Contacts(peopletest.DefaultUser)); got != vcardValid {
			t.Errorf("%d contacts stored, want %d", got, vcardValid)
		}
	})
	t.Run("usage", func(t *testing.T) {
		var out, errOut strings.Builder
		if code := realMain(t.Context(), t.Context(), nil, env{stdout: &out, stderr: &errOut, findADC: noADC}); code != 2 {
			t.Errorf("exit status %d without -in, want 2", code)
		}
	})
	t.Run("all created", func(t *testing.T) {
		t.Setenv(people.EmulatorHostEnv, "")
		dir := t.TempDir()
		path := dir + "/ok.csv"
		os.WriteFile(path, []byte("First Name,Last Name,E-mail 1 - Value\nAda,Example,ada@example.com\n"), 0o600)
		var out, errOut strings.Builder
		if code := realMain(t.Context(), t.Context(), []string{"-in", path}, env{stdout: &out, stderr: &errOut, findADC: noADC}); code != 0 {
			t.Errorf("exit status %d, want 0:\n%s%s", code, out.String(), errOut.String())
		}
	})
}

// checkStored checks that the server holds each valid record of path exactly once, by marker.
func checkStored(t *testing.T, srv *peopletest.Server, user, path string, invalid map[int]string) {
	t.Helper()
	in, err := readInput(path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range recordsOf(in) {
		if _, bad := invalid[r.Num]; !bad {
			want = append(want, r.marker())
		}
	}
	var got []string
	for _, p := range srv.Contacts(user) {
		got = append(got, people.Marker(p, markerKey))
	}
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("stored markers (-want +got):\n%s", diff)
	}
	if d := srv.Duplicates(user); d != 0 {
		t.Errorf("%d duplicates", d)
	}
}

// checkCSVReport checks that the report holds exactly the invalid rows of path, unchanged,
// each with a reason.
func checkCSVReport(t *testing.T, path, report string, invalid map[int]string) {
	t.Helper()
	orig := readCSVFile(t, path)
	rep := readCSVFile(t, report)
	if diff := cmp.Diff(append(slices.Clone(orig[0]), reportColumn), rep[0]); diff != "" {
		t.Errorf("report header (-want +got):\n%s", diff)
	}
	var got []int
	for _, row := range rep[1:] {
		reason := row[len(row)-1]
		num := slices.IndexFunc(orig, func(o []string) bool { return slices.Equal(o, row[:len(row)-1]) })
		if num < 1 {
			t.Errorf("report row is not a row of the input: %q", row)
			continue
		}
		got = append(got, num)
		if want := invalid[num]; !strings.Contains(reason, want) {
			t.Errorf("row %d: reason %q, want one with %q", num, reason, want)
		}
	}
	var want []int
	for num := range invalid {
		want = append(want, num)
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report rows (-want +got):\n%s", diff)
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// mutations counts the batchCreateContacts requests the server answered.
func mutations(srv *peopletest.Server) int {
	return requestsOf(srv, peopletest.MutationBatchCreateContacts)
}

// requestsOf counts the mutate requests of method m the server answered.
func requestsOf(srv *peopletest.Server, m peopletest.Mutation) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Mutation == m {
			n++
		}
	}
	return n
}

// TestServerRefusal checks a contact that the server refuses, which the SDK's validation
// cannot know about: the others of its request are created, and the report names the column.
func TestServerRefusal(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	srv.AddFaults(peopletest.Fault{Request: 1, Status: 400, Body: []byte(`{"error": {
	  "code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
	  "details": [{"@type": "type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails",
	    "contactErrors": {"1": {"code": 3, "message": "Invalid person.email_addresses[0]: not an address.",
	      "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [
	        {"field": "contacts[1].contact_person.email_addresses[0].value", "description": "Not an address."}]}]}}}]}}`)})
	path := filepath.Join(t.TempDir(), "three.csv")
	os.WriteFile(path, []byte("First Name,E-mail 1 - Label,E-mail 1 - Value\n"+
		"Ada,Home,ada@example.com\nGrace,Work,grace at example\nAlan,,alan@example.com\n"), 0o600)
	r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	if diff := cmp.Diff(counts{Created: 2, Failed: 1}, countsOf(r.sum)); diff != "" {
		t.Errorf("counts (-want +got):\n%s\n%s", diff, r.out)
	}
	want := "refused by the server: E-mail 1 - Value (emailAddresses[0].value): Not an address."
	if len(r.sum.Failures) != 1 || r.sum.Failures[0].rec.Num != 2 || r.sum.Failures[0].reason != want {
		t.Errorf("failures: %+v, want row 2 with %q", r.sum.Failures, want)
	}
	checkCSVReport(t, path, r.sum.Report, map[int]string{2: want})
}

func TestProgressBar(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	v := newProgress(&b, true, 10)
	v.update(people.Progress{Requests: 1, Counts: people.Counts{Created: 4, Failed: 1}, Remaining: 5})
	v.say("a note")
	v.update(people.Progress{Requests: 2, Counts: people.Counts{Created: 9, Failed: 1}})
	v.done()
	for _, want := range []string{"created 9, failed 1", "10/10", "a note"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("bar output lacks %q: %q", want, b.String())
		}
	}
}
