// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

const groupUser = "groups@example.com"

// fastClient returns a client of user on srv that retries without waiting long.
func fastClient(t *testing.T, srv *peopletest.Server, user string, cfg *people.Config) *people.Client {
	t.Helper()
	if cfg == nil {
		cfg = &people.Config{}
	}
	cfg.User = user
	if cfg.Retry.InitialBackoff == 0 {
		cfg.Retry.InitialBackoff, cfg.Retry.MaxBackoff = time.Millisecond, 2*time.Millisecond
	}
	return emulatorClient(t, srv, user, cfg)
}

// groupNames returns the names of user's groups on srv, sorted.
func groupNames(srv *peopletest.Server, user string) []string {
	var names []string
	for _, g := range srv.Groups(user) {
		names = append(names, g.Name)
	}
	slices.Sort(names)
	return names
}

// groupMutations counts the contactGroups.create requests srv saw.
func groupMutations(srv *peopletest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Mutation == peopletest.MutationCreateContactGroup {
			n++
		}
	}
	return n
}

func TestResolveContactGroups(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		existing    []string // groups created before the call
		names       []string
		wantCreated []string
		wantCreates int // contactGroups.create requests of the call
	}{
		"creates the missing": {
			names: []string{"Family", "Friends"}, wantCreated: []string{"Family", "Friends"}, wantCreates: 2,
		},
		"reuses the existing": {
			existing: []string{"Family"}, names: []string{"Family", "Work"}, wantCreated: []string{"Work"}, wantCreates: 1,
		},
		"system groups by fixed name": {
			names: []string{"myContacts", "starred"}, wantCreates: 0,
		},
		"a name twice is created once": {
			names: []string{"VIP", "VIP", "vip"}, wantCreated: []string{"VIP", "vip"}, wantCreates: 2,
		},
		"nothing": {},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			c := fastClient(t, srv, groupUser, nil)
			for _, n := range tc.existing {
				if _, err := c.CreateContactGroup(t.Context(), &people.ContactGroup{Name: n}); err != nil {
					t.Fatal(err)
				}
			}
			before := groupMutations(srv)
			res, err := c.ResolveContactGroups(t.Context(), tc.names)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantCreated, res.Created); diff != "" {
				t.Errorf("Created (-want +got):\n%s", diff)
			}
			if got := groupMutations(srv) - before; got != tc.wantCreates {
				t.Errorf("%d creates, want %d", got, tc.wantCreates)
			}
			want := map[string]string{}
			for _, g := range srv.Groups(groupUser) {
				if slices.Contains(tc.names, g.Name) {
					want[g.Name] = g.ResourceName
				}
			}
			for _, n := range tc.names {
				if n == "myContacts" || n == "starred" {
					want[n] = "contactGroups/" + n
				}
			}
			if diff := cmp.Diff(want, res.ResourceNames); diff != "" {
				t.Errorf("ResourceNames (-want +got):\n%s", diff)
			}
			// A second run, as a second import would, finds every group.
			again, err := c.ResolveContactGroups(t.Context(), tc.names)
			if err != nil || len(again.Created) != 0 || !cmp.Equal(again.ResourceNames, res.ResourceNames) {
				t.Errorf("second run: created %v, %v, %v", again.Created, again.ResourceNames, err)
			}
		})
	}
}

// A create whose reply is lost, or that fails with a 5xx after the server created the
// group, is settled by listing: the group is found, never created twice.
func TestResolveContactGroupsLostReply(t *testing.T) {
	t.Parallel()
	for _, kind := range []peopletest.FaultKind{peopletest.FaultResetAfterCommit, peopletest.FaultInternalAfterCommit,
		peopletest.FaultTruncatedBody, peopletest.FaultResetBeforeCommit, peopletest.FaultStatus} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			srv.AddFaults(peopletest.Fault{Kind: kind, Mutation: peopletest.MutationCreateContactGroup})
			c := fastClient(t, srv, groupUser, nil)
			res, err := c.ResolveContactGroups(t.Context(), []string{"Family", "Friends"})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"Family", "Friends"}, groupNames(srv, groupUser)); diff != "" {
				t.Errorf("groups stored (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"Family", "Friends"}, res.Created); diff != "" {
				t.Errorf("Created (-want +got):\n%s", diff)
			}
			if srv.PendingFaults() != 0 {
				t.Error("the fault did not fire")
			}
		})
	}
}

