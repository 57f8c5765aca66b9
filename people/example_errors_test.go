// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// A full account ends the call, even with ContinueOnError: no request after the refused one
// could succeed. The emulator's account here holds 5 contacts at most.
func ExampleAccountFullError() {
	srv := peopletest.NewServer(peopletest.WithContactLimit(5))
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: 2}, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	res, err := client.BatchCreateContacts(ctx, exampleContacts(10), "", nil, people.ContinueOnError())
	var full *people.AccountFullError
	if errors.As(err, &full) {
		fmt.Printf("%+v\n", res.Counts())
		fmt.Println("server:", full.Err.HTTPStatus, full.Err.Code)
		fmt.Println("requests sent:", exampleMutations(srv))
	}
	// Output:
	// {Created:4 Failed:0 NotSent:6 Unknown:0}
	// server: 400 FAILED_PRECONDITION
	// requests sent: 3
}

// An unknown read mask path comes with the nearest valid one.
func ExampleUnknownPathError() {
	srv := peopletest.NewServer()
	defer srv.Close()
	client, err := people.NewClient(context.Background(), srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	_, err = client.BatchCreateContacts(context.Background(), exampleContacts(1), "names,emails", nil)
	var unknown *people.UnknownPathError
	if errors.As(err, &unknown) {
		fmt.Printf("%q: did you mean %q?\n", unknown.Path, unknown.Suggestion)
	}
	// Output:
	// "emails": did you mean "emailAddresses"?
}
