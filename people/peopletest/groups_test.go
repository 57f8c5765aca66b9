// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

const groupsPath = "/v1/contactGroups"

// group is a ContactGroup on the wire, decoded strictly enough to compare.
type group struct {
	ResourceName        string                       `json:"resourceName"`
	Etag                string                       `json:"etag"`
	Metadata            *struct{ UpdateTime string } `json:"metadata"`
	GroupType           string                       `json:"groupType"`
	Name                string                       `json:"name"`
	FormattedName       string                       `json:"formattedName"`
	MemberResourceNames []string                     `json:"memberResourceNames"`
	MemberCount         int                          `json:"memberCount"`
	ClientData          []map[string]string          `json:"clientData"`
}

type groupList struct {
	ContactGroups []group `json:"contactGroups"`
	NextPageToken string  `json:"nextPageToken"`
	TotalItems    int     `json:"totalItems"`
}

// createGroup posts a contactGroups.create body as user.
func createGroup(t *testing.T, srv *peopletest.Server, user, body string) result {
	t.Helper()
	return mustDo(t, srv, user, http.MethodPost, groupsPath+"?prettyPrint=false", []byte(body))
}

// mustCreateGroup creates a group named name as user and returns it.
func mustCreateGroup(t *testing.T, srv *peopletest.Server, user, name string) group {
	t.Helper()
	res := createGroup(t, srv, user, fmt.Sprintf(`{"contactGroup":{"name":%q}}`, name))
	if res.status != http.StatusOK {
		t.Fatalf("create group %q: %d %s", name, res.status, res.body)
	}
	var g group
	decodeJSON(t, res.body, &g)
	return g
}

func decodeJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// listGroups reads every page of contactGroups.list as user, pageSize at a time.
func listGroups(t *testing.T, srv *peopletest.Server, user, query string) groupList {
	t.Helper()
	res := mustDo(t, srv, user, http.MethodGet, groupsPath+"?"+query, nil)
	if res.status != http.StatusOK {
		t.Fatalf("list groups: %d %s", res.status, res.body)
	}
	var l groupList
	decodeJSON(t, res.body, &l)
	return l
}

