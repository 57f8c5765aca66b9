// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestEmulatorHostEnvironment(t *testing.T) {
	srv := peopletest.NewServer()
	defer srv.Close()
	t.Setenv(people.EmulatorHostEnv, strings.TrimPrefix(srv.URL, "http://"))
	c, err := people.NewClient(t.Context()) // no options: no credentials are looked for
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	res, err := c.BatchCreateContacts(t.Context(), contacts(3), "names", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(srv.Contacts(peopletest.DefaultUser)); got != 3 || res.Counts().Created != 3 {
		t.Fatalf("emulator holds %d contacts, counts %+v", got, res.Counts())
	}
}
