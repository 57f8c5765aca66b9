// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// failure is a record that failed, with the reason.
type failure struct {
	rec    *record
	reason string
}

// newFailure returns the failure of r for reason, keeping of r only what the summary and the
// report show: failures are kept until the end of the run, records are not.
func newFailure(r *record, reason string) failure {
	r.Person, r.origins, r.photo = nil, nil, nil
	return failure{r, reason}
}

// shownFailures is how many failures the summary lists; the report holds them all.
const shownFailures = 30

// reasonFor explains why a record's contact failed, naming the column or property each
// problem came from.
func reasonFor(rec *record, err error) string {
	var ie *people.InputError
	if errors.As(err, &ie) {
		parts := make([]string, 0, len(ie.Problems))
		for _, p := range ie.Problems {
			parts = append(parts, describeField(rec, p.Field, p.Reason))
		}
		return strings.Join(parts, "; ")
	}
	var ve *people.ValidationError
	if errors.As(err, &ve) {
		return describeField(rec, ve.Field, ve.Reason)
	}
	var ce *people.ContactError
	if errors.As(err, &ce) {
		fvs := ce.FieldViolations()
		if len(fvs) == 0 {
			if ce.Status != nil {
				return "refused by the server: " + ce.Status.Message
			}
			return "refused by the server"
		}
		parts := make([]string, 0, len(fvs))
		for _, fv := range fvs {
			parts = append(parts, describeField(rec, personPath(fv.Field), fv.Description))
		}
		return "refused by the server: " + strings.Join(parts, "; ")
	}
	return strings.TrimPrefix(err.Error(), "people: ")
}

// describeField says "E-mail 1 - Value (emailAddresses[0].value): must not be empty".
func describeField(rec *record, field, reason string) string {
	if o := rec.origin(field); o != "" {
		return fmt.Sprintf("%s (%s): %s", o, field, reason)
	}
	return field + ": " + reason
}

