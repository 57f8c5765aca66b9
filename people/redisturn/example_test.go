// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"fmt"
	"log"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// Each worker process makes one Sequencer on its Redis client and gives it to every client
// it makes; workers that write for the same Config.User then never send at the same time.
// (Not run by go test: it needs a Redis at localhost:6379.)
func ExampleNew() {
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // pools, TLS, ACL: as go-redis does
	defer rdb.Close()
	seq := redisturn.New(rdb, nil)

	srv := peopletest.NewServer() // stands for the People API here
	defer srv.Close()
	client, err := people.NewClientWithConfig(ctx, &people.Config{User: "ada@example.com", Sequencer: seq},
		srv.ClientOptions("ada@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	res, err := client.BatchCreateContacts(ctx, []*people.Person{{Names: []*people.Name{{GivenName: "Grace"}}}}, "", nil)
	if err != nil {
		log.Fatal(err) // a *redisturn.Error names the Redis address when it cannot be reached
	}
	fmt.Println(res.Counts().Created, "created")
}

// A worker can make its Sequencer from a URL instead; Close then closes the client it made.
func ExampleNewFromURL() {
	seq, err := redisturn.NewFromURL("rediss://worker:password@redis.internal:6380/0", nil)
	if err != nil {
		log.Fatal(err) // the message names the host, never the password
	}
	defer seq.Close()
	fmt.Println(seq.LeaseTTL())
	// Output: 15s
}
