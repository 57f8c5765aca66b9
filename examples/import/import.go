// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// markerKey is the clientData key under which each contact carries its record's marker: the
// SDK's default reconciliation key, so that the SDK and this tool look for the same thing.
const markerKey = "peoplebatch.id"

// options are the command's settings, from its flags.
type options struct {
	In, Format, Report string
	// Journal is the journal file, from -journal; "" puts it next to the input.
	Journal string
	// Encoding is the input's encoding, from -encoding; "" detects it.
	Encoding               string
	DryRun, Fresh, Verbose bool
	// AdoptJournal resumes a journal written for another import (people.AdoptJournal).
	AdoptJournal bool
	// NoSkipExisting turns off the lookup of the contacts that exist (people.SkipExisting).
	NoSkipExisting bool
	// NoLabels keeps labels from becoming contact groups; NoPhotos leaves photos unset.
	NoLabels, NoPhotos                        bool
	Credentials, Subject, Token, ClientSecret string
	ChunkSize                                 int
	// WritesPerMinute paces the requests; negative means the default for the target.
	WritesPerMinute float64
	// Redis, when set, is the URL of the Redis through which importers take turns.
	Redis string
}

// importer runs one import.
type importer struct {
	opts options
	tgt  *target // nil for a dry run
	// out receives notes and the summary; errOut the progress.
	out, errOut io.Writer
	// terminal says that errOut is a terminal: progress is a bar rather than lines.
	terminal bool
	// stop, once done, ends the run between two requests; ctx ends it at once.
	stop context.Context
	// onRequest, when set, is called after each request's outcome is in the journal,
	// with the number of requests done. Tests use it to interrupt a run.
	onRequest func(requests int)
	logger    *slog.Logger
	// downloadTimeout bounds each photo download; zero means photoTimeout.
	downloadTimeout time.Duration
}

