// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzGroupAndPhoto feeds hostile bodies to contactGroups.create and updateContactPhoto: they
// must never panic, must always answer with JSON, and must store a group or a photo only with
// a 200.
func FuzzGroupAndPhoto(f *testing.F) {
	for _, s := range []string{
		``, `null`, `[]`, `{}`, `{"contactGroup":null}`, `{"contactGroup":{"name":"Family"}}`,
		`{"contactGroup":{"name":"myContacts"}}`, `{"contactGroup":{"name":" ","clientData":[null,{}]}}`,
		`{"contactGroup":{"name":"x","memberCount":-1},"readGroupFields":"name,,"}`,
		`{"photoBytes":"iVBORw0KGgo=","personFields":"photos"}`, `{"photoBytes":"/9j/4A"}`,
		`{"photoBytes":"R0lGODlh"}`, `{"photoBytes":"@@","sources":[""]}`, `{"photoBytes":null}`,
	} {
		f.Add(false, []byte(s))
		f.Add(true, []byte(s))
	}
	srv := NewServer()
	defer srv.Close()
	f.Fuzz(func(t *testing.T, photo bool, body []byte) {
		srv.Reset()
		w := httptest.NewRecorder()
		srv.serveHTTP(w, httptest.NewRequest(http.MethodPost, batchCreatePath, strings.NewReader(`{"contacts":[{"contactPerson":{}}]}`)))
		rn := srv.Contacts("")[0].ResourceName
		req := httptest.NewRequest(http.MethodPost, groupsPath, bytes.NewReader(body))
		if photo {
			req = httptest.NewRequest(http.MethodPatch, "/v1/"+rn+updatePhotoSuffix, bytes.NewReader(body))
		}
		w = httptest.NewRecorder()
		srv.serveHTTP(w, req)
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("answer %d is not JSON: %q", w.Code, w.Body.Bytes())
		}
		_, stored := srv.Photo("", rn)
		if changed := stored || len(srv.Groups("")) > 0; changed != (w.Code == http.StatusOK) {
			t.Fatalf("status %d, photo stored %v, %d groups", w.Code, stored, len(srv.Groups("")))
		}
	})
}
