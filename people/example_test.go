// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// exampleContacts returns n contacts with a name and an e-mail address.
func exampleContacts(n int) []*people.Person {
	contacts := make([]*people.Person, n)
	for i := range contacts {
		contacts[i] = &people.Person{
			Names:          []*people.Name{{GivenName: "Contact", FamilyName: fmt.Sprint(i)}},
			EmailAddresses: []*people.EmailAddress{{Value: fmt.Sprintf("contact%d@example.com", i)}},
		}
	}
	return contacts
}

// exampleMutations counts the batchCreateContacts requests the emulator answered.
func exampleMutations(srv *peopletest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Number > 0 {
			n++
		}
	}
	return n
}

// Any number of contacts: the client sends them 200 per request, one request at a time for
// the user. The emulator stands in for Google here; drop the options to use Application
// Default Credentials.
func Example() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	res, err := client.BatchCreateContacts(ctx, exampleContacts(450), people.ReadMask(people.MaskNames), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", res.Counts())
	fmt.Println(exampleMutations(srv), "requests, at most", srv.MaxInFlight("alice@example.com"), "at a time")
	// Output:
	// {Created:450 Failed:0 NotSent:0 Unknown:0}
	// 3 requests, at most 1 at a time
}

// Each input contact gets one outcome, at its input index. With SkipInvalid the contacts that
// validation refuses are reported and the others sent; without it, one invalid contact fails
// the call before anything is sent.
func ExampleClient_BatchCreateContacts() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	contacts := []*people.Person{
		{Names: []*people.Name{{GivenName: "Ada", FamilyName: "Lovelace"}}},
		{Birthdays: []*people.Birthday{{Date: &people.Date{Year: 2023, Month: 2, Day: 30}}}},
		{Names: []*people.Name{{GivenName: "Grace"}, {GivenName: "Hopper"}}},
		{EmailAddresses: []*people.EmailAddress{{Value: "alan@example.com"}}},
	}
	res, err := client.BatchCreateContacts(ctx, contacts, people.ReadMask(people.MaskNames), nil, people.SkipInvalid())
	for _, c := range res.Contacts {
		var invalid *people.ValidationError
		if errors.As(c.Err, &invalid) {
			fmt.Printf("contact %d: %s, refused at %s\n", c.Index, c.Outcome, invalid.Field)
			continue
		}
		fmt.Printf("contact %d: %s\n", c.Index, c.Outcome)
	}
	var batchErr *people.BatchError
	if errors.As(err, &batchErr) {
		fmt.Printf("%+v\n", batchErr.Counts)
	}
	// Output:
	// contact 0: created
	// contact 1: failed, refused at birthdays[0].date.day
	// contact 2: failed, refused at names
	// contact 3: created
	// {Created:2 Failed:2 NotSent:0 Unknown:0}
}

// The streaming form reads its input as it goes and yields each request's outcome as soon as
// it is known: the place to record progress, such as a checkpoint.
func ExampleClient_BatchCreateContactsSeq() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: 2}, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	contacts := func(yield func(*people.Person) bool) {
		for _, name := range []string{"Ada", "Grace", "Alan", "Edsger", "Barbara"} {
			if !yield(&people.Person{Names: []*people.Name{{GivenName: name}}}) {
				return
			}
		}
	}
	for br, err := range client.BatchCreateContactsSeq(ctx, contacts, people.ReadMask(people.MaskNames), nil) {
		if err != nil {
			fmt.Println("request failed:", err)
			continue
		}
		last := br.Offset + len(br.Contacts) - 1
		fmt.Printf("request %d: contacts %d to %d: %d created\n", br.Request, br.Offset, last, br.Counts().Created)
	}
	// Output:
	// request 0: contacts 0 to 1: 2 created
	// request 1: contacts 2 to 3: 2 created
	// request 2: contacts 4 to 4: 1 created
}

