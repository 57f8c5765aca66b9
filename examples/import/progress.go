// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// progressView shows how far a run is, driven by people.WithProgress after each request.
type progressView interface {
	// update shows the progress after a request.
	update(p people.Progress)
	// say prints a line without garbling the progress.
	say(line string)
	// done ends the display.
	done()
}

// newProgress returns a progress bar when w is a terminal, plain lines otherwise. total is the
// number of contacts the run sends.
func newProgress(w io.Writer, terminal bool, total int) progressView {
	if !terminal {
		return &lineView{w: w, total: total}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("creating contacts"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
	)
	return &barView{bar: bar, w: w}
}

// lineView prints one line per request, for logs and pipes.
type lineView struct {
	w     io.Writer
	total int
}

func (v *lineView) update(p people.Progress) {
	wait := ""
	if p.NextWait > 0 {
		wait = fmt.Sprintf("; next request in %s", p.NextWait.Round(100*time.Millisecond))
	}
	fmt.Fprintf(v.w, "progress: %d/%d contacts after %d %s: %d created, %d failed, %d not sent, %d unknown%s\n",
		p.Counts.Total(), v.total, p.Requests, plural(p.Requests, "request", "requests"),
		p.Created, p.Failed, p.NotSent, p.Unknown, wait)
}

func (v *lineView) say(line string) { fmt.Fprintln(v.w, line) }
func (v *lineView) done()           {}

// barView draws a progress bar on a terminal.
type barView struct {
	bar *progressbar.ProgressBar
	w   io.Writer
}

func (v *barView) update(p people.Progress) {
	v.bar.Describe(fmt.Sprintf("created %d, failed %d", p.Created, p.Failed))
	v.bar.Set(p.Counts.Total())
}

func (v *barView) say(line string) { progressbar.Bprintln(v.bar, line) }

func (v *barView) done() {
	v.bar.Finish()
	fmt.Fprintln(v.w)
}