// Resolvers of the same user in parallel, each with a Sequencer of its own as separate
// processes would have, create each group once.
func TestResolveContactGroupsConcurrent(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	names := []string{"A", "B", "C", "D"}
	var wg sync.WaitGroup
	created := make([][]string, 4)
	for i := range created {
		c := fastClient(t, srv, groupUser, nil)
		wg.Go(func() {
			res, err := c.ResolveContactGroups(t.Context(), names)
			if err != nil {
				t.Error(err)
				return
			}
			if len(res.ResourceNames) != len(names) {
				t.Errorf("resolver %d: %d names resolved", i, len(res.ResourceNames))
			}
			created[i] = res.Created
		})
	}
	wg.Wait()
	if diff := cmp.Diff(names, groupNames(srv, groupUser)); diff != "" {
		t.Errorf("groups stored (-want +got):\n%s", diff)
	}
	if n := len(slices.Concat(created...)); n != len(names) {
		t.Errorf("the resolvers say they created %d groups, want %d", n, len(names))
	}
}

// The deprecated system groups are not resolved; the other names are.
func TestResolveDeprecatedSystemGroup(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c := fastClient(t, srv, groupUser, nil)
	res, err := c.ResolveContactGroups(t.Context(), []string{"family", "Family"})
	var ge *people.GroupError
	if !errors.As(err, &ge) || ge.Index != 0 || ge.Name != "family" {
		t.Errorf("error %v, want a *GroupError for names[0]", err)
	}
	if _, ok := res.ResourceNames["family"]; ok || res.ResourceNames["Family"] == "" {
		t.Errorf("resolved %v, want Family alone", res.ResourceNames)
	}
}

// A 409 ALREADY_EXISTS is a refusal, not the 409 ABORTED that is retried.
func TestCreateContactGroupAlreadyExists(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c := fastClient(t, srv, groupUser, nil)
	g, err := c.CreateContactGroup(t.Context(), &people.ContactGroup{Name: "Family"})
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "Family" || g.GroupType != people.GroupTypeUser || g.ResourceName != srv.Groups(groupUser)[0].ResourceName {
		t.Errorf("created %+v", g)
	}
	_, err = c.CreateContactGroup(t.Context(), &people.ContactGroup{Name: "Family"})
	var me *people.MutationError
	var e *people.Error
	if !errors.As(err, &me) || !errors.As(err, &e) {
		t.Fatalf("second create: %v, want a *MutationError with an *Error", err)
	}
	if me.Outcome != people.OutcomeFailed || me.Attempts != 1 || e.Code != people.AlreadyExists || me.Method != people.MethodCreateContactGroup {
		t.Errorf("second create: outcome %v, %d attempts, code %v", me.Outcome, me.Attempts, e.Code)
	}
	// A 409 ABORTED is retried.
	srv.AddFaults(peopletest.Fault{Mutation: peopletest.MutationCreateContactGroup, Status: http.StatusConflict,
		Body: []byte(`{"error":{"code":409,"message":"aborted","status":"ABORTED"}}`)})
	if _, err := c.CreateContactGroup(t.Context(), &people.ContactGroup{Name: "Work"}); err != nil {
		t.Errorf("create after a 409 ABORTED: %v", err)
	}
	if diff := cmp.Diff([]string{"Family", "Work"}, groupNames(srv, groupUser)); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}

