// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestFindMarkedAcrossCalls(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClient(t.Context(), srv.ClientOptions("finder")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	in := contacts(1500) // two pages of connections
	for i, p := range in {
		p.ClientData = []*people.ClientData{{Key: "my.row", Value: fmt.Sprintf("row-%d", i)}}
	}
	if _, err := c.BatchCreateContacts(t.Context(), in[:1200], "", nil); err != nil {
		t.Fatal(err)
	}
	markers := []string{people.Marker(in[0], "my.row"), people.Marker(in[1199], "my.row"), people.Marker(in[1200], "my.row")}
	found, err := c.FindMarked(t.Context(), "my.row", markers)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || found[markers[0]] == "" || found[markers[1]] == "" {
		t.Errorf("found %v; want the first two markers, not the third", found)
	}
}

func TestValidateNamesIndexAndField(t *testing.T) {
	t.Parallel()
	in := contacts(3)
	if err := people.Validate(in); err != nil {
		t.Fatalf("valid contacts: %v", err)
	}
	in[2].Birthdays = []*people.Birthday{{Date: &people.Date{Year: 2023, Month: 2, Day: 30}}}
	var ve *people.ValidationError
	if err := people.Validate(in); !errors.As(err, &ve) || ve.Index != 2 || ve.Field != "birthdays[0].date.day" {
		t.Fatalf("Validate = %v", err)
	}
}

func TestSkipInvalidReportsTheProblemsInTheError(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, nil)
	in := contacts(3)
	in[0].PhoneNumbers = []*people.PhoneNumber{{Value: ""}}
	_, err := c.BatchCreateContacts(t.Context(), in, "", nil, people.SkipInvalid())
	var be *people.BatchError
	var ve *people.ValidationError
	if !errors.As(err, &be) || be.Invalid == nil || !errors.As(err, &ve) || ve.Index != 0 || ve.Field != "phoneNumbers[0].value" {
		t.Fatalf("err = %v", err)
	}
}
