// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestAccountFull checks that the tool stops sending once the account holds as many contacts
// as it may, counts the rest as not sent rather than failed, and says what to do.
func TestAccountFull(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t, peopletest.WithContactLimit(300))
	path := sample(t, "contacts.csv")
	r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)

	if got := mutations(srv); got != 2 {
		t.Errorf("%d mutate requests, want 2: the one that fills the account, and the one refused", got)
	}
	s := r.sum
	if !s.AccountFull || s.ok() || s.Created != len(srv.Contacts(testUser)) || s.Created+s.Failed+s.NotSent != s.Records {
		t.Errorf("summary %+v: want AccountFull, created as stored, every record counted once", countsOf(s))
	}
	for _, f := range s.Failures {
		if strings.Contains(f.reason, "MY_CONTACTS_OVERFLOW_COUNT") {
			t.Errorf("%s is reported failed for the account being full: %s", f.rec.where(), f.reason)
		}
	}
	if !strings.Contains(r.out, "The account is full") || !strings.Contains(r.out, "run the same command again") {
		t.Errorf("output does not say what to do:\n%s", r.out)
	}
}

// TestFailuresShown checks that the summary lists the first failures only, and the report
// all of them.
func TestFailuresShown(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("First Name,Birthday\r\n")
	const rows = shownFailures + 12
	for i := range rows {
		fmt.Fprintf(&b, "Person %d,someday\r\n", i)
	}
	path := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runImport(t, t.Context(), nil, options{In: path, DryRun: true}, nil, nil)
	if got := strings.Count(r.out, ": Birthday: cannot read the date"); got != shownFailures {
		t.Errorf("%d failures listed, want %d:\n%s", got, shownFailures, r.out)
	}
	if !strings.Contains(r.out, fmt.Sprintf("… and %d more: the report %s lists them all.", rows-shownFailures, r.sum.Report)) {
		t.Errorf("output does not point to the report for the rest:\n%s", r.out)
	}
	if got := len(readCSVFile(t, r.sum.Report)) - 1; got != rows {
		t.Errorf("report holds %d rows, want %d", got, rows)
	}
}
