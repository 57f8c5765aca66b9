// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// FuzzBatchCreate feeds hostile bodies to the handler: it must never panic, and must always
// answer with JSON, creating contacts only with a 200.
func FuzzBatchCreate(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", "request.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, s := range []string{
		``, `null`, `[]`, `{"contacts":[]}`, `{"contacts":[null]}`, `{"contacts":[{"contactPerson":null}]}`,
		`{"contacts":[{"contactPerson":{"names":[null,{}]}}],"readMask":"names"}`,
		`{"contacts":[{"contactPerson":{"birthdays":[{"date":{"year":-1,"month":99,"day":-7}}]}}]}`,
		`{"contacts":[{"contactPerson":{"memberships":[{"contactGroupMembership":{}}],"phoneNumbers":[{"value":"+"}]}}],"readMask":"memberships,phoneNumbers"}`,
		`{"contacts":[{"contactPerson":{"names":[{"givenName":"\u00e9","familyName":"\ud800"}]}}],"readMask":"names"}`,
		`{"contacts":[{"contactPerson":{}}],"readMask":"person.,", "sources":[""]}`,
		`{"contacts":[{"contactPerson":{"organizations":[{"startDate":{"month":2147483648}}]}}]}`,
	} {
		f.Add([]byte(s))
	}
	srv := NewServer()
	defer srv.Close()
	f.Fuzz(func(t *testing.T, body []byte) {
		srv.Reset()
		w := httptest.NewRecorder()
		srv.serveHTTP(w, httptest.NewRequest(http.MethodPost, batchCreatePath, bytes.NewReader(body)))
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("answer %d is not JSON: %q", w.Code, w.Body.Bytes())
		}
		if n := len(srv.Contacts("")); n != 0 && w.Code != http.StatusOK {
			t.Fatalf("status %d but %d contacts created", w.Code, n)
		}
	})
}
