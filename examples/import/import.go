// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// markerKey is the clientData key under which each contact carries its record's marker: the
// SDK's default reconciliation key, so that the SDK and this tool look for the same thing.
const markerKey = "peoplebatch.id"

// options are the command's settings, from its flags.
type options struct {
	In, Format, Report, Checkpoint            string
	DryRun, Fresh, Verbose                    bool
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
	// onRequest, when set, is called after each request's outcome is in the checkpoint,
	// with the number of requests done. Tests use it to interrupt a run.
	onRequest func(requests int)
	logger    *slog.Logger
}

// run imports the input file and returns the account of it. An error means the run could
// not go on at all; a summary whose ok is false means some records were not created.
func (im *importer) run(ctx context.Context) (*summary, error) {
	in, err := readInput(im.opts.In, im.opts.Format)
	if err != nil {
		return nil, err
	}
	im.printNotes(in)
	sum := &summary{Input: im.opts.In, Unit: in.Unit, Records: len(in.Records), Empty: in.Empty, DryRun: im.opts.DryRun}
	var failures []failure
	if im.opts.DryRun {
		failures = validateOffline(in)
		sum.Failed = len(failures)
	} else {
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
	if sum.Report, err = writeReport(reportPath, in, failures); err != nil {
		return nil, err
	}
	return sum, nil
}

// send creates the input's contacts that no earlier run created, recording each request in
// the checkpoint, and returns the records that failed.
func (im *importer) send(ctx context.Context, in *input, sum *summary) ([]failure, error) {
	sum.Target = im.tgt.Label
	cp := memoryCheckpoint()
	if !im.tgt.Embedded {
		sum.Checkpoint = im.opts.Checkpoint
		if sum.Checkpoint == "" {
			sum.Checkpoint = im.opts.In + ".checkpoint"
		}
		var err error
		if cp, err = openCheckpoint(sum.Checkpoint, in.Name, markerKey, im.tgt, im.opts.Fresh, time.Now); err != nil {
			return nil, err
		}
	}
	defer cp.Close()
	for _, r := range in.Records {
		r.setGeneration(in.Name, cp.generation)
	}
	if cp.Discarded != "" {
		fmt.Fprintf(im.out, "Starting over: the checkpoint %s is set aside, as %s.\n", sum.Checkpoint, cp.Discarded)
	}
	if err := im.settle(ctx, in, cp, sum); err != nil {
		return nil, err
	}

	var failures []failure
	var batch []*record
	for _, r := range in.Records {
		switch {
		case cp.created(r.Marker):
			sum.Earlier++
		case r.Err != nil:
			sum.Failed++
			failures = append(failures, failure{r, r.Err.Error()})
		default:
			batch = append(batch, r)
		}
	}
	if sum.Earlier > 0 {
		fmt.Fprintf(im.out, "%d %s created by an earlier run (checkpoint %s): not sent again.\n",
			sum.Earlier, plural(sum.Earlier, "contact was", "contacts were"), sum.Checkpoint)
	}
	if len(batch) == 0 {
		return failures, nil
	}

	cfg := &people.Config{
		User:            im.tgt.User,
		ChunkSize:       im.opts.ChunkSize,
		WritesPerMinute: im.opts.WritesPerMinute,
		Reconcile:       &people.ReconcileConfig{Key: markerKey},
		Logger:          im.logger,
	}
	if cfg.ChunkSize == 0 {
		cfg.ChunkSize = people.MaxContactsPerRequest
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

	// The contacts, each with its record's marker. Before the first contact of each request is
	// handed over, the markers of the whole request go to the checkpoint: the SDK sends a
	// request once it has read ChunkSize contacts, or the last one.
	var cpErr error
	contacts := func(yield func(*people.Person) bool) {
		for i, r := range batch {
			if i%cfg.ChunkSize == 0 {
				if im.stop.Err() != nil {
					return
				}
				chunk := batch[i:min(i+cfg.ChunkSize, len(batch))]
				markers := make([]string, len(chunk))
				for k, c := range chunk {
					markers[k] = c.Marker
				}
				if cpErr = cp.sending(markers); cpErr != nil {
					return
				}
			}
			if !yield(withMarker(r.Person, r.Marker)) {
				return
			}
		}
	}

	view := newProgress(im.errOut, im.terminal, len(batch))
	defer view.done()
	handled := make([]bool, len(batch))
	calls := []people.CallOption{
		people.SkipInvalid(), people.ContinueOnError(), people.ResendValid(),
		people.WithProgress(view.update),
	}
	requests := 0
	for br, err := range client.BatchCreateContactsSeq(ctx, contacts, people.ReadMask(people.MaskClientData), nil, calls...) {
		if br == nil {
			return nil, err
		}
		requests++
		lines := make([]cpLine, 0, len(br.Contacts))
		for _, cr := range br.Contacts {
			r := batch[cr.Index]
			handled[cr.Index] = true
			switch cr.Outcome {
			case people.OutcomeCreated:
				sum.Created++
			case people.OutcomeFailed:
				sum.Failed++
				failures = append(failures, failure{r, reasonFor(r, cr.Err)})
			case people.OutcomeNotSent:
				sum.NotSent++
			case people.OutcomeUnknown:
				sum.Unknown++
			}
			lines = append(lines, cp.outcome(r, cr.Outcome.String(), cr.ResourceName()))
		}
		if err := cp.append(lines...); err != nil {
			// Without a checkpoint a later run could not tell what exists: stop sending.
			cpErr = err
			break
		}
		if err != nil {
			view.say(fmt.Sprintf("request %d (records %d–%d): %v", br.Request+1,
				batch[br.Offset].Num, batch[br.Offset+len(br.Contacts)-1].Num, err))
		}
		if im.onRequest != nil {
			im.onRequest(requests)
		}
		if refusesEverything(err) {
			view.say("the server refuses every request: stopping")
			break
		}
		if im.stop.Err() != nil {
			sum.Stopped = true
			break
		}
	}
	if cpErr != nil {
		return nil, cpErr
	}
	for _, h := range handled {
		if !h {
			sum.NotSent++
		}
	}
	if ctx.Err() != nil || im.stop.Err() != nil {
		sum.Stopped = true
	}
	return failures, nil
}

// refusesEverything reports whether a request's error means that the next ones fail too:
// the credentials are refused, or lack the scope.
func refusesEverything(err error) bool {
	var pe *people.Error
	return errors.As(err, &pe) && (pe.HTTPStatus == http.StatusUnauthorized || pe.HTTPStatus == http.StatusForbidden)
}

// withMarker returns a copy of p that carries marker in its clientData. The SDK keeps a
// marker that a contact already has, so every run sends a record's contact with the same one.
func withMarker(p *people.Person, marker string) *people.Person {
	cp := *p
	cp.ClientData = append(append([]*people.ClientData(nil), p.ClientData...), &people.ClientData{Key: markerKey, Value: marker})
	return &cp
}
