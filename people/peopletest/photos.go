// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file serves people.updateContactPhoto (PATCH /v1/people/{id}:updateContactPhoto), a
// mutation, and the photos it stores at the URL it gives them (GET /photos/{id}), a read that
// needs no credentials.

const (
	updatePhotoSuffix = ":updateContactPhoto"

	// maxPhotoBytes caps a photo's decoded size. The real service documents no cap; this one
	// is the emulator's own.
	maxPhotoBytes = 10 << 20
)

type updatePhotoRequest struct {
	PhotoBytes   *string  `json:"photoBytes"`
	PersonFields string   `json:"personFields"`
	Sources      []string `json:"sources"`
}

type updatePhotoResponse struct {
	Person *people.Person `json:"person,omitempty"`
}

// storedPhoto is a photo set with updateContactPhoto.
type storedPhoto struct {
	user         string
	resourceName string // of the contact
	contentType  string
	data         []byte
}

// photoContactID returns the contact id of an updateContactPhoto path
// "/v1/people/{id}:updateContactPhoto", "" for any other path.
func photoContactID(path string) string {
	id, ok := strings.CutPrefix(path, "/v1/people/")
	if !ok {
		return ""
	}
	id, ok = strings.CutSuffix(id, updatePhotoSuffix)
	if !ok || strings.ContainsAny(id, "/:") {
		return ""
	}
	return id
}

func (s *Server) handleUpdatePhoto(w http.ResponseWriter, r *http.Request, rec *Request) {
	s.handleMutation(w, r, rec, MutationUpdateContactPhoto, s.applyUpdatePhoto)
}

// applyUpdatePhoto validates and commits an updateContactPhoto request.
func (s *Server) applyUpdatePhoto(r *http.Request, user string, body []byte) (reply, int) {
	var req updatePhotoRequest
	if st := decodeStrict(body, &req); st != nil {
		return errorReply(r, *st), 0
	}
	data, contentType, st := decodePhoto(req.PhotoBytes)
	var mask []string
	if st == nil {
		var bad string
		var ok bool
		if mask, bad, ok = parseMask(req.PersonFields); !ok {
			fail := invalidArgument("person_fields", fmt.Sprintf("Invalid personFields mask path: %q. %s", bad, connectionsDoc))
			st = &fail
		}
	}
	if st == nil {
		st = checkSources(req.Sources)
	}
	if st != nil {
		return errorReply(r, *st), 0
	}
	p, st := s.setPhoto(user, "people/"+photoContactID(r.URL.Path), data, contentType)
	if st != nil {
		return errorReply(r, *st), 0
	}
	if len(mask) == 0 {
		return jsonReply(r, http.StatusOK, updatePhotoResponse{}), 0
	}
	return jsonReply(r, http.StatusOK, updatePhotoResponse{Person: maskPerson(p, mask)}), 0
}

// decodePhoto decodes photoBytes, base64 in any of its four alphabets and paddings as proto3
// JSON accepts, and checks that it holds a JPEG or PNG image no larger than maxPhotoBytes.
func decodePhoto(photoBytes *string) ([]byte, string, *errorStatus) {
	fail := func(msg string) ([]byte, string, *errorStatus) {
		st := invalidArgument("photo_bytes", msg)
		return nil, "", &st
	}
	if photoBytes == nil || *photoBytes == "" {
		return fail("Photo bytes are required.")
	}
	var data []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if data, err = enc.DecodeString(*photoBytes); err == nil {
			break
		}
	}
	switch {
	case err != nil:
		return fail("Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed.")
	case len(data) > maxPhotoBytes:
		return fail(fmt.Sprintf("Photo is %d bytes; at most %d are allowed.", len(data), maxPhotoBytes))
	}
	contentType := imageType(data)
	if contentType == "" {
		return fail("Photo must be a JPEG or PNG image.")
	}
	return data, contentType, nil
}

// imageType returns the content type of a JPEG or PNG image by its magic number, "" for
// anything else.
func imageType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	}
	return ""
}

// setPhoto stores data as the photo of the contact of user named resourceName, replacing its
// previous photo, and returns the updated contact (shared with the store: read only).
func (s *Server) setPhoto(user, resourceName string, data []byte, contentType string) (*people.Person, *errorStatus) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[user]
	i := -1
	if a != nil {
		i = indexOf(a.contacts, resourceName)
	}
	if i < 0 {
		return nil, &errorStatus{Code: http.StatusNotFound, Message: "Requested entity was not found.", Status: "NOT_FOUND"}
	}
	var id string
	for id == "" || s.photos[id].data != nil {
		id = strconv.FormatUint(s.idRand.Uint64(), 36)
	}
	s.photos[id] = storedPhoto{user: user, resourceName: resourceName, contentType: contentType, data: data}

	c := a.contacts[i] // a copy: stored contacts are never modified, readers hold them without the lock
	if c.photoURL != "" {
		delete(s.photos, photoIDOf(c.photoURL))
	}
	s.randomFill(c.id.sourceEtag[:])
	c.id.updated = s.cfg.now().UTC()
	s.randomFill(c.id.etag[:])
	c.photoURL = s.URL + photoPathPrefix + id
	contacts := slices.Clone(a.contacts) // readers may hold the old slice
	contacts[i] = c
	a.contacts = contacts
	return c.person(), nil
}

// photoIDOf returns the photo id at the end of a photo URL.
func photoIDOf(url string) string {
	return url[strings.LastIndexByte(url, '/')+1:]
}

// handlePhotoDownload serves the bytes of a stored photo at its URL, with its content type.
func (s *Server) handlePhotoDownload(w http.ResponseWriter, r *http.Request, rec *Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		rep := errorReply(r, methodNotAllowed(r.Method, r.URL.Path))
		rep.header.Set("Allow", "GET, HEAD")
		rec.Status = write(w, rep)
		return
	}
	s.mu.Lock()
	ph, ok := s.photos[strings.TrimPrefix(r.URL.Path, photoPathPrefix)]
	s.mu.Unlock()
	if !ok {
		rec.Status = write(w, htmlReply(http.StatusNotFound, googleErrorPage(http.StatusNotFound)))
		return
	}
	h := http.Header{}
	h.Set("Content-Type", ph.contentType)
	h.Set("Content-Length", strconv.Itoa(len(ph.data)))
	rec.Status = write(w, reply{status: http.StatusOK, header: h, body: ph.data})
}
