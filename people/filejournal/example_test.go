// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// An import made resumable: run twice with the same journal, the second run sends nothing.
func Example() {
	ctx := context.Background()
	srv := peopletest.NewServer()
	defer srv.Close()
	client, err := people.NewClientWithConfig(ctx, &people.Config{User: "alice@example.com"}, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	dir, _ := os.MkdirTemp("", "journal")
	defer os.RemoveAll(dir)

	rows := []struct{ id, name string }{{"r1", "Ada"}, {"r2", "Grace"}, {"r3", "Edsger"}}
	contacts := make([]*people.Person, len(rows))
	for i, r := range rows {
		contacts[i] = &people.Person{Names: []*people.Name{{GivenName: r.name}}}
	}
	rowID := func(i int, _ *people.Person) string { return rows[i].id }

	for run := 1; run <= 2; run++ {
		j, err := filejournal.Open(filepath.Join(dir, "contacts.journal"))
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := client.BatchCreateContacts(ctx, contacts, "", nil, people.WithKeys(rowID), people.WithJournal(j))
		j.Close()
		existing := 0
		for _, r := range res.Contacts {
			if r.Existing {
				existing++
			}
		}
		fmt.Printf("run %d: %d created (%d already), err %v\n", run, res.Counts().Created, existing, err)
	}
	fmt.Println("stored:", len(srv.Contacts("alice@example.com")))
	// Output:
	// run 1: 3 created (0 already), err <nil>
	// run 2: 3 created (3 already), err <nil>
	// stored: 3
}
