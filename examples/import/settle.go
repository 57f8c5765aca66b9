// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// findMarked returns the resource name of each contact of the user whose marker, under key,
// is in want, using the SDK's Client.FindMarked.
func findMarked(ctx context.Context, opts []option.ClientOption, key string, want map[string]bool) (map[string]string, error) {
	client, err := people.NewClient(ctx, opts...)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	markers := make([]string, 0, len(want))
	for m := range want {
		markers = append(markers, m)
	}
	found, err := client.FindMarked(ctx, key, markers)
	if err != nil {
		return nil, fmt.Errorf("listing the contacts to find those of an earlier run: %w", err)
	}
	return found, nil
}

// settleTiming says how long to give the listing to show contacts created shortly before.
type settleTiming struct {
	// Lag is how old a write must be before the listing is trusted to show it.
	Lag time.Duration
	// Checks is how many listings must miss a contact before it counts as not created, and
	// Delay the wait between them.
	Checks int
	Delay  time.Duration
}

// settle looks for the contacts of markers (with when each was last sent) among the user's
// contacts. It returns those found, with their resource names; the others were not created,
// and can be sent again with the same markers.
func settle(ctx context.Context, tgt *target, key string, markers map[string]time.Time, t settleTiming, say func(string)) (map[string]string, error) {
	want := map[string]bool{}
	var last time.Time
	for m, at := range markers {
		want[m] = true
		if at.After(last) {
			last = at
		}
	}
	if wait := time.Until(last.Add(t.Lag)); wait > 0 {
		say(fmt.Sprintf("waiting %s for the contacts sent just before the interruption to be listed", wait.Round(time.Second)))
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
	found := map[string]string{}
	for check := range max(t.Checks, 1) {
		if check > 0 {
			if err := sleep(ctx, t.Delay); err != nil {
				return nil, err
			}
		}
		got, err := findMarked(ctx, tgt.Opts, key, want)
		if err != nil {
			return nil, err
		}
		for m, rn := range got {
			found[m] = rn
			delete(want, m)
		}
		if len(want) == 0 {
			break
		}
	}
	return found, nil
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// settle looks for the contacts that an earlier run sent without learning their outcome, and
// records those found as created.
func (im *importer) settle(ctx context.Context, in *input, cp *checkpoint, sum *summary) error {
	all := cp.unsettled()
	mine := map[string]time.Time{}
	rows := map[string]int{}
	for r := range in.records() {
		if at, ok := all[r.Marker]; ok {
			mine[r.Marker] = at
			rows[r.Marker] = r.Num
		}
	}
	if len(mine) == 0 {
		return nil
	}
	fmt.Fprintf(im.out, "%d %s of an earlier run may exist: looking for them among the account's contacts.\n",
		len(mine), plural(len(mine), "contact", "contacts"))
	timing := settleTiming{Lag: 30 * time.Second, Checks: 2, Delay: 5 * time.Second}
	if im.tgt.Emulator {
		timing = settleTiming{Checks: 1}
	}
	// Looking can take a while on Google; a first Ctrl-C ends it, sending nothing.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(im.stop, cancel)()
	found, err := settle(sctx, im.tgt, markerKey, mine, timing, func(s string) { fmt.Fprintln(im.out, s) })
	if err != nil {
		return fmt.Errorf("%w; nothing was sent, since sending those contacts again could create them twice", err)
	}
	lines := make([]cpLine, 0, len(found))
	for m, rn := range found {
		lines = append(lines, cpLine{Marker: m, Row: rows[m], Outcome: stateCreated, Resource: rn, Found: true})
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].Row < lines[j].Row })
	if err := cp.append(lines...); err != nil {
		return err
	}
	sum.Settled = len(found)
	fmt.Fprintf(im.out, "Found %d of them; the other %d were not created and are sent again.\n", len(found), len(mine)-len(found))
	return nil
}
