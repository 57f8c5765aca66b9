// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestQuickstart(t *testing.T) {
	srv := peopletest.NewServer()
	defer srv.Close()
	var out strings.Builder
	if err := run(t.Context(), &out, srv.ClientOptions("you@example.com")...); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^created people/c\w+ Ada Lovelace
created people/c\w+ Grace Hopper
created people/c\w+ Alan Turing
contact 3 not sent: names: .+
3 created, 1 failed
$`)
	if !want.MatchString(out.String()) {
		t.Errorf("output:\n%s\nwant it to match:\n%s", out.String(), want)
	}
	if got := len(srv.Contacts("you@example.com")); got != 3 {
		t.Errorf("%d contacts stored, want 3", got)
	}
}