// When the server refuses some contacts of a request, it creates none of them.
// With ResendValid the others are sent again at once; each refused contact carries a
// *ContactError at its input index. Here the emulator is scripted to refuse contact 1, as
// the real service does with contacts that break a rule only it knows.
func ExampleResendValid() {
	srv := peopletest.NewServer()
	defer srv.Close()
	srv.AddFaults(peopletest.Fault{Request: 1, Status: 400, Body: []byte(`{"error": {
	  "code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
	  "details": [{"@type": "type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails",
	    "contactErrors": {"1": {"code": 3, "message": "Invalid person.email_addresses[0]: not an address.",
	      "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [
	        {"field": "contacts[1].contact_person.email_addresses[0].value", "description": "Not an address."}]}]}}}]}}`)})
	ctx := context.Background()
	client, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	res, _ := client.BatchCreateContacts(ctx, exampleContacts(3), people.ReadMask(people.MaskNames), nil, people.ResendValid())
	for _, c := range res.Contacts {
		var refused *people.ContactError
		if errors.As(c.Err, &refused) {
			fmt.Printf("contact %d: %s: %s\n", refused.Index, c.Outcome, refused.FieldViolations()[0].Field)
			continue
		}
		fmt.Printf("contact %d: %s\n", c.Index, c.Outcome)
	}
	fmt.Println("requests:", exampleMutations(srv), "stored:", len(srv.Contacts("alice@example.com")))
	// Output:
	// contact 0: created
	// contact 1: failed: contacts[1].contact_person.email_addresses[0].value
	// contact 2: created
	// requests: 2 stored: 2
}

// A request whose reply is lost may have been applied: sending it again could create every
// contact twice. With Config.Reconcile each contact carries a marker, and the client looks
// for the markers among the user's contacts instead of guessing.
func ExampleReconcileConfig() {
	srv := peopletest.NewServer()
	defer srv.Close()
	// The server creates the contacts of the first request, then drops the connection.
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Request: 1})
	ctx := context.Background()
	client, err := people.NewClientWithConfig(ctx, &people.Config{
		Reconcile: &people.ReconcileConfig{Delay: time.Millisecond}, // the emulator lists writes at once
	}, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	res, err := client.BatchCreateContacts(ctx, exampleContacts(3), people.ReadMask(people.MaskNames), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", res.Counts())
	fmt.Println("stored:", len(srv.Contacts("alice@example.com")), "duplicates:", srv.Duplicates("alice@example.com"))
	// Output:
	// {Created:3 Failed:0 NotSent:0 Unknown:0}
	// stored: 3 duplicates: 0
}

// A call that did not create everything returns a *BatchError; errors.As finds in it the
// failed request, what the server said, and the contacts' fate. A 503 may come after the
// server applied the request, so its contacts are unknown, never sent again blindly.
func ExampleBatchError() {
	srv := peopletest.NewServer()
	defer srv.Close()
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultStatus, Status: 503, Request: 2})
	ctx := context.Background()
	client, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: 2}, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	_, err = client.BatchCreateContacts(ctx, exampleContacts(6), "", nil)
	var batchErr *people.BatchError
	var reqErr *people.RequestError
	var apiErr *people.Error
	if errors.As(err, &batchErr) && errors.As(err, &reqErr) && errors.As(err, &apiErr) {
		fmt.Printf("%+v\n", batchErr.Counts)
		fmt.Printf("request %d, contacts %d to %d: %s\n", reqErr.Request, reqErr.Offset, reqErr.Offset+reqErr.Count-1, reqErr.Outcome)
		fmt.Println("server:", apiErr.HTTPStatus, apiErr.Code)
	}
	// Output:
	// {Created:2 Failed:0 NotSent:2 Unknown:2}
	// request 1, contacts 2 to 3: unknown
	// server: 503 UNAVAILABLE
}

// WithProgress reports after each request, from the calling goroutine.
func ExampleWithProgress() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client, err := people.NewClientWithConfig(ctx, &people.Config{ChunkSize: 200}, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	progress := people.WithProgress(func(p people.Progress) {
		fmt.Printf("after %d requests: %d created, %d to go\n", p.Requests, p.Created, p.Remaining)
	})
	if _, err := client.BatchCreateContacts(ctx, exampleContacts(500), "", nil, progress); err != nil {
		log.Fatal(err)
	}
	// Output:
	// after 1 requests: 200 created, 300 to go
	// after 2 requests: 400 created, 100 to go
	// after 3 requests: 500 created, 0 to go
}