func TestCreateGroup(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		body   string
		status int
		rpc    string
		field  string // of the BadRequest violation
		check  func(t *testing.T, g group)
	}{
		"name only, default fields": {body: `{"contactGroup":{"name":"Family"}}`, status: 200, check: func(t *testing.T, g group) {
			if g.Name != "Family" || g.FormattedName != "Family" || g.GroupType != "USER_CONTACT_GROUP" ||
				g.Metadata == nil || g.Metadata.UpdateTime == "" || g.Etag == "" || len(g.ResourceName) != len("contactGroups/")+16 || g.ClientData != nil {
				t.Errorf("group = %+v", g)
			}
		}},
		"readGroupFields name,clientData": {body: `{"contactGroup":{"name":"Leads","clientData":[{"key":"crm","value":"7"}]},"readGroupFields":"name,clientData"}`,
			status: 200, check: func(t *testing.T, g group) {
				if g.Name != "Leads" || g.GroupType != "" || g.Metadata != nil || !cmp.Equal(g.ClientData, []map[string]string{{"key": "crm", "value": "7"}}) {
					t.Errorf("group = %+v", g)
				}
			}},
		"duplicate name":      {body: `{"contactGroup":{"name":"Existing"}}`, status: 409, rpc: "ALREADY_EXISTS"},
		"system group name":   {body: `{"contactGroup":{"name":"myContacts"}}`, status: 409, rpc: "ALREADY_EXISTS"},
		"differs in case":     {body: `{"contactGroup":{"name":"existing"}}`, status: 200},
		"empty name":          {body: `{"contactGroup":{"name":""}}`, status: 400, rpc: "INVALID_ARGUMENT", field: "contact_group.name"},
		"blank name":          {body: `{"contactGroup":{"name":"  "}}`, status: 400, rpc: "INVALID_ARGUMENT", field: "contact_group.name"},
		"no group":            {body: `{}`, status: 400, rpc: "INVALID_ARGUMENT", field: "contact_group"},
		"resource name set":   {body: `{"contactGroup":{"name":"X","resourceName":"contactGroups/x"}}`, status: 400, rpc: "INVALID_ARGUMENT", field: "contact_group.resource_name"},
		"output-only set":     {body: `{"contactGroup":{"name":"X","groupType":"USER_CONTACT_GROUP"}}`, status: 400, rpc: "INVALID_ARGUMENT", field: "contact_group"},
		"memberCount in mask": {body: `{"contactGroup":{"name":"X"},"readGroupFields":"memberCount"}`, status: 400, rpc: "INVALID_ARGUMENT", field: "read_group_fields"},
		"unknown field":       {body: `{"contactGroup":{"name":"X","label":"y"}}`, status: 400, rpc: "INVALID_ARGUMENT", field: "contact_group"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			mustCreateGroup(t, srv, "alice", "Existing")
			res := createGroup(t, srv, "alice", tc.body)
			if res.status != tc.status {
				t.Fatalf("status = %d, want %d: %s", res.status, tc.status, res.body)
			}
			wantGroups := 2
			if tc.status != 200 {
				e := decodeError(t, res)
				if e.Error.Status != tc.rpc || e.Error.Code != tc.status {
					t.Errorf("error = %d %s, want %d %s", e.Error.Code, e.Error.Status, tc.status, tc.rpc)
				}
				if tc.field != "" && !slices.Contains(fieldViolations(e), tc.field) {
					t.Errorf("field violations = %q, want %q", fieldViolations(e), tc.field)
				}
				wantGroups = 1
			}
			if tc.check != nil {
				var g group
				decodeJSON(t, res.body, &g)
				tc.check(t, g)
			}
			if n := len(srv.Groups("alice")); n != wantGroups {
				t.Errorf("alice has %d groups, want %d", n, wantGroups)
			}
		})
	}
}

func TestCreateGroupUsersApart(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := mustCreateGroup(t, srv, "alice", "Friends")
	b := mustCreateGroup(t, srv, "bob", "Friends") // not a duplicate: another user
	if a.ResourceName == b.ResourceName {
		t.Errorf("two users got the same group %s", a.ResourceName)
	}
	if res := mustDo(t, srv, "bob", http.MethodGet, "/v1/"+a.ResourceName, nil); res.status != http.StatusNotFound {
		t.Errorf("bob reads alice's group: %d", res.status)
	}
}