// run imports in, the input file read by readInput, and returns the account of it. An error
// means the run could not go on at all; a summary whose ok is false means some records were
// not created.
func (im *importer) run(ctx context.Context, in *input) (*summary, error) {
	im.printNotes(in)
	sum := &summary{Input: im.opts.In, Unit: in.Unit, Records: in.Records, Empty: in.Empty, DryRun: im.opts.DryRun}
	var failures []failure
	if im.opts.DryRun {
		failures = validateOffline(in)
		sum.Failed = len(failures)
	} else {
		var err error
		failures, err = im.send(ctx, in, sum)
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(failures, func(i, j int) bool { return failures[i].rec.Num < failures[j].rec.Num })
	sum.Failures = failures
	reportPath := im.opts.Report
	if reportPath == "" {
		reportPath = defaultReportPath(im.opts.In)
	}
	var err error
	if sum.Report, err = writeReport(reportPath, in, failures); err != nil {
		return nil, err
	}
	return sum, nil
}

// send creates the input's contacts that are not in the account yet, with the SDK's journal
// (people.WithJournal) and its lookup of what exists (people.SkipExisting), and returns the
// records that failed. The records stream from the input to the SDK: memory holds those of
// the requests on their way, not the file's.
func (im *importer) send(ctx context.Context, in *input, sum *summary) ([]failure, error) {
	sum.Target = im.tgt.Label
	journal, calls, err := im.resumeOptions(ctx, in, sum)
	if err != nil {
		return nil, err
	}
	if journal != nil {
		defer journal.Close()
	}

	// First pass: what is to be sent, and what fails before anything is sent.
	var failures []failure
	var labels labelSet
	toSend := 0
	for r := range in.records() {
		if sendable(r) {
			toSend++
			labels.add(r.labels...)
			continue
		}
		sum.Failed++
		failures = append(failures, newFailure(r, r.Err.Error()))
	}
	if toSend == 0 {
		return failures, nil
	}

	fd := &feed{in: in, size: im.opts.ChunkSize, stop: im.stop, pending: map[int]*record{}}
	if fd.size == 0 {
		fd.size = people.MaxContactsPerRequest
	}
	cfg := im.clientConfig(fd.size)
	closeTurns, err := shareTurns(im.opts.Redis, cfg)
	if err != nil {
		return nil, err
	}
	defer closeTurns()
	client, err := people.NewClientWithConfig(ctx, cfg, im.tgt.Opts...)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	// A journal that the call would refuse stops the run before the groups are made.
	if err := client.CheckJournal(ctx, fd.first(), slices.Concat(calls, []people.CallOption{people.WithKeys(fd.firstKey)})...); err != nil {
		return nil, journalAdvice(err, sum.Journal)
	}
	fd.groups = im.resolveGroups(ctx, client, labels.names, sum)
	photos := map[string]string{} // resource names of the contacts created with a photo, by key
	view := newProgress(im.errOut, im.terminal, toSend)
	defer view.done()
	calls = append(calls, people.SkipInvalid(), people.ContinueOnError(), people.ResendValid(),
		people.WithKeys(fd.key), people.WithProgress(view.update))
	requests, handled := 0, 0
	for br, err := range client.BatchCreateContactsSeq(ctx, fd.contacts, people.ReadMask(people.MaskClientData), nil, calls...) {
		if br == nil {
			return nil, err
		}
		if stop := journalStop(err); stop != nil {
			return nil, journalAdvice(stop, sum.Journal)
		}
		requests++
		sum.LookupRequests += br.Lookup.Requests
		sum.LookupTime += br.Lookup.Duration
		var first, last *record
		for _, cr := range br.Contacts {
			r := fd.take(cr.Index)
			if r == nil {
				continue
			}
			handled++
			if first == nil {
				first = r
			}
			last = r
			if f, failed := sum.tally(r, cr); failed {
				failures = append(failures, f)
			}
			im.notePhoto(photos, journal, r, cr)
		}
		if err != nil && first != nil {
			view.say(fmt.Sprintf("request %d (records %d–%d): %v", br.Request+1, first.Num, last.Num, err))
		}
		if im.onRequest != nil {
			im.onRequest(requests)
		}
		if refusesEverything(err) {
			view.say("the server refuses every request: stopping")
			break
		}
		if accountFull(err) {
			view.say("the account holds as many contacts as Google Contacts allows: stopping")
			sum.AccountFull = true
			break
		}
		if im.stop.Err() != nil {
			sum.Stopped = true
			break
		}
	}
	sum.NotSent += toSend - handled
	if ctx.Err() != nil || im.stop.Err() != nil {
		sum.Stopped = true
	}
	if len(photos) > 0 && !sum.Stopped {
		im.setPhotos(ctx, client, in, photos, journal, sum)
	}
	if sum.Stopped {
		sum.PhotosLeft = len(photos) - sum.PhotosSet - sum.PhotosFailed - sum.PhotosSkipped
	}
	return failures, nil
}

// journalStop returns the error of a request that means the journal cannot be used, and the
// run must stop: one written for another import, or one that cannot record.
func journalStop(err error) error {
	var mismatch *people.JournalMismatchError
	var broken *people.JournalError
	if errors.As(err, &mismatch) || errors.As(err, &broken) {
		return err
	}
	return nil
}

// clientConfig returns the SDK's settings for the run, with requests of size contacts.
func (im *importer) clientConfig(size int) *people.Config {
	cfg := &people.Config{
		User:            im.tgt.User,
		ChunkSize:       size,
		WritesPerMinute: im.opts.WritesPerMinute,
		Reconcile:       &people.ReconcileConfig{Key: markerKey},
		Logger:          im.logger,
	}
	if im.tgt.Emulator {
		// An emulator lists its contacts as soon as they are written, and has no quota.
		cfg.Reconcile.Delay = 10 * time.Millisecond
	}
	if cfg.WritesPerMinute < 0 {
		cfg.WritesPerMinute = 0
		if !im.tgt.Emulator {
			// The People API's default quota per user; the pacer learns a lower one
			// from the first 429s.
			cfg.WritesPerMinute = 90
		}
	}
	return cfg
}

// tally counts the outcome of r's contact, and returns its failure when it failed. A contact
// refused because the account is full is not sent rather than failed: nothing is wrong with
// it.
func (s *summary) tally(r *record, cr people.ContactResult) (failure, bool) {
	switch cr.Outcome {
	case people.OutcomeCreated:
		if cr.Existing {
			s.Existing++
			break
		}
		s.Created++
	case people.OutcomeFailed:
		if accountFull(cr.Err) {
			s.NotSent++
			break
		}
		s.Failed++
		return newFailure(r, reasonFor(r, cr.Err)), true
	case people.OutcomeNotSent:
		s.NotSent++
	case people.OutcomeUnknown:
		s.Unknown++
	}
	return failure{}, false
}

// refusesEverything reports whether a request's error means that the next ones fail too:
// the credentials are refused, or lack the scope.
func refusesEverything(err error) bool {
	var pe *people.Error
	return errors.As(err, &pe) && (pe.HTTPStatus == http.StatusUnauthorized || pe.HTTPStatus == http.StatusForbidden)
}

// withMarker returns a copy of p that carries marker in its clientData, as the SDK sends
// it, for the validation of a dry run.
func withMarker(p *people.Person, marker string) *people.Person {
	cp := *p
	cp.ClientData = append(append([]*people.ClientData(nil), p.ClientData...), &people.ClientData{Key: markerKey, Value: marker})
	return &cp
}
