// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"fmt"
	"log"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// Labels become contact groups: ResolveContactGroups finds or creates each group once, and
// AddToGroups makes each contact a member on create. A second run finds the groups.
func ExampleClient_ResolveContactGroups() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	groups, err := client.ResolveContactGroups(ctx, []string{"Family", "Friends", "starred"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", groups.Created, "starred:", groups.ResourceNames["starred"])

	ada := &people.Person{Names: []*people.Name{{GivenName: "Ada"}}}
	contacts := []*people.Person{
		people.AddToGroups(ada, groups.ResourceNames["Family"], groups.ResourceNames["starred"]),
	}
	if _, err := client.BatchCreateContacts(ctx, contacts, "", nil); err != nil {
		log.Fatal(err)
	}
	for _, g := range srv.Groups("alice@example.com") {
		fmt.Println(g.Name, len(g.Members), "member(s)")
	}

	again, err := client.ResolveContactGroups(ctx, []string{"Family", "Friends"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created on the second run:", len(again.Created))
	// Output:
	// created: [Family Friends] starred: contactGroups/starred
	// Family 1 member(s)
	// Friends 0 member(s)
	// created on the second run: 0
}

// Photos are set after the contacts are created, one request per contact; each update gets an
// outcome. An update that validation refuses fails alone.
func ExampleClient_SetContactPhotos() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	res, err := client.BatchCreateContacts(ctx, exampleContacts(2), people.ReadMask(people.MaskNames), nil)
	if err != nil {
		log.Fatal(err)
	}
	jpeg := []byte("\xff\xd8\xff\xe0 JPEG data")
	photos, err := client.SetContactPhotos(ctx, []people.PhotoUpdate{
		{ResourceName: res.Contacts[0].ResourceName(), Photo: jpeg},
		{ResourceName: res.Contacts[1].ResourceName(), Photo: []byte("not an image")},
	})
	for _, p := range photos.Photos {
		fmt.Println(p.Index, p.Outcome)
	}
	fmt.Println(err)
	// Output:
	// 0 created
	// 1 failed
	// people: 1 of 2 photos set (1 failed, 0 not sent, 0 unknown)
}