// personPath turns the path of a server's field violation, such as
// "contacts[3].contact_person.email_addresses[0].value", into the Person path
// "emailAddresses[0].value".
func personPath(f string) string {
	if _, rest, ok := strings.Cut(f, "contact_person."); ok {
		f = rest
	}
	var b strings.Builder
	up := false
	for _, r := range f {
		switch {
		case r == '_':
			up = true
		case up:
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// summary is the account of one run.
type summary struct {
	// Input is the input file; Target names where the contacts went.
	Input, Target string
	// Unit names the input's records: "row" or "card".
	Unit   string
	DryRun bool
	// Records counts the records that carry data; Empty those that carry none.
	Records, Empty int
	// The outcomes of this run's records.
	Created, Failed, NotSent, Unknown int
	// Existing counts the records whose contact was in the account already, created by an
	// earlier run (by the journal, or found by its marker): not sent again, and not counted
	// in Created.
	Existing int
	// LookupRequests and LookupTime are what looking the input's markers up in the account
	// cost (people.BatchResult.Lookup): pages of contacts listed, and time.
	LookupRequests int
	LookupTime     time.Duration
	Failures       []failure
	// Report is the report file written, "" when none was; Journal the journal file, ""
	// when there is none.
	Report, Journal string
	// Stopped is set when the run was interrupted.
	Stopped bool
	// AccountFull is set when the account reached the most contacts it can hold.
	AccountFull bool
	// Groups counts the labels that have a contact group: GroupsCreated of them were created
	// by this run; GroupsFailed counts those that have none.
	Groups, GroupsCreated, GroupsFailed int
	// The outcomes of the photos of this run's contacts: set, failed (refused, or of unknown
	// outcome), and skipped (not downloaded).
	PhotosSet, PhotosFailed, PhotosSkipped int
	// PhotosLeft counts the photos to set that the run did not try because it stopped: the
	// next run with the journal sets them.
	PhotosLeft int
}

// ok reports whether every record is created.
func (s *summary) ok() bool { return s.Failed+s.NotSent+s.Unknown == 0 }

// print writes the summary for a person.
func (s *summary) print(w io.Writer) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	if s.DryRun {
		fmt.Fprintf(bw, "\nDry run of %s: nothing was sent.\n", s.Input)
		fmt.Fprintf(bw, "  valid          %5d\n", s.Records-s.Failed)
		fmt.Fprintf(bw, "  invalid        %5d%s\n", s.Failed, s.reportNote())
	} else {
		fmt.Fprintf(bw, "\nImported %s into %s:\n", s.Input, s.Target)
		fmt.Fprintf(bw, "  created        %5d\n", s.Created)
		if s.Existing > 0 {
			fmt.Fprintf(bw, "  already there  %5d  (created by an earlier run: not sent again)\n", s.Existing)
		}
		fmt.Fprintf(bw, "  failed         %5d%s\n", s.Failed, s.reportNote())
		fmt.Fprintf(bw, "  not sent       %5d\n", s.NotSent)
		fmt.Fprintf(bw, "  unknown        %5d\n", s.Unknown)
		if s.LookupRequests > 0 {
			fmt.Fprintf(bw, "  (finding those already there: %d %s of the account's contacts listed, %s)\n",
				s.LookupRequests, plural(s.LookupRequests, "page", "pages"), s.LookupTime.Round(time.Millisecond))
		}
		if s.Groups+s.GroupsFailed > 0 {
			fmt.Fprintf(bw, "  groups         %5d  created, of %d labels (%d found from before, %d without a group)\n",
				s.GroupsCreated, s.Groups+s.GroupsFailed, s.Groups-s.GroupsCreated, s.GroupsFailed)
		}
		if s.PhotosSet+s.PhotosFailed+s.PhotosSkipped > 0 {
			fmt.Fprintf(bw, "  photos         %5d  set (%d failed, %d not downloaded)\n", s.PhotosSet, s.PhotosFailed, s.PhotosSkipped)
		}
	}
	if s.Empty > 0 {
		fmt.Fprintf(bw, "  (%d empty %s left out)\n", s.Empty, plural(s.Empty, s.Unit, s.Unit+"s"))
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(bw, "\nFailed:\n")
		for _, f := range s.Failures[:min(len(s.Failures), shownFailures)] {
			who := f.rec.who()
			if who != "" {
				who = " " + who
			}
			fmt.Fprintf(bw, "  %s%s: %s\n", f.rec.where(), who, f.reason)
		}
		if more := len(s.Failures) - shownFailures; more > 0 {
			fmt.Fprintf(bw, "  … and %d more: the report %s lists them all.\n", more, s.Report)
		}
	}
	switch {
	case s.DryRun:
	case s.AccountFull:
		fmt.Fprintf(bw, "\nThe account is full: it holds as many contacts as Google Contacts allows (25,000), so the\n"+
			"%d %s not sent were not tried. Delete contacts the account no longer needs (or import\n"+
			"into another account), then run the same command again: what is created is not sent again.\n",
			s.NotSent, plural(s.NotSent, s.Unit, s.Unit+"s"))
	case s.NotSent+s.Unknown > 0 && s.Journal == "":
		fmt.Fprintf(bw, "\nNot finished. (The embedded emulator keeps nothing once the command ends.)\n")
	case s.NotSent+s.Unknown > 0:
		fmt.Fprintf(bw, "\nNot finished: run the same command again to continue. The journal %s\n"+
			"skips what is created, and the %ss' markers let the contacts of unknown outcome be\n"+
			"found rather than created twice.\n", s.Journal, s.Unit)
	case s.PhotosLeft > 0 && s.Journal == "":
		fmt.Fprintf(bw, "\nNot finished: %d %s not set yet.\n", s.PhotosLeft, plural(s.PhotosLeft, "photo", "photos"))
	case s.PhotosLeft > 0:
		fmt.Fprintf(bw, "\nNot finished: %d %s not set yet: run the same command again to set them. The journal %s\n"+
			"records the photos set, and the contacts created are not sent again.\n", s.PhotosLeft, plural(s.PhotosLeft, "photo", "photos"), s.Journal)
	case s.Failed > 0:
		fmt.Fprintf(bw, "\nFix the %ss in the report and import it; the %ss created are not sent again.\n", s.Unit, s.Unit)
	}
}

func (s *summary) reportNote() string {
	if s.Report == "" {
		return ""
	}
	return "  → " + s.Report
}

// defaultReportPath returns the report's path next to the input: contacts.csv →
// contacts.report.csv.
func defaultReportPath(in string) string {
	ext := filepath.Ext(in)
	return strings.TrimSuffix(in, ext) + ".report" + ext
}

// writeReport writes the failed records to path in the input's own format, replacing the
// file at once. With no failure, a report left by an earlier run is removed.
func writeReport(path string, in *input, failed []failure) (string, error) {
	if len(failed) == 0 {
		if isReport(path) {
			if err := os.Remove(path); err != nil {
				return "", err
			}
		}
		return "", nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if in.Format == "csv" {
		err = writeCSVReport(bw, in.header, failed)
	} else {
		err = writeVCardReport(bw, failed)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Close()
	} else {
		tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return "", fmt.Errorf("writing the report %s: %w", path, err)
	}
	return path, nil
}

// isReport reports whether path holds a report this tool wrote.
func isReport(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 1<<20))
	s := string(b)
	first, _, _ := strings.Cut(s, "\n")
	return strings.Contains(first, reportColumn) || strings.Contains(s, "\n"+reportProperty+":")
}
