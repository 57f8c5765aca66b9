// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Command import creates Google Contacts from a CSV export of Google Contacts or Outlook, or
// from a vCard file (2.1, 3.0 or 4.0), with the peoplebatch SDK:
//
//	go run ./examples/import -in contacts.csv
//
// The input's encoding comes from its byte order mark, else -encoding, else UTF-8, else
// windows-1252 when that is plausible (said on the first line of output); text that cannot
// be decoded faithfully stops the run before anything is sent.
//
// Without Google credentials it runs on an emulator embedded in the process, and says so on
// its first line: nothing reaches Google. With -credentials (a service-account key, with
// -subject for domain-wide delegation), -token (a stored OAuth token) or Application Default
// Credentials, it writes to the account they stand for.
//
// Labels become contact groups, made once and found by name on later runs; each contact joins
// its groups on create. Photos (a vCard's embedded PHOTO, a CSV's Photo URL downloaded over
// https) are set on the contacts a run creates, once they exist; the journal records each
// photo set, so that the next run sets those an interrupted run left unset, and no others.
// -no-labels and -no-photos opt out.
//
// Rows that fail are written, each with its reason, to a report in the input's own format
// (contacts.report.csv), to be fixed and imported again. Each row's contact carries a marker
// derived from the row's content, and a journal (contacts.csv.journal) records each request's
// outcome as soon as it is known: after a crash or Ctrl-C, running the same command again
// creates what is missing and nothing twice. Before sending, the contacts already in the
// account are looked for by their markers and skipped (-skip-existing=false turns it off), so
// that importing the same rows again, from a renamed or moved file, creates nothing twice;
// -fresh creates them again on purpose. The exit status is 0 when every contact was created,
// 1 when some were not, and 2 for a usage error.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/oauth2/google"
	"golang.org/x/term"

	"github.com/peoplebatch/peoplebatch-go/people"
)

func main() {
	// The first Ctrl-C stops the run after the request in flight; stop() then restores the
	// default, so that a second one ends the process at once. Either way the journal lets
	// the next run continue without creating anything twice.
	stopCtx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stopCtx.Done()
		stop()
		fmt.Fprintln(os.Stderr, "\nInterrupted: stopping after the request in flight. Press Ctrl-C again to quit at once.")
	}()
	os.Exit(realMain(context.Background(), stopCtx, os.Args[1:], env{
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		terminal: term.IsTerminal(int(os.Stderr.Fd())),
		findADC: func(ctx context.Context) (*google.Credentials, error) {
			return google.FindDefaultCredentials(ctx, people.Scope)
		},
	}))
}

// env is what the command takes from its surroundings.
type env struct {
	stdout, stderr io.Writer
	// terminal says that stderr is a terminal.
	terminal bool
	// findADC finds Application Default Credentials.
	findADC func(context.Context) (*google.Credentials, error)
}