func TestListGroups(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	family := mustCreateGroup(t, srv, "alice", "Family")
	mustCreateGroup(t, srv, "alice", "Customers")
	create(t, srv, "alice", batch("", withGroups(person("A"), family.ResourceName, "contactGroups/starred"), withGroups(person("B"), family.ResourceName), person("C")))

	all := listGroups(t, srv, "alice", "")
	type row struct {
		ResourceName, GroupType, Name, FormattedName string
		MemberCount                                  int
	}
	var got []row
	for _, g := range all.ContactGroups {
		if g.Metadata == nil || g.Etag == "" {
			t.Errorf("%s: no metadata or etag", g.ResourceName)
		}
		got = append(got, row{g.ResourceName, g.GroupType, g.Name, g.FormattedName, g.MemberCount})
	}
	sys := func(id, formatted string, members int) row {
		return row{"contactGroups/" + id, "SYSTEM_CONTACT_GROUP", id, formatted, members}
	}
	want := []row{
		sys("myContacts", "My Contacts", 3), sys("starred", "Starred", 1), sys("friends", "Friends", 0),
		sys("family", "Family", 0), sys("coworkers", "Coworkers", 0), sys("chatBuddies", "Chat contacts", 0),
		sys("all", "All Contacts", 0), sys("blocked", "Blocked", 0),
		{family.ResourceName, "USER_CONTACT_GROUP", "Family", "Family", 2},
		{got[9].ResourceName, "USER_CONTACT_GROUP", "Customers", "Customers", 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if all.TotalItems != 10 || all.NextPageToken != "" {
		t.Errorf("totalItems %d, next %q", all.TotalItems, all.NextPageToken)
	}

	// Paging: every group once, in the same order.
	var paged []string
	query := "pageSize=3&groupFields=name"
	for pages := 0; ; pages++ {
		l := listGroups(t, srv, "alice", query)
		if l.TotalItems != 10 {
			t.Errorf("page %d: totalItems %d", pages, l.TotalItems)
		}
		for _, g := range l.ContactGroups {
			if g.GroupType != "" || g.Metadata != nil || g.MemberCount != 0 {
				t.Errorf("groupFields=name returned %+v", g)
			}
			paged = append(paged, g.ResourceName)
		}
		if l.NextPageToken == "" {
			break
		}
		query = "pageSize=3&groupFields=name&pageToken=" + l.NextPageToken
	}
	var names []string
	for _, r := range got {
		names = append(names, r.ResourceName)
	}
	if !slices.Equal(paged, names) {
		t.Errorf("paged = %q, want %q", paged, names)
	}
}

func TestListGroupsBadRequest(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	tests := map[string]struct{ query, field string }{
		"page size too large": {"pageSize=1001", "page_size"},
		"negative page size":  {"pageSize=-1", "page_size"},
		"page size not int":   {"pageSize=x", "page_size"},
		"unknown field":       {"groupFields=names", "group_fields"},
		"bad page token":      {"pageToken=zzz", "page_token"},
		"sync token":          {"syncToken=abc", "sync_token"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := mustDo(t, srv, "alice", http.MethodGet, groupsPath+"?"+tc.query, nil)
			if res.status != 400 {
				t.Fatalf("status %d: %s", res.status, res.body)
			}
			if e := decodeError(t, res); e.Error.Status != "INVALID_ARGUMENT" || !slices.Contains(fieldViolations(e), tc.field) {
				t.Errorf("error %s %q, want field %s", e.Error.Status, fieldViolations(e), tc.field)
			}
		})
	}
}

func TestGetGroup(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	g := mustCreateGroup(t, srv, "alice", "Team")
	res := create(t, srv, "alice", batch("names", withGroups(person("A"), g.ResourceName), withGroups(person("B"), g.ResourceName), person("C")))
	var created struct {
		CreatedPeople []struct{ Person struct{ ResourceName string } }
	}
	decodeJSON(t, res.body, &created)
	a, b := created.CreatedPeople[0].Person.ResourceName, created.CreatedPeople[1].Person.ResourceName

	tests := map[string]struct {
		path, query string
		status      int
		members     []string
		count       int
	}{
		"no members by default": {path: g.ResourceName, status: 200, count: 2},
		"maxMembers 1":          {path: g.ResourceName, query: "maxMembers=1", status: 200, members: []string{a}, count: 2},
		"maxMembers 10":         {path: g.ResourceName, query: "maxMembers=10", status: 200, members: []string{a, b}, count: 2},
		"system group":          {path: "contactGroups/myContacts", query: "maxMembers=5", status: 200, members: []string{a, b, created.CreatedPeople[2].Person.ResourceName}, count: 3},
		"unknown group":         {path: "contactGroups/0123456789abcdef", status: 404},
		"negative maxMembers":   {path: g.ResourceName, query: "maxMembers=-1", status: 400},
		"bad groupFields":       {path: g.ResourceName, query: "groupFields=photos", status: 400},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := mustDo(t, srv, "alice", http.MethodGet, "/v1/"+tc.path+"?"+tc.query, nil)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.status, tc.status, res.body)
			}
			if tc.status != 200 {
				if e := decodeError(t, res); e.Error.Code != tc.status {
					t.Errorf("error code %d", e.Error.Code)
				}
				return
			}
			var got group
			decodeJSON(t, res.body, &got)
			if got.ResourceName != tc.path || got.MemberCount != tc.count || !slices.Equal(got.MemberResourceNames, tc.members) {
				t.Errorf("got %s with %d members %q; want %d %q", got.ResourceName, got.MemberCount, got.MemberResourceNames, tc.count, tc.members)
			}
		})
	}
	if gs := srv.Groups("alice"); len(gs) != 1 || !slices.Equal(gs[0].Members, []string{a, b}) || gs[0].Name != "Team" {
		t.Errorf("Groups = %+v", gs)
	}
}

