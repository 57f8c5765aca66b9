// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// An import creates its contacts' groups before the contacts. Run with the journal of another
// input, the call would refuse the journal, but only after the groups were made:
// CheckJournal refuses it first, so that nothing is created.
func ExampleClient_CheckJournal() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	j, err := filejournal.Open(filepath.Join(dir, "contacts.journal"))
	if err != nil {
		log.Fatal(err)
	}
	defer j.Close()

	byName := func(_ int, p *people.Person) string { return p.Names[0].GivenName }
	imports := []struct {
		label string
		names []string
	}{{"Family", []string{"Ada", "Grace"}}, {"Friends", []string{"Edsger", "Barbara"}}} // the second is another input
	for run, in := range imports {
		contacts := make([]*people.Person, len(in.names))
		for i, name := range in.names {
			contacts[i] = &people.Person{Names: []*people.Name{{GivenName: name}}}
		}
		opts := []people.CallOption{people.WithKeys(byName), people.WithJournal(j)}
		if err := client.CheckJournal(ctx, contacts, opts...); err != nil {
			var mismatch *people.JournalMismatchError
			if errors.As(err, &mismatch) {
				fmt.Printf("run %d: the journal was written for another %s: nothing created\n", run+1, mismatch.Field)
			}
			continue
		}
		groups, err := client.ResolveContactGroups(ctx, []string{in.label})
		if err != nil {
			log.Fatal(err)
		}
		for i, p := range contacts {
			contacts[i] = people.AddToGroups(p, groups.ResourceNames[in.label])
		}
		res, err := client.BatchCreateContacts(ctx, contacts, "", nil, opts...)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("run %d: %d contacts created, groups created %v\n", run+1, res.Counts().Created, groups.Created)
	}
	fmt.Println("stored:", len(srv.Contacts("alice@example.com")), "contacts,", len(srv.Groups("alice@example.com")), "group")
	// Output:
	// run 1: 2 contacts created, groups created [Family]
	// run 2: the journal was written for another input: nothing created
	// stored: 2 contacts, 1 group
}
