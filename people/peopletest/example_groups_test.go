// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log"
	"strings"

	"google.golang.org/api/googleapi"
	peopleapi "google.golang.org/api/people/v1"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// A contact joins a group on create; creating a group whose name is taken answers 409
// ALREADY_EXISTS, which a client resolves by listing the groups.
func ExampleServer_Groups() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	svc, err := peopleapi.NewService(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}

	family, err := svc.ContactGroups.Create(&peopleapi.CreateContactGroupRequest{
		ContactGroup: &peopleapi.ContactGroup{Name: "Family"},
	}).Do()
	if err != nil {
		log.Fatal(err)
	}
	_, err = svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{{ContactPerson: &peopleapi.Person{
			Names: []*peopleapi.Name{{GivenName: "Ada"}},
			Memberships: []*peopleapi.Membership{{ContactGroupMembership: &peopleapi.ContactGroupMembership{
				ContactGroupResourceName: family.ResourceName,
			}}},
		}}},
	}).Do()
	if err != nil {
		log.Fatal(err)
	}

	_, err = svc.ContactGroups.Create(&peopleapi.CreateContactGroupRequest{
		ContactGroup: &peopleapi.ContactGroup{Name: "Family"},
	}).Do()
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		fmt.Println("second create:", gerr.Code, strings.Contains(gerr.Body, "ALREADY_EXISTS"))
	}
	for _, g := range srv.Groups("alice@example.com") {
		fmt.Println(g.Name, len(g.Members), "member")
	}
	// Output:
	// second create: 409 true
	// Family 1 member
}

// A photo set with updateContactPhoto is listed in the contact's photos, at a URL that serves
// its bytes.
func ExampleServer_Photo() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	svc, err := peopleapi.NewService(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	created, err := svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{{ContactPerson: &peopleapi.Person{Names: []*peopleapi.Name{{GivenName: "Ada"}}}}},
		ReadMask: "names",
	}).Do()
	if err != nil {
		log.Fatal(err)
	}
	ada := created.CreatedPeople[0].Person.ResourceName

	png := []byte("\x89PNG\r\n\x1a\n...") // the emulator checks the signature only
	_, err = svc.People.UpdateContactPhoto(ada, &peopleapi.UpdateContactPhotoRequest{
		PhotoBytes: base64.StdEncoding.EncodeToString(png),
	}).Do()
	if err != nil {
		log.Fatal(err)
	}
	list, err := svc.People.Connections.List("people/me").PersonFields("photos").Do()
	if err != nil {
		log.Fatal(err)
	}
	photo := list.Connections[0].Photos[0]
	stored, _ := srv.Photo("alice@example.com", ada)
	fmt.Println(strings.HasPrefix(photo.Url, srv.URL+"/photos/"), photo.Default, len(stored), "bytes")
	// Output:
	// true false 11 bytes
}
