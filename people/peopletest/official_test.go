// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/api/googleapi"
	peopleapi "google.golang.org/api/people/v1"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestOfficialClient drives the emulator with Google's generated client, so that the emulator
// is not shaped only for this SDK.
func TestOfficialClient(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	svc, err := peopleapi.NewService(t.Context(), srv.ClientOptions("alice@example.com")...)
	if err != nil {
		t.Fatal(err)
	}

	resp, err := svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{
			{ContactPerson: &peopleapi.Person{
				Names:          []*peopleapi.Name{{GivenName: "Ada", FamilyName: "Lovelace"}},
				EmailAddresses: []*peopleapi.EmailAddress{{Value: "ada@example.com", Type: "work"}},
				Birthdays:      []*peopleapi.Birthday{{Date: &peopleapi.Date{Year: 1815, Month: 12, Day: 10}}},
			}},
			{ContactPerson: &peopleapi.Person{Names: []*peopleapi.Name{{GivenName: "Alan", FamilyName: "Turing"}}}},
		},
		ReadMask: "names,emailAddresses,metadata",
		Sources:  []string{"READ_SOURCE_TYPE_CONTACT"},
	}).Context(t.Context()).Do()
	if err != nil {
		t.Fatalf("BatchCreateContacts: %v", err)
	}
	if resp.HTTPStatusCode != http.StatusOK || len(resp.CreatedPeople) != 2 {
		t.Fatalf("got %d with %d people", resp.HTTPStatusCode, len(resp.CreatedPeople))
	}
	ada := resp.CreatedPeople[0].Person
	if ada.Names[0].DisplayName != "Ada Lovelace" || ada.EmailAddresses[0].FormattedType != "Work" ||
		!strings.HasPrefix(ada.ResourceName, "people/c") || ada.Metadata.Sources[0].Type != "CONTACT" || ada.Birthdays != nil {
		t.Errorf("created person = %+v", ada)
	}
	if resp.CreatedPeople[1].Person.Names[0].GivenName != "Alan" {
		t.Error("request order not kept")
	}
	if n := len(srv.Contacts("alice@example.com")); n != 2 {
		t.Errorf("alice has %d contacts", n)
	}

	// The official client reads back what it stored.
	list, err := svc.People.Connections.List("people/me").PersonFields("names").PageSize(1).Context(t.Context()).Do()
	if err != nil {
		t.Fatalf("Connections.List: %v", err)
	}
	if list.TotalPeople != 2 || len(list.Connections) != 1 || list.NextPageToken == "" {
		t.Errorf("list = %d people, %d connections, token %q", list.TotalPeople, len(list.Connections), list.NextPageToken)
	}

	// A rejected batch decodes into a *googleapi.Error with the details kept.
	_, err = svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{
			{ContactPerson: &peopleapi.Person{Names: []*peopleapi.Name{{GivenName: "A"}, {GivenName: "B"}}}},
		},
	}).Context(t.Context()).Do()
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		t.Fatalf("err = %v, want a *googleapi.Error", err)
	}
	if gerr.Code != 400 || gerr.Message != "Request contains an invalid argument." || len(gerr.Details) != 2 {
		t.Errorf("googleapi.Error = %d %q, %d details", gerr.Code, gerr.Message, len(gerr.Details))
	}
	if d, _ := gerr.Details[0].(map[string]any); d["@type"] != "type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails" {
		t.Errorf("details[0] = %v", gerr.Details[0])
	}

	// So does a quota error, through the error envelope the real service sends.
	srv.AddFaults(peopletest.Fault{Status: 429})
	_, err = svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{{ContactPerson: &peopleapi.Person{}}},
	}).Context(t.Context()).Do()
	if !errors.As(err, &gerr) || gerr.Code != 429 {
		t.Errorf("err = %v, want a 429 *googleapi.Error", err)
	}
}
