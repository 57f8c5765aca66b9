// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file sets the photos of the contacts a run created, once they exist: a vCard's
// embedded photo, or a photo downloaded from its URL (a Google CSV's Photo column).

const (
	// photoBatch is how many photos go to one SetContactPhotos call: the bytes held at once.
	photoBatch = 20
	// photoTimeout bounds each download.
	photoTimeout = 30 * time.Second
)

// setPhotos sets the photo of each record whose key is in created (the resource names of
// the contacts whose photo is to be set: see notePhoto), reading the input again to get the
// photos, counts the outcomes in sum and records in j (nil: no journal) the photos done: set,
// or not to be downloaded by a run on an emulator. A photo that cannot be downloaded is
// skipped with a note. Once the run's stop is done (the first Ctrl-C), it sends no more
// photos than those in flight and sets sum.Stopped: the journal leaves the others to the
// next run.
func (im *importer) setPhotos(ctx context.Context, client *people.Client, in *input, created map[string]string, j *runJournal, sum *summary) {
	var updates []people.PhotoUpdate
	var recs []*record
	var done []string // keys of the records whose photo is done, not recorded yet
	flush := func() {
		if len(updates) > 0 && !stopped(im.stop, sum) {
			res, _ := client.SetContactPhotos(ctx, updates)
			for i, p := range res.Photos {
				if p.Outcome == people.OutcomeCreated {
					sum.PhotosSet++
					done = append(done, recs[i].Key)
					continue
				}
				sum.PhotosFailed++
				fmt.Fprintf(im.out, "Photo of %s %s: %s (%s).\n", recs[i].where(), recs[i].who(), p.Outcome, reasonFor(recs[i], p.Err))
			}
		}
		if err := j.recordPhotos(ctx, done); err != nil {
			fmt.Fprintf(im.out, "The journal did not record %d photos set (%v): the next run sets them again.\n", len(done), err)
		}
		updates, recs, done = updates[:0], recs[:0], done[:0]
	}
	notDownloaded := 0
	for r := range in.records() {
		rn, ok := created[r.Key]
		if !ok {
			continue
		}
		if stopped(im.stop, sum) {
			break
		}
		photo := r.photo
		if photo == nil {
			var err error
			if photo, err = im.download(ctx, r.photoURL); err != nil {
				sum.PhotosSkipped++
				if errors.Is(err, errEmulator) {
					notDownloaded++
					done = append(done, r.Key)
					continue
				}
				fmt.Fprintf(im.out, "Photo of %s %s: not downloaded: %v.\n", r.where(), r.who(), err)
				continue
			}
		}
		updates = append(updates, people.PhotoUpdate{ResourceName: rn, Photo: photo})
		recs = append(recs, r)
		if len(updates) == photoBatch {
			flush()
		}
	}
	flush()
	if notDownloaded > 0 {
		fmt.Fprintf(im.out, "%d photo %s not downloaded: a run on an emulator downloads from loopback addresses only.\n",
			notDownloaded, plural(notDownloaded, "URL was", "URLs were"))
	}
}

// notePhoto records in photos, by key, the resource name of r's contact when it has a photo
// to set: when this run created the contact, or when an earlier run of journal j did (j
// holds the contact's marker) and j records no photo set for it. A contact found already
// there otherwise (by skip-existing: another import made it) keeps the photo it has.
func (im *importer) notePhoto(photos map[string]string, j *runJournal, r *record, cr people.ContactResult) {
	rn := cr.ResourceName()
	if cr.Outcome != people.OutcomeCreated || rn == "" || !r.hasPhoto() || im.opts.NoPhotos {
		return
	}
	if !cr.Existing || j.photoPending(r.Key) {
		photos[r.Key] = rn
	}
}

// errEmulator refuses the downloads of a run on an emulator but from loopback addresses: it
// reaches nothing outside the machine.
var errEmulator = errors.New("a run on an emulator downloads from loopback addresses only")

// errPhotoTooLarge refuses a photo larger than the SDK sends.
var errPhotoTooLarge = fmt.Errorf("larger than %d MiB", people.MaxPhotoBytes>>20)

// download fetches a photo from rawURL: https only (plain http only on a loopback address),
// redirects included, a JPEG or PNG image by its Content-Type, at most people.MaxPhotoBytes,
// within photoTimeout.
func (im *importer) download(ctx context.Context, rawURL string) ([]byte, error) {
	if err := photoURLAllowed(rawURL); err != nil {
		return nil, err
	}
	if u, _ := url.Parse(rawURL); im.tgt.Emulator && !loopback(u.Hostname()) {
		return nil, errEmulator
	}
	hc := &http.Client{
		Timeout: im.photoTimeout(),
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return photoURLAllowed(req.URL.String())
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "image/jpeg, image/png")
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is the record's data: not repeated in the note
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "image/jpeg" && mt != "image/png" {
		return nil, fmt.Errorf("content type %q is not a JPEG or PNG image", mt)
	}
	if resp.ContentLength > people.MaxPhotoBytes {
		return nil, errPhotoTooLarge
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, people.MaxPhotoBytes+1))
	switch {
	case err != nil:
		return nil, err
	case len(b) > people.MaxPhotoBytes:
		return nil, errPhotoTooLarge
	}
	return b, nil
}

// photoTimeout returns the bound of each download.
func (im *importer) photoTimeout() time.Duration {
	if im.downloadTimeout > 0 {
		return im.downloadTimeout
	}
	return photoTimeout
}

// photoURLAllowed refuses a photo URL that is not https, or plain http on a loopback address.
func photoURLAllowed(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return errors.New("not a URL")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if loopback(u.Hostname()) {
			return nil
		}
	}
	return fmt.Errorf("a photo is downloaded over https only, not %s", u.Scheme)
}

// loopback reports whether host is a loopback address.
func loopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// stopped reports whether the run's stop is done, and then says so in sum.
func stopped(stop context.Context, sum *summary) bool {
	if stop.Err() == nil {
		return false
	}
	sum.Stopped = true
	return true
}
