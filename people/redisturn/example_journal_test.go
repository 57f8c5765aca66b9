// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// An import job run on one machine, then again on another with the same job name: the
// second sends nothing, finding in Redis what the first created. (It needs a Redis server, so
// go test compiles it without running it; TestJournalKilledAtEachRequestBoundaryResumesElsewhere
// runs such a job in two processes against the redis-server of the package's tests.)
func ExampleSequencer_OpenJournal() {
	ctx := context.Background()
	srv := peopletest.NewServer() // stands for the People API here
	defer srv.Close()
	rows := []struct{ id, name string }{{"r1", "Ada"}, {"r2", "Grace"}, {"r3", "Edsger"}}
	contacts := make([]*people.Person, len(rows))
	for i, r := range rows {
		contacts[i] = &people.Person{Names: []*people.Name{{GivenName: r.name}}}
	}
	rowID := func(i int, _ *people.Person) string { return rows[i].id }

	for _, machine := range []string{"A", "B"} {
		rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // each machine its own client
		seq := redisturn.New(rdb, &redisturn.Options{KeyPrefix: "example:"})
		client, err := people.NewClientWithConfig(ctx, &people.Config{User: "ada@example.com", Sequencer: seq},
			srv.ClientOptions("ada@example.com")...)
		if err != nil {
			fmt.Println(err)
			return
		}
		j, err := seq.OpenJournal(ctx, "ada@example.com", "contacts-2026-12-07")
		if err != nil {
			fmt.Println(err) // a *redisturn.JobLockedError while another machine runs the job
			return
		}
		res, err := client.BatchCreateContacts(ctx, contacts, "", nil, people.WithKeys(rowID), people.WithJournal(j))
		existing := 0
		for _, r := range res.Contacts {
			if r.Existing {
				existing++
			}
		}
		fmt.Printf("machine %s: %d created (%d already), err %v\n", machine, res.Counts().Created, existing, err)
		if machine == "B" {
			_ = j.Delete(ctx) // the job is done: its journal can go
		}
		j.Close()
		client.Close()
		rdb.Close()
	}
	fmt.Println("stored:", len(srv.Contacts("ada@example.com")))
	// It prints:
	// machine A: 3 created (0 already), err <nil>
	// machine B: 3 created (3 already), err <nil>
	// stored: 3
}