// withGroups adds memberships of groups to a contactPerson JSON object made by person.
func withGroups(personJSON string, groups ...string) string {
	var p map[string]any
	_ = json.Unmarshal([]byte(personJSON), &p)
	var ms []any
	for _, g := range groups {
		ms = append(ms, map[string]any{"contactGroupMembership": map[string]any{"contactGroupResourceName": g}})
	}
	p["memberships"] = ms
	b, _ := json.Marshal(p)
	return string(b)
}

func TestCreateContactsMemberships(t *testing.T) {
	t.Parallel()
	const field = "contacts[1].contact_person.memberships[0].contact_group_membership.contact_group_resource_name"
	tests := map[string]struct {
		group string // of the second contact; "user" means the group alice created
		ok    bool
	}{
		"user group":           {group: "user", ok: true},
		"starred":              {group: "contactGroups/starred", ok: true},
		"myContacts":           {group: "contactGroups/myContacts", ok: true},
		"unknown group":        {group: "contactGroups/0123456789abcdef"},
		"another user's group": {group: "bob"},
		"deprecated system":    {group: "contactGroups/family"},
		"not a group name":     {group: "Family"},
		"empty":                {group: ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			rn := map[string]string{
				"user": mustCreateGroup(t, srv, "alice", "Family").ResourceName,
				"bob":  mustCreateGroup(t, srv, "bob", "Family").ResourceName,
			}[tc.group]
			if rn == "" {
				rn = tc.group
			}
			res := create(t, srv, "alice", batch("memberships", person("A"), withGroups(person("B"), rn)))
			if tc.ok {
				if res.status != 200 {
					t.Fatalf("status %d: %s", res.status, res.body)
				}
				stored := srv.Contacts("alice")
				if len(stored) != 2 {
					t.Fatalf("stored %d contacts", len(stored))
				}
				var got []string
				for _, m := range stored[1].Memberships {
					got = append(got, m.ContactGroupMembership.ContactGroupResourceName)
				}
				if !slices.Contains(got, rn) || !slices.Contains(got, "contactGroups/myContacts") {
					t.Errorf("memberships = %q", got)
				}
				return
			}
			if res.status != 400 {
				t.Fatalf("status %d: %s", res.status, res.body)
			}
			e := decodeError(t, res)
			if got := contactErrorFields(t, e, "1"); !slices.Equal(got, []string{field}) {
				t.Errorf("contact 1 violations = %q, want %q", got, field)
			}
			if n := len(srv.Contacts("alice")); n != 0 {
				t.Errorf("%d contacts created by a rejected batch", n)
			}
		})
	}
}

// contactErrorFields lists the field violations of contact key of a batch error.
func contactErrorFields(t *testing.T, e envelope, key string) []string {
	t.Helper()
	for _, d := range e.Error.Details {
		ce, ok := d["contactErrors"].(map[string]any)
		if !ok {
			continue
		}
		st, _ := ce[key].(map[string]any)
		details, _ := st["details"].([]any)
		var out []string
		for _, x := range details {
			br, _ := x.(map[string]any)
			fvs, _ := br["fieldViolations"].([]any)
			for _, fv := range fvs {
				out = append(out, fv.(map[string]any)["field"].(string))
			}
		}
		return out
	}
	t.Fatalf("no contactErrors in %+v", e)
	return nil
}
