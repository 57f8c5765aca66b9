// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// sendMutation sends one mutate request of method m as user ("" sends no Authorization header)
// and reports what the client saw; resourceName is the contact of a photo update.
func sendMutation(ctx context.Context, srv *peopletest.Server, m peopletest.Mutation, user, resourceName, body string) outcome {
	return sendMutationWith(ctx, srv.Client(), srv.URL, m, user, resourceName, body)
}

// sendMutationWith is sendMutation to the server at url through hc.
func sendMutationWith(ctx context.Context, hc *http.Client, url string, m peopletest.Mutation, user, resourceName, body string) outcome {
	method, path := http.MethodPost, batchPath
	switch m {
	case peopletest.MutationCreateContactGroup:
		path = groupsPath
	case peopletest.MutationUpdateContactPhoto:
		method, path = http.MethodPatch, "/v1/"+resourceName+":updateContactPhoto"
	}
	req, err := http.NewRequestWithContext(ctx, method, url+path+"?prettyPrint=false", strings.NewReader(body))
	if err != nil {
		return outcome{err: err}
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return outcome{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return outcome{status: resp.StatusCode, header: resp.Header, body: b, length: resp.ContentLength, err: err}
}

// mutationCase is one mutate method: a valid body and how to tell that it was committed.
type mutationCase struct {
	m         peopletest.Mutation
	body      func(t *testing.T) string
	committed func(srv *peopletest.Server, resourceName string) bool
}

func mutationCases() map[string]mutationCase {
	return map[string]mutationCase{
		"batchCreateContacts": {peopletest.MutationBatchCreateContacts,
			func(*testing.T) string { return batch("", person("New")) },
			func(srv *peopletest.Server, _ string) bool { return len(srv.Contacts("alice")) == 2 }},
		"contactGroups.create": {peopletest.MutationCreateContactGroup,
			func(*testing.T) string { return `{"contactGroup":{"name":"Family"}}` },
			func(srv *peopletest.Server, _ string) bool { return len(srv.Groups("alice")) == 1 }},
		"updateContactPhoto": {peopletest.MutationUpdateContactPhoto,
			func(t *testing.T) string { return photoBody(pngImage(t), "photos") },
			func(srv *peopletest.Server, rn string) bool { _, ok := srv.Photo("alice", rn); return ok }},
	}
}

func TestFaultsOnEachMutation(t *testing.T) {
	t.Parallel()
	kinds := map[string]struct {
		kind      peopletest.FaultKind
		status    int // 0: a transport error
		committed bool
	}{
		"status 503":            {peopletest.FaultStatus, 503, false},
		"reset before commit":   {peopletest.FaultResetBeforeCommit, 0, false},
		"reset after commit":    {peopletest.FaultResetAfterCommit, 0, true},
		"internal after commit": {peopletest.FaultInternalAfterCommit, 500, true},
		"malformed JSON":        {peopletest.FaultMalformedJSON, 200, true},
	}
	for mname, mc := range mutationCases() {
		for kname, k := range kinds {
			t.Run(mname+"/"+kname, func(t *testing.T) {
				t.Parallel()
				srv := newServer(t)
				rn := createOne(t, srv, "alice", "Ada")
				srv.AddFaults(peopletest.Fault{Kind: k.kind, Mutation: mc.m})
				o := sendMutation(t.Context(), srv, mc.m, "alice", rn, mc.body(t))
				if k.status == 0 {
					wantTransportError(t, o)
				} else if o.err != nil || o.status != k.status {
					t.Errorf("got %d %v, want %d", o.status, o.err, k.status)
				}
				if got := mc.committed(srv, rn); got != k.committed {
					t.Errorf("committed = %v, want %v", got, k.committed)
				}
				if n := srv.PendingFaults(); n != 0 {
					t.Errorf("%d faults pending", n)
				}
				reqs := srv.Requests()
				last := reqs[len(reqs)-1]
				if last.Mutation != mc.m || last.Fault == nil || last.Fault.Kind != k.kind || last.Number != 2 {
					t.Errorf("record = %+v", last)
				}
			})
		}
	}
}

func TestFaultTargets(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		target peopletest.Mutation
		fires  []bool // on a group create, a photo update, a batch create, in that order
	}{
		"empty targets batchCreateContacts only": {"", []bool{false, false, true}},
		"contactGroups.create":                   {peopletest.MutationCreateContactGroup, []bool{true, false, false}},
		"updateContactPhoto":                     {peopletest.MutationUpdateContactPhoto, []bool{false, true, false}},
		"any mutation":                           {peopletest.AnyMutation, []bool{true, false, false}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			rn := createOne(t, srv, "alice", "Ada")
			srv.AddFaults(peopletest.Fault{Status: 503, Mutation: tc.target})
			cases := mutationCases()
			for i, c := range []mutationCase{cases["contactGroups.create"], cases["updateContactPhoto"], cases["batchCreateContacts"]} {
				o := sendMutation(t.Context(), srv, c.m, "alice", rn, c.body(t))
				if fired := o.status == 503; fired != tc.fires[i] {
					t.Errorf("%s: status %d, fired %v, want %v", c.m, o.status, fired, tc.fires[i])
				}
			}
		})
	}
}

