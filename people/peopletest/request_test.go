// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRequestLevelRules holds the request-level checks: each answers 400 INVALID_ARGUMENT with
// a google.rpc.BadRequest and creates nothing.
func TestRequestLevelRules(t *testing.T) {
	t.Parallel()
	one := `[{"contactPerson":{}}]`
	tests := map[string]struct {
		body      string
		wantField string // the field of the first violation
		wantMsg   string // a part of the message
	}{
		"empty body":         {body: ``, wantMsg: "Invalid JSON payload received."},
		"malformed":          {body: `{"contacts":[`, wantMsg: "Invalid JSON payload received."},
		"syntax error":       {body: `{"contacts":[}`, wantMsg: "Invalid JSON payload received. Invalid character"},
		"not an object":      {body: `[]`, wantMsg: "Expected an object, got []"},
		"trailing data":      {body: `{"contacts":` + one + `} {}`, wantMsg: "Invalid JSON payload received."},
		"unknown top field":  {body: `{"contacts":` + one + `,"readmask2":"names"}`, wantMsg: `Unknown name "readmask2": Cannot find field.`},
		"snake_case field":   {body: `{"contacts":` + one + `,"read_mask":"names"}`, wantMsg: `Unknown name "read_mask"`},
		"unknown in contact": {body: `{"contacts":[{"contactPerson":{},"person":{}}]}`, wantField: "contacts[0]", wantMsg: `Unknown name "person" at 'contacts[0]'`},
		"unknown in person": {body: `{"contacts":[{"contactPerson":{"names":[{"givenName":"A","nick":"x"}]}}]}`,
			wantField: "contacts[0].contact_person.names[0]", wantMsg: `Unknown name "nick" at 'contacts[0].contact_person.names[0]'`},
		"unknown in date": {body: `{"contacts":[{"contactPerson":{"birthdays":[{"date":{"year":1,"era":"AD"}}]}}]}`,
			wantField: "contacts[0].contact_person.birthdays[0].date", wantMsg: `Unknown name "era"`},
		"string for int": {body: `{"contacts":[{"contactPerson":{"birthdays":[{"date":{"month":"x"}}]}}]}`,
			wantField: "contacts[0].contact_person.birthdays[0].date.month", wantMsg: "(TYPE_INT32)"},
		"fraction for int": {body: `{"contacts":[{"contactPerson":{"birthdays":[{"date":{"month":1.5}}]}}]}`,
			wantField: "contacts[0].contact_person.birthdays[0].date.month", wantMsg: "(TYPE_INT32), 1.5"},
		"int for string": {body: `{"contacts":[{"contactPerson":{"names":[{"givenName":7}]}}]}`,
			wantField: "contacts[0].contact_person.names[0].given_name", wantMsg: "(TYPE_STRING), 7"},
		"string for bool": {body: `{"contacts":[{"contactPerson":{"locations":[{"current":"yes"}]}}]}`,
			wantField: "contacts[0].contact_person.locations[0].current", wantMsg: "(TYPE_BOOL)"},
		"object for list":  {body: `{"contacts":{"contactPerson":{}}}`, wantField: "contacts", wantMsg: "Expected an array at 'contacts'"},
		"list for object":  {body: `{"contacts":[{"contactPerson":[]}]}`, wantField: "contacts[0].contact_person", wantMsg: "Expected an object"},
		"readMask not str": {body: `{"contacts":` + one + `,"readMask":["names"]}`, wantField: "read_mask", wantMsg: "(TYPE_STRING)"},
		"contacts missing": {body: `{"readMask":"names"}`, wantField: "contacts", wantMsg: "at least one contact"},
		"contacts null":    {body: `{"contacts":null}`, wantField: "contacts", wantMsg: "at least one contact"},
		"contacts empty":   {body: `{"contacts":[]}`, wantField: "contacts", wantMsg: "at least one contact"},
		"null body":        {body: `null`, wantField: "contacts", wantMsg: "at least one contact"},
		"201 contacts": {body: `{"contacts":[` + strings.Repeat(`{"contactPerson":{}},`, 200) + `{"contactPerson":{}}]}`,
			wantField: "contacts", wantMsg: "Too many contacts in the request: 201 (at most 200 are allowed)."},
		"Polish path":       {body: `{"contacts":` + one + `,"readMask":"names,adresy"}`, wantField: "read_mask", wantMsg: `Invalid readMask path "adresy".`},
		"Polish diacritics": {body: `{"contacts":` + one + `,"readMask":"płeć"}`, wantField: "read_mask", wantMsg: `Invalid readMask path "płeć".`},
		"sub-field path":    {body: `{"contacts":` + one + `,"readMask":"names.givenName"}`, wantField: "read_mask", wantMsg: `"names.givenName"`},
		"fileAses path":     {body: `{"contacts":` + one + `,"readMask":"fileAses"}`, wantField: "read_mask", wantMsg: `"fileAses"`},
		"case matters":      {body: `{"contacts":` + one + `,"readMask":"Names"}`, wantField: "read_mask", wantMsg: `"Names"`},
		"empty segment":     {body: `{"contacts":` + one + `,"readMask":"names,,urls"}`, wantField: "read_mask", wantMsg: `Invalid readMask path "".`},
		"source unspecified": {body: `{"contacts":` + one + `,"sources":["READ_SOURCE_TYPE_CONTACT","READ_SOURCE_TYPE_UNSPECIFIED"]}`,
			wantField: "sources[1]", wantMsg: "READ_SOURCE_TYPE_UNSPECIFIED"},
		"source unknown": {body: `{"contacts":` + one + `,"sources":["CONTACT"]}`,
			wantField: "sources[0]", wantMsg: `(type.googleapis.com/google.people.v1.ReadSourceType), "CONTACT"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			res := create(t, srv, "", tc.body)
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", res.status, res.body)
			}
			e := decodeError(t, res)
			if e.Error.Code != 400 || e.Error.Status != "INVALID_ARGUMENT" || !strings.Contains(e.Error.Message, tc.wantMsg) {
				t.Errorf("error %d %s %q, want INVALID_ARGUMENT containing %q", e.Error.Code, e.Error.Status, e.Error.Message, tc.wantMsg)
			}
			fields := fieldViolations(e)
			if len(fields) != 1 || fields[0] != tc.wantField {
				t.Errorf("field violations %q, want [%q]", fields, tc.wantField)
			}
			if n := len(srv.Contacts("")); n != 0 {
				t.Errorf("%d contacts created by a rejected request", n)
			}
		})
	}
}

func TestRequestExactly200ContactsIsAccepted(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := `{"contacts":[` + strings.Repeat(`{"contactPerson":{}},`, 199) + `{"contactPerson":{}}]}`
	if res := create(t, srv, "", body); res.status != http.StatusOK {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	if n := len(srv.Contacts("")); n != 200 {
		t.Errorf("stored %d, want 200", n)
	}
}

func TestRoutingAndAuthentication(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		method, path, auth string
		wantStatus         int
		wantCode           string
		wantAllow          string
	}{
		"unknown path":       {method: "POST", path: "/v1/people:batchDeleteContacts", wantStatus: 404, wantCode: "NOT_FOUND"},
		"root":               {method: "GET", path: "/", wantStatus: 404, wantCode: "NOT_FOUND"},
		"other person":       {method: "GET", path: "/v1/people/c123/connections", wantStatus: 404, wantCode: "NOT_FOUND"},
		"GET on create":      {method: "GET", path: batchPath, wantStatus: 405, wantCode: "UNIMPLEMENTED", wantAllow: "POST"},
		"POST on list":       {method: "POST", path: connPath, wantStatus: 405, wantCode: "UNIMPLEMENTED", wantAllow: "GET"},
		"basic auth":         {method: "POST", path: batchPath, auth: "Basic YTpi", wantStatus: 401, wantCode: "UNAUTHENTICATED"},
		"empty bearer":       {method: "POST", path: batchPath, auth: "Bearer ", wantStatus: 401, wantCode: "UNAUTHENTICATED"},
		"empty bearer (GET)": {method: "GET", path: connPath + "?personFields=names", auth: "Bearer", wantStatus: 401, wantCode: "UNAUTHENTICATED"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			req, err := http.NewRequestWithContext(t.Context(), tc.method, srv.URL+tc.path, strings.NewReader(batch("", person("A"))))
			if err != nil {
				t.Fatal(err)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b bytes.Buffer
			_, _ = b.ReadFrom(resp.Body)
			e := decodeError(t, result{status: resp.StatusCode, header: resp.Header, body: b.Bytes()})
			if resp.StatusCode != tc.wantStatus || e.Error.Code != tc.wantStatus || e.Error.Status != tc.wantCode {
				t.Errorf("got %d (%d %s), want %d %s", resp.StatusCode, e.Error.Code, e.Error.Status, tc.wantStatus, tc.wantCode)
			}
			if got := resp.Header.Get("Allow"); got != tc.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tc.wantAllow)
			}
			if n := len(srv.Contacts("")); n != 0 {
				t.Errorf("%d contacts created", n)
			}
			reqs := srv.Requests()
			if diff := cmp.Diff([]int{0}, []int{reqs[0].Number}); diff != "" {
				t.Errorf("a rejected request was numbered as a mutation (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := bytes.Repeat([]byte(" "), 32<<20+1)
	res, err := do(t, srv, "", http.MethodPost, batchPath, body)
	if err != nil {
		t.Fatal(err)
	}
	if res.status != http.StatusRequestEntityTooLarge || !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
		t.Errorf("got %d %q, want 413 text/html", res.status, res.header.Get("Content-Type"))
	}
	if r := srv.Requests(); len(r) != 1 || r[0].Status != 413 {
		t.Errorf("requests = %+v", r)
	}
}
