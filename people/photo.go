// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
)

// MaxPhotoBytes is the largest photo [Client.UpdateContactPhoto] sends. The People API
// documents no cap; this one keeps a request (the photo in base64) under 14 MiB.
const MaxPhotoBytes = 10 << 20

const updatePhotoSuffix = ":updateContactPhoto"

// updatePhotoRequest is the body of people.updateContactPhoto. An empty personFields skips
// the read-back of the contact.
type updatePhotoRequest struct {
	PhotoBytes   []byte `json:"photoBytes"` // base64, as encoding/json writes []byte
	PersonFields string `json:"personFields"`
}

// UpdateContactPhoto sets photo, a JPEG or PNG image of at most [MaxPhotoBytes], as the
// photo of the user's contact named resourceName ("people/c…"), through
// [people.updateContactPhoto]: it replaces the contact's photo, if it had one. photo is
// validated before anything is sent ([*InputError], naming the field).
//
// It is a mutation of the user, like [Client.BatchCreateContacts]: it takes the user's turn
// from the [Sequencer] and is paced against the same write quota; a 429 or a 409 ABORTED is
// waited out and retried. Unlike a create, it is also retried when an attempt's outcome is
// unknown (a reset connection, a timeout, a 5xx): setting the same photo twice leaves the
// contact as setting it once does, one photo with these bytes, so sending it again is safe.
// When the retries run out after such an attempt, the [*MutationError] says OutcomeUnknown:
// the photo may be set.
//
// [people.updateContactPhoto]: https://developers.google.com/people/api/rest/v1/people/updateContactPhoto
func (c *Client) UpdateContactPhoto(ctx context.Context, resourceName string, photo []byte) error {
	var problems []*ValidationError
	if ctx == nil {
		problems = append(problems, &ValidationError{Index: -1, Field: "ctx", Reason: "is nil: pass context.Background() or a context of your own"})
	}
	problems = append(problems, validatePhoto(-1, resourceName, photo)...)
	if problems != nil {
		return &InputError{Problems: problems}
	}
	_, err := c.updatePhoto(ctx, resourceName, photo)
	return err
}

// updatePhoto sends a valid photo update and returns the attempts it made.
func (c *Client) updatePhoto(ctx context.Context, resourceName string, photo []byte) (int, error) {
	m := mutation{method: http.MethodPatch, path: "v1/" + resourceName + updatePhotoSuffix, idempotent: true}
	var out struct{}
	return c.mutate(ctx, m, MethodUpdateContactPhoto, &updatePhotoRequest{PhotoBytes: photo}, &out)
}

// validatePhoto returns the problems of a photo update, the index-th of a call (-1 for an
// argument): a resource name "people/{id}" and a JPEG or PNG image of at most MaxPhotoBytes.
func validatePhoto(index int, resourceName string, photo []byte) []*ValidationError {
	var problems []*ValidationError
	id, ok := strings.CutPrefix(resourceName, "people/")
	if !ok || id == "" || strings.TrimLeft(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-") != "" {
		problems = append(problems, &ValidationError{Index: index, Field: "resourceName",
			Reason: `must name a contact as "people/{id}"`})
	}
	switch {
	case len(photo) == 0:
		problems = append(problems, &ValidationError{Index: index, Field: "photo", Reason: "is empty"})
	case len(photo) > MaxPhotoBytes:
		problems = append(problems, &ValidationError{Index: index, Field: "photo",
			Reason: "is " + strconv.Itoa(len(photo)) + " bytes, more than MaxPhotoBytes (" + strconv.Itoa(MaxPhotoBytes) + ")"})
	case !isJPEG(photo) && !isPNG(photo):
		problems = append(problems, &ValidationError{Index: index, Field: "photo", Reason: "is neither a JPEG nor a PNG image"})
	}
	return problems
}

func isJPEG(b []byte) bool { return bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}) }
func isPNG(b []byte) bool  { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }
