// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestContactLimit(t *testing.T) {
	t.Parallel()
	srv := newServer(t, peopletest.WithContactLimit(3))
	if res := create(t, srv, "alice", batch("", person("A"), person("B"))); res.status != 200 {
		t.Fatalf("got %d", res.status)
	}
	res := create(t, srv, "alice", batch("", person("C"), person("D")))
	e := decodeError(t, res)
	if res.status != 400 || e.Error.Status != "FAILED_PRECONDITION" || !strings.Contains(e.Error.Message, "MY_CONTACTS_OVERFLOW_COUNT") {
		t.Fatalf("got %d %s %q, want 400 FAILED_PRECONDITION naming MY_CONTACTS_OVERFLOW_COUNT", res.status, e.Error.Status, e.Error.Message)
	}
	if d := e.Error.Details; len(d) != 1 || d[0]["@type"] != "type.googleapis.com/google.rpc.PreconditionFailure" {
		t.Errorf("details = %v", d)
	}
	if n := len(srv.Contacts("alice")); n != 2 {
		t.Errorf("alice has %d contacts, want 2: an overflowing batch creates nothing", n)
	}
	if res := create(t, srv, "alice", batch("", person("C"))); res.status != 200 {
		t.Errorf("filling the last place: %d", res.status)
	}
	if res := create(t, srv, "bob", batch("", person("A"), person("B"), person("C"))); res.status != 200 {
		t.Errorf("the limit is per account: bob got %d", res.status)
	}
}

func TestDefaultContactLimit(t *testing.T) {
	t.Parallel()
	// Zero means the default, as no option does.
	srv := newServer(t, peopletest.WithContactLimit(0))
	full := `{"contacts":[` + strings.Repeat(`{"contactPerson":{}},`, 199) + `{"contactPerson":{}}]}`
	for i := range peopletest.DefaultContactLimit / 200 {
		if res := create(t, srv, "", full); res.status != 200 {
			t.Fatalf("batch %d: %d %s", i, res.status, res.body)
		}
	}
	if res := create(t, srv, "", batch("", `{}`)); res.status != 400 {
		t.Errorf("contact 25,001: got %d, want 400", res.status)
	}
	if n := len(srv.Contacts("")); n != 25000 {
		t.Errorf("%d contacts stored", n)
	}
}
