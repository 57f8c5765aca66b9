// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
)

type connectionsPage struct {
	Connections   []*people.Person `json:"connections"`
	NextPageToken string           `json:"nextPageToken"`
	TotalPeople   int              `json:"totalPeople"`
	TotalItems    int              `json:"totalItems"`
}

func listPage(t *testing.T, srvURL func(string) result, query string) connectionsPage {
	t.Helper()
	res := srvURL(query)
	if res.status != http.StatusOK {
		t.Fatalf("list %s: %d %s", query, res.status, res.body)
	}
	var p connectionsPage
	if err := json.Unmarshal(res.body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConnectionsPages(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var given []string
	for i := range 5 {
		given = append(given, fmt.Sprintf("P%d", i))
	}
	create(t, srv, "alice", batch("", person(given[0]), person(given[1]), person(given[2])))
	create(t, srv, "alice", batch("", person(given[3]), person(given[4])))
	create(t, srv, "bob", batch("", person("Bob")))
	list := func(q string) result { return mustDo(t, srv, "alice", http.MethodGet, connPath+"?"+q, nil) }

	var got []string
	token, pages := "", 0
	for {
		p := listPage(t, list, "personFields=names&pageSize=2&pageToken="+url.QueryEscape(token))
		pages++
		if p.TotalPeople != 5 || p.TotalItems != 5 {
			t.Errorf("totals %d/%d, want 5", p.TotalPeople, p.TotalItems)
		}
		for _, c := range p.Connections {
			got = append(got, c.Names[0].GivenName)
			if c.ResourceName == "" || c.Etag == "" || c.EmailAddresses != nil || c.Metadata != nil {
				t.Errorf("connection not masked to names: %+v", c)
			}
		}
		if token = p.NextPageToken; token == "" {
			break
		}
	}
	if diff := cmp.Diff(given, got); diff != "" {
		t.Errorf("connections in creation order (-want +got):\n%s", diff)
	}
	if pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
	// Default page size, and every field path.
	p := listPage(t, list, "personFields="+url.QueryEscape(" person.names, emailAddresses,metadata "))
	if len(p.Connections) != 5 || p.NextPageToken != "" || p.Connections[0].Metadata == nil || p.Connections[0].EmailAddresses == nil {
		t.Errorf("default page: %d connections, token %q", len(p.Connections), p.NextPageToken)
	}
	listPage(t, list, "personFields="+allPaths+"&sources=READ_SOURCE_TYPE_CONTACT&sortOrder=LAST_MODIFIED_ASCENDING")
	// An empty account.
	empty := func(q string) result { return mustDo(t, srv, "carol", http.MethodGet, connPath+"?"+q, nil) }
	if res := empty("personFields=names"); strings.TrimSpace(string(res.body)) != "{}" {
		t.Errorf("empty account: %s", res.body)
	}
	// Reads are not mutations.
	for _, r := range srv.Requests() {
		if r.Method == http.MethodGet && r.Number != 0 {
			t.Errorf("read numbered %d", r.Number)
		}
	}
	if srv.MaxInFlight("alice") != 1 {
		t.Errorf("MaxInFlight = %d", srv.MaxInFlight("alice"))
	}
}

func TestConnectionsDefaultPageSize(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	full := `{"contacts":[` + strings.Repeat(`{"contactPerson":{}},`, 149) + `{"contactPerson":{}}]}`
	create(t, srv, "", full)
	list := func(q string) result { return mustDo(t, srv, "", http.MethodGet, connPath+"?"+q, nil) }
	for q, want := range map[string]int{"pageSize=0": 100, "": 100, "pageSize=1000": 150, "pageSize=7": 7} {
		p := listPage(t, list, "personFields=names&"+q)
		if len(p.Connections) != want {
			t.Errorf("%s: %d connections, want %d", q, len(p.Connections), want)
		}
	}
}

func TestConnectionsErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		query     string
		wantField string
		wantMsg   string
	}{
		"no personFields":     {query: "", wantField: "person_fields", wantMsg: "personFields mask is required"},
		"blank personFields":  {query: "personFields=%20", wantField: "person_fields", wantMsg: "personFields mask is required"},
		"bad personFields":    {query: "personFields=names,urodziny", wantField: "person_fields", wantMsg: `Invalid personFields mask path: "urodziny".`},
		"pageSize too large":  {query: "personFields=names&pageSize=1001", wantField: "page_size", wantMsg: "between 1 and 1000"},
		"pageSize negative":   {query: "personFields=names&pageSize=-1", wantField: "page_size", wantMsg: "between 1 and 1000"},
		"pageSize not number": {query: "personFields=names&pageSize=ten", wantField: "page_size", wantMsg: "between 1 and 1000"},
		"bad token":           {query: "personFields=names&pageToken=%21%21%21", wantField: "page_token", wantMsg: "Page token"},
		"forged token":        {query: "personFields=names&pageToken=b2Zmc2V0Ojk5", wantField: "page_token", wantMsg: "Page token"},
		"bad source":          {query: "personFields=names&sources=READ_SOURCE_TYPE_UNSPECIFIED", wantField: "sources[0]", wantMsg: "READ_SOURCE_TYPE_UNSPECIFIED"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			create(t, srv, "", batch("", person("A")))
			res := mustDo(t, srv, "", http.MethodGet, connPath+"?"+tc.query, nil)
			e := decodeError(t, res)
			if res.status != 400 || e.Error.Status != "INVALID_ARGUMENT" || !strings.Contains(e.Error.Message, tc.wantMsg) {
				t.Errorf("got %d %s %q, want 400 containing %q", res.status, e.Error.Status, e.Error.Message, tc.wantMsg)
			}
			if diff := cmp.Diff([]string{tc.wantField}, fieldViolations(e)); diff != "" {
				t.Errorf("field violations (-want +got):\n%s", diff)
			}
		})
	}
}
