// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// Two workers write for the same user, each with a Pacer of its own, as workers in separate
// processes do, told a quota of 60 requests a minute. Sharing a SharedSequencer, as they
// would share a redisturn.Sequencer, the second worker's request waits out the spacing the
// first one's left (1.02 s), although its own Pacer had never seen the user.
func ExampleSharedSequencer() {
	ctx := context.Background()
	srv := peopletest.NewServer()
	defer srv.Close()
	seq := new(peopletest.SharedSequencer)
	var workers []*people.Client
	for range 2 {
		c, err := people.NewClientWithConfig(ctx, &people.Config{User: "alice", Sequencer: seq, WritesPerMinute: 60},
			srv.ClientOptions("alice")...)
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
		workers = append(workers, c)
	}
	for i, c := range workers {
		one := []*people.Person{{Names: []*people.Name{{GivenName: fmt.Sprint("Ada ", i)}}}}
		if _, err := c.BatchCreateContacts(ctx, one, "", nil); err != nil {
			log.Fatal(err)
		}
	}
	reqs := srv.Requests()
	fmt.Println("spaced a second apart:", reqs[1].Time.Sub(reqs[0].Time) >= time.Second)
	// Output: spaced a second apart: true
}