func TestAddFaultsRejectsUnknownMutation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer func() {
		if recover() == nil {
			t.Error("AddFaults accepted Mutation \"contactGroups.delete\"")
		}
	}()
	srv.AddFaults(peopletest.Fault{Mutation: "contactGroups.delete"})
}

// TestLostGroupReplyThenList is what a client does when the reply to contactGroups.create is
// lost: it lists the groups and finds the group once; creating it again answers 409
// ALREADY_EXISTS and creates nothing.
func TestLostGroupReplyThenList(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Mutation: peopletest.MutationCreateContactGroup})
	o := sendMutation(t.Context(), srv, peopletest.MutationCreateContactGroup, "alice", "", `{"contactGroup":{"name":"Family"}}`)
	wantTransportError(t, o)

	count := func() int {
		n := 0
		for _, g := range listGroups(t, srv, "alice", "groupFields=name").ContactGroups {
			if g.Name == "Family" {
				n++
			}
		}
		return n
	}
	if n := count(); n != 1 {
		t.Fatalf("after the lost reply the list holds Family %d times, want 1", n)
	}
	again := sendMutation(t.Context(), srv, peopletest.MutationCreateContactGroup, "alice", "", `{"contactGroup":{"name":"Family"}}`)
	wantError(t, again, 409, "ALREADY_EXISTS", "Contact group name already exists.")
	if n := count(); n != 1 || len(srv.Groups("alice")) != 1 {
		t.Errorf("after the retry: Family listed %d times, %d groups stored", n, len(srv.Groups("alice")))
	}
}

// TestMutationsShareWriteQuota checks that group creates and photo updates count against the
// same per-user write quota as batchCreateContacts, and are refused by it like it.
func TestMutationsShareWriteQuota(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t, peopletest.WithWriteQuota(peopletest.Quota{Requests: 3}), peopletest.WithClock(clock.Now))
	rn := createOne(t, srv, "alice", "Ada") // write 1
	cases := mutationCases()
	if o := sendMutation(t.Context(), srv, cases["contactGroups.create"].m, "alice", rn, cases["contactGroups.create"].body(t)); o.status != 200 {
		t.Fatalf("group create: %d %s", o.status, o.body)
	}
	if o := sendMutation(t.Context(), srv, cases["updateContactPhoto"].m, "alice", rn, cases["updateContactPhoto"].body(t)); o.status != 200 {
		t.Fatalf("photo: %d %s", o.status, o.body)
	}
	for _, name := range []string{"contactGroups.create", "updateContactPhoto", "batchCreateContacts"} {
		c := cases[name]
		o := sendMutation(t.Context(), srv, c.m, "alice", rn, strings.Replace(c.body(t), "Family", "Other", 1))
		if o.status != 429 {
			t.Errorf("%s over quota: %d %s", name, o.status, o.body)
		}
	}
	if n, g := len(srv.Contacts("alice")), len(srv.Groups("alice")); n != 1 || g != 1 || srv.QuotaRejections("alice") != 3 {
		t.Errorf("%d contacts, %d groups, %d rejections; want 1, 1, 3", n, g, srv.QuotaRejections("alice"))
	}
	// Reads take no quota.
	if l := listGroups(t, srv, "alice", ""); l.TotalItems != 9 {
		t.Errorf("list: %d groups", l.TotalItems)
	}
	clock.Advance(time.Minute)
	if o := sendMutation(t.Context(), srv, cases["contactGroups.create"].m, "alice", rn, `{"contactGroup":{"name":"Later"}}`); o.status != 200 {
		t.Errorf("after the window: %d", o.status)
	}
}

// TestMutationsOverlap checks that a group create or a photo update that starts while another
// mutation of the same user is in flight is an overlap, aborted under ConcurrencyCheck.Abort.
func TestMutationsOverlap(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"contactGroups.create", "updateContactPhoto"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := mutationCases()[name]
			srv := newServer(t, peopletest.WithConcurrencyCheck(peopletest.ConcurrencyCheck{Abort: true}))
			rn := createOne(t, srv, "alice", "Ada")
			release := holdInFlight(t, srv, "alice")
			o := sendMutation(t.Context(), srv, c.m, "alice", rn, c.body(t))
			release()
			wantError(t, o, 409, "ABORTED", "The operation was aborted.")
			if c.committed(srv, rn) {
				t.Error("the aborted mutation was committed")
			}
			if srv.Overlaps("alice") != 1 || srv.MaxInFlight("alice") != 2 {
				t.Errorf("Overlaps %d, MaxInFlight %d; want 1, 2", srv.Overlaps("alice"), srv.MaxInFlight("alice"))
			}
		})
	}
}
