// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
)

// The journal is the SDK's (people.WithJournal), kept in a file by people/filejournal: it
// records, synced to disk, the markers of each request before it is sent and each outcome
// as soon as it is known, so that running the same command again after a crash or Ctrl-C
// creates what is missing and nothing twice.
//
// Besides the SDK's entries it holds some of the tool's own, under markers that no record can
// have (records' markers are hexadecimal digits): the generation that -fresh draws, which is
// mixed into the keys of the records (see keyOf), so that a -fresh run that is interrupted
// goes on with the same keys; and each photo set (see photojournal.go).

// generationMarker prefixes the journal entry that records the run's generation.
const generationMarker = "import-generation "

// runJournal is the journal of a run, and what opening it found.
type runJournal struct {
	*filejournal.Journal
	// Generation is mixed into the keys of the records; "" until a -fresh run.
	Generation string
	// SetAside is where -fresh moved the earlier journal, "" when it did not.
	SetAside string
	// photos is what the journal knew of the contacts and photos before the run.
	photos photoJournal
}

// openJournal opens the journal at path, reading the generation it records. fresh moves an
// earlier journal that holds anything to path+".old" and starts a new one with a new
// generation.
func openJournal(ctx context.Context, path string, fresh bool) (*runJournal, error) {
	j, err := filejournal.Open(path)
	if err != nil {
		return nil, err
	}
	rj := &runJournal{Journal: j}
	_, entries, err := j.Load(ctx)
	if err != nil {
		j.Close()
		return nil, err
	}
	for _, e := range entries {
		if g, ok := strings.CutPrefix(e.Marker, generationMarker); ok {
			rj.Generation = g
			continue
		}
		rj.photos.read(e)
	}
	if !fresh {
		return rj, nil
	}
	rj.photos = photoJournal{}
	if len(entries) > 0 {
		j.Close()
		if err := os.Rename(path, path+".old"); err != nil {
			return nil, err
		}
		rj.SetAside = path + ".old"
		if rj.Journal, err = filejournal.Open(path); err != nil {
			return nil, err
		}
	}
	rj.Generation = rand.Text()
	err = rj.Append(ctx, []people.JournalEntry{{Marker: generationMarker + rj.Generation, State: people.JournalNotSent}})
	if err != nil {
		rj.Close()
		return nil, err
	}
	return rj, nil
}

// resumeOptions returns the run's journal, which the caller closes, and the options that
// make the run resumable and skip what exists. On the embedded emulator, which starts empty
// and whose contacts end with the process, there is nothing to resume or skip: it returns
// no journal and no option.
func (im *importer) resumeOptions(ctx context.Context, in *input, sum *summary) (*runJournal, []people.CallOption, error) {
	if im.tgt.Embedded {
		return nil, nil, nil
	}
	sum.Journal = im.opts.Journal
	if sum.Journal == "" {
		sum.Journal = im.opts.In + ".journal"
	}
	j, err := openJournal(ctx, sum.Journal, im.opts.Fresh)
	if err != nil {
		return nil, nil, journalAdvice(err, sum.Journal)
	}
	in.generation = j.Generation
	if j.SetAside != "" {
		fmt.Fprintf(im.out, "Starting over: the journal %s is set aside, as %s.\n", sum.Journal, j.SetAside)
	}
	calls := []people.CallOption{people.WithJournal(j)}
	if im.opts.AdoptJournal {
		calls = append(calls, people.AdoptJournal())
	}
	if !im.opts.NoSkipExisting {
		calls = append(calls, people.SkipExisting())
	}
	return j, calls, nil
}

// journalAdvice returns err with what the user can do about it, when it is an error of
// the journal at path.
func journalAdvice(err error, path string) error {
	var mismatch *people.JournalMismatchError
	var locked *filejournal.LockedError
	var corrupt *filejournal.CorruptError
	switch {
	case errors.As(err, &mismatch):
		return fmt.Errorf("%w\nThe journal %s belongs to another import (another %s). Pass -adopt-journal to resume it "+
			"anyway, -fresh to set it aside and start over, or -journal to use another file", err, path, mismatch.Field)
	case errors.As(err, &locked):
		return fmt.Errorf("%w\nAnother import is using the journal %s: wait for it to end, or pass -journal to use another file", err, path)
	case errors.As(err, &corrupt):
		return fmt.Errorf("%w\nThe journal %s is damaged: move it away to start over (contacts already created are "+
			"found in the account and not created again)", err, path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w\nPass -journal to keep the journal elsewhere", err)
	}
	return err
}