func TestContactGroupInputErrors(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c := fastClient(t, srv, groupUser, nil)
	tests := map[string]struct {
		call  func() error
		field string
	}{
		"empty name": {func() error {
			_, err := c.ResolveContactGroups(t.Context(), []string{"ok", " "})
			return err
		}, "names[1]"},
		"invalid UTF-8": {func() error {
			_, err := c.ResolveContactGroups(t.Context(), []string{"a\xff"})
			return err
		}, "names[0]"},
		"nil group": {func() error {
			_, err := c.CreateContactGroup(t.Context(), nil)
			return err
		}, "group"},
		"output-only field": {func() error {
			_, err := c.CreateContactGroup(t.Context(), &people.ContactGroup{Name: "x", ResourceName: "contactGroups/1"})
			return err
		}, "group"},
		"client data without key": {func() error {
			_, err := c.CreateContactGroup(t.Context(), &people.ContactGroup{Name: "x", ClientData: []*people.GroupClientData{nil}})
			return err
		}, "group.clientData[0].key"},
		"nil context": {func() error {
			_, err := c.ResolveContactGroups(nil, []string{"x"}) //lint:ignore SA1012 a nil context is what is tested
			return err
		}, "ctx"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var ve *people.ValidationError
			if err := tc.call(); !errors.As(err, &ve) || ve.Field != tc.field {
				t.Errorf("error %v, want a *ValidationError of field %s", err, tc.field)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// ListContactGroups reads every page.
func TestListContactGroupsPages(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var tokens []string
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"v1/contactGroups", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tokens = append(tokens, r.URL.Query().Get("pageToken"))
		mu.Unlock()
		page := map[string]any{"contactGroups": []map[string]string{{"resourceName": "contactGroups/" + r.URL.Query().Get("pageToken") + "x", "name": "g"}}}
		switch r.URL.Query().Get("pageToken") {
		case "":
			page["nextPageToken"] = "p2"
		case "p2":
			page["nextPageToken"] = "p3"
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(page)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c, err := people.NewClient(t.Context(), option.WithEndpoint(srv.URL+prefix), option.WithoutAuthentication())
	if err != nil {
		t.Fatal(err)
	}
	groups, err := c.ListContactGroups(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, g.ResourceName)
	}
	if diff := cmp.Diff([]string{"contactGroups/x", "contactGroups/p2x", "contactGroups/p3x"}, got); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"", "p2", "p3"}, tokens); diff != "" {
		t.Errorf("page tokens (-want +got):\n%s", diff)
	}
}

func TestAddToGroups(t *testing.T) {
	t.Parallel()
	in := &people.Person{Names: []*people.Name{{GivenName: "Ada"}}, Memberships: []*people.Membership{
		{ContactGroupMembership: &people.ContactGroupMembership{ContactGroupResourceName: people.GroupStarred}},
	}}
	out := people.AddToGroups(in, "contactGroups/a", people.GroupStarred, "contactGroups/a")
	var got []string
	for _, m := range out.Memberships {
		got = append(got, m.ContactGroupMembership.ContactGroupResourceName)
	}
	if diff := cmp.Diff([]string{people.GroupStarred, "contactGroups/a"}, got); diff != "" {
		t.Errorf("memberships (-want +got):\n%s", diff)
	}
	if len(in.Memberships) != 1 || out.Names[0] != in.Names[0] {
		t.Errorf("the input changed, or the copy lost a field")
	}
	if people.AddToGroups(nil, "contactGroups/a") != nil {
		t.Error("AddToGroups(nil) is not nil")
	}
}

// Memberships set with AddToGroups are stored on create.
func TestMembershipsOnCreate(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c := fastClient(t, srv, groupUser, nil)
	res, err := c.ResolveContactGroups(t.Context(), []string{"Family"})
	if err != nil {
		t.Fatal(err)
	}
	var contacts []*people.Person
	for i := range 3 {
		contacts = append(contacts, people.AddToGroups(&people.Person{Names: []*people.Name{{GivenName: fmt.Sprint("P", i)}}}, res.ResourceNames["Family"]))
	}
	if _, err := c.BatchCreateContacts(t.Context(), contacts, "", nil); err != nil {
		t.Fatal(err)
	}
	if g := srv.Groups(groupUser); len(g) != 1 || len(g[0].Members) != 3 {
		t.Errorf("groups %+v, want Family with 3 members", g)
	}
}