// realMain runs the command with args and returns its exit status. ctx ends the run at once,
// stop between two requests.
func realMain(ctx, stop context.Context, args []string, e env) int {
	stdout, stderr := e.stdout, e.stderr
	o, err := parseFlags(args, stderr)
	if err != nil {
		return 2
	}
	defer startTelemetry(ctx, stderr)() // OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set
	// The input is read first, so that a notice about its encoding is the first line, and
	// a file that cannot be read faithfully stops the run before anything is sent.
	in, err := readInput(o.In, o.Format, o.Encoding)
	if err != nil {
		fmt.Fprintln(stderr, "import:", err)
		return 1
	}
	if in.Notice != "" {
		fmt.Fprintln(stdout, in.Notice)
	}
	var tgt *target
	if o.DryRun {
		fmt.Fprintln(stdout, "Dry run: the contacts are checked with the SDK's own validation; nothing is sent anywhere.")
	} else {
		tgt, err = connect(ctx, o, e.findADC)
		if err != nil {
			fmt.Fprintln(stderr, "import:", err)
			return 2
		}
		defer tgt.Close()
		fmt.Fprintln(stdout, tgt.Banner)
	}
	logger := slog.New(slog.DiscardHandler)
	if o.Verbose {
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	im := &importer{opts: *o, tgt: tgt, out: stdout, errOut: stderr, terminal: e.terminal, stop: stop, logger: logger}
	sum, err := im.run(ctx, in)
	if err != nil {
		fmt.Fprintln(stderr, "import:", err)
		return 1
	}
	sum.print(stdout)
	if !sum.ok() {
		return 1
	}
	return 0
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	fs.StringVar(&o.In, "in", "", "the `file` to import: a CSV export of Google Contacts or Outlook, or a vCard (.vcf) file")
	fs.StringVar(&o.Format, "format", "", "the input's format, csv or vcard; by default from its extension")
	fs.StringVar(&o.Encoding, "encoding", "", "the input's `encoding`, such as windows-1252, ISO-8859-15 or Shift_JIS (default: by its byte order mark, else UTF-8, else windows-1252 when that is plausible, with a notice)")
	fs.StringVar(&o.Report, "report", "", "where to write the rows that failed, with their reasons, in the input's format (default: next to the input, as NAME.report.EXT)")
	fs.StringVar(&o.Journal, "journal", "", "the journal `file` that makes the import resumable (default: the input's path + .journal)")
	fs.StringVar(&o.Journal, "checkpoint", "", "the same as -journal")
	fs.BoolVar(&o.AdoptJournal, "adopt-journal", false, "resume a journal written for another input or account: what it records as created is not sent again")
	fs.BoolVar(&o.Fresh, "fresh", false, "set the journal aside and start over: contacts created by earlier runs are created again")
	skipExisting := fs.Bool("skip-existing", true, "look for the input's contacts among the account's before sending, by their markers, and skip those there")
	fs.BoolVar(&o.DryRun, "dry-run", false, "read and validate everything, and send nothing")
	fs.BoolVar(&o.NoLabels, "no-labels", false, "do not make labels contact groups (myContacts and starred are still imported)")
	fs.BoolVar(&o.NoPhotos, "no-photos", false, "do not set the contacts' photos")
	fs.StringVar(&o.Credentials, "credentials", "", "a service-account key `file` (or a gcloud authorized-user file)")
	fs.StringVar(&o.Subject, "subject", "", "the `user` a service account acts for, by domain-wide delegation")
	fs.StringVar(&o.Token, "token", "", "a stored OAuth token `file` (JSON, as golang.org/x/oauth2 writes it)")
	fs.StringVar(&o.ClientSecret, "client-secret", "", "the OAuth client's JSON `file`, to refresh the -token")
	fs.IntVar(&o.ChunkSize, "chunk", people.MaxContactsPerRequest, "contacts per request, at most 200")
	fs.Float64Var(&o.WritesPerMinute, "writes-per-minute", -1, "the per-user write quota in requests per minute, paced at 98% (default: 90 on Google, learned on an emulator; 0 learns it)")
	fs.BoolVar(&o.Verbose, "v", false, "log the SDK's requests and retries to stderr")
	addRedisFlag(fs, o)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: import -in FILE [flags]\n\n"+
			"Creates Google Contacts from a CSV export of Google Contacts or Outlook, or a vCard file.\nWithout Google "+
			"credentials it runs on an embedded emulator: nothing reaches Google.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o.NoSkipExisting = !*skipExisting
	if o.In == "" && fs.NArg() == 1 {
		o.In = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "import: unexpected arguments: %q\n", fs.Args())
		fs.Usage()
		return nil, flag.ErrHelp
	}
	if o.In == "" {
		fmt.Fprintln(stderr, "import: -in is required")
		fs.Usage()
		return nil, flag.ErrHelp
	}
	if o.ChunkSize < 1 || o.ChunkSize > people.MaxContactsPerRequest {
		fmt.Fprintf(stderr, "import: -chunk must be from 1 to %d\n", people.MaxContactsPerRequest)
		return nil, flag.ErrHelp
	}
	return o, nil
}
