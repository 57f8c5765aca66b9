// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// PhotoUpdate is one photo for [Client.SetContactPhotos]: the contact's resource name
// ("people/c…") and a JPEG or PNG image of at most [MaxPhotoBytes].
type PhotoUpdate struct {
	ResourceName string
	Photo        []byte
}

// PhotoOutcome is what became of one [PhotoUpdate].
type PhotoOutcome struct {
	// Index is the update's index in the call's input.
	Index int
	// Outcome is OutcomeCreated when the photo was set, OutcomeFailed when validation or the
	// server refused it, OutcomeNotSent when it was not sent (safe to send again), and
	// OutcomeUnknown when it may or may not be set (sending it again is safe: see
	// [Client.UpdateContactPhoto]).
	Outcome Outcome
	// Attempts is how many times the update was sent, or tried to be.
	Attempts int
	// Err explains every outcome but OutcomeCreated: an [*InputError] from validation, or a
	// [*MutationError].
	Err error
}

// PhotoResult is the outcome of a [Client.SetContactPhotos] call.
type PhotoResult struct {
	// Photos holds one entry per update, in input order: Photos[i].Index == i.
	Photos []PhotoOutcome
}

// Counts tallies the outcomes of r's updates; Created counts the photos set.
func (r *PhotoResult) Counts() Counts {
	var c Counts
	for i := range r.Photos {
		c.add(r.Photos[i].Outcome)
	}
	return c
}

// PhotosError is the error of a [Client.SetContactPhotos] call that did not set every photo.
// The call's [*PhotoResult], returned beside it, has the outcome of each update.
type PhotosError struct {
	// Counts tallies the outcomes of the call's updates.
	Counts Counts
	// Err is set when the call stopped early, such as for a cancelled context.
	Err  error
	errs []error // each update's error, in input order
}

// Error summarizes the call.
func (e *PhotosError) Error() string {
	c := e.Counts
	s := fmt.Sprintf("people: %d of %d photos set (%d failed, %d not sent, %d unknown)",
		c.Created, c.Total(), c.Failed, c.NotSent, c.Unknown)
	if e.Err != nil {
		s += ": " + fmt.Sprint(e.Err)
	}
	return s
}

// Unwrap returns the call's own cause and each update's error.
func (e *PhotosError) Unwrap() []error {
	if e.Err == nil {
		return e.errs
	}
	return append([]error{e.Err}, e.errs...)
}

// SetContactPhotos sets the photo of each update's contact with
// [Client.UpdateContactPhoto], one request per contact, one after another, and reports the
// outcome of each. An update that fails validation fails alone (its Err is an
// [*InputError] naming its index and field); the others are still sent. A refused update
// (such as a contact that does not exist) does not stop the call; a cancelled context, a
// lost turn of the user or a retry that ran out of time does: the updates after it are not
// sent. The error, a [*PhotosError], is nil only when every photo was set.
func (c *Client) SetContactPhotos(ctx context.Context, updates []PhotoUpdate) (*PhotoResult, error) {
	res := &PhotoResult{Photos: make([]PhotoOutcome, len(updates))}
	for i := range res.Photos {
		res.Photos[i].Index = i
	}
	if ctx == nil {
		err := nilContext()
		for i := range res.Photos {
			res.Photos[i].Err = err
		}
		return res, &PhotosError{Counts: res.Counts(), Err: err}
	}
	ctx, span := c.tel.startCallSpan(ctx, spanSetPhotos, attrPhotos.Int(len(updates)))
	defer endPhotosSpan(span, res) // also after a panic, with the outcomes known by then
	var stop error
	for i, u := range updates {
		r := &res.Photos[i]
		if stop != nil {
			r.Err = stop
			continue
		}
		if ps := validatePhoto(i, u.ResourceName, u.Photo); ps != nil {
			r.Outcome, r.Err = OutcomeFailed, &InputError{Problems: ps}
			continue
		}
		var err error
		r.Attempts, err = c.updatePhoto(ctx, u.ResourceName, u.Photo)
		r.Outcome = OutcomeCreated
		var me *MutationError
		if errors.As(err, &me) {
			r.Outcome, r.Err = me.Outcome, me
			if me.Outcome == OutcomeNotSent {
				stop = me
			}
		}
	}
	counts := res.Counts()
	c.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "people: photos done", slog.Int("set", counts.Created),
		slog.Int("failed", counts.Failed), slog.Int("not sent", counts.NotSent), slog.Int("unknown", counts.Unknown))
	if counts.Created == counts.Total() {
		return res, nil
	}
	pe := &PhotosError{Counts: counts, Err: stop}
	for i := range res.Photos {
		if err := res.Photos[i].Err; err != nil && err != stop {
			pe.errs = append(pe.errs, err)
		}
	}
	return res, pe
}
