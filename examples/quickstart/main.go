// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Command quickstart creates three contacts with the peoplebatch SDK and prints their
// resource names, then shows how a contact that cannot be created is reported.
//
// With Application Default Credentials that carry the contacts scope, it writes to your
// Google Contacts. Without any credentials it runs on an emulator embedded in the program,
// and says so: nothing reaches Google.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"

	"golang.org/x/oauth2/google"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func main() {
	ctx := context.Background()
	var opts []option.ClientOption
	if _, err := google.FindDefaultCredentials(ctx, people.Scope); err != nil && os.Getenv(people.EmulatorHostEnv) == "" {
		srv := peopletest.NewServer()
		defer srv.Close()
		opts = srv.ClientOptions("you@example.com")
		fmt.Println("No Google credentials found: running on the embedded People API emulator; nothing reaches Google.")
	}
	if err := run(ctx, os.Stdout, opts...); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer, opts ...option.ClientOption) error {
	client, err := people.NewClient(ctx, opts...) // no options: Application Default Credentials
	if err != nil {
		return err
	}
	defer client.Close()

	contacts := []*people.Person{
		{Names: []*people.Name{{GivenName: "Ada", FamilyName: "Lovelace"}},
			EmailAddresses: []*people.EmailAddress{{Value: "ada@example.com", Type: "work"}}},
		{Names: []*people.Name{{GivenName: "Grace", FamilyName: "Hopper"}},
			PhoneNumbers: []*people.PhoneNumber{{Value: "+1-555-0100", Type: "mobile"}}},
		{Names: []*people.Name{{GivenName: "Alan", FamilyName: "Turing"}},
			Birthdays: []*people.Birthday{{Date: &people.Date{Year: 1912, Month: 6, Day: 23}}}},
		// A contact holds at most one name: validation refuses this one before sending.
		{Names: []*people.Name{{GivenName: "Two"}, {GivenName: "Names"}}},
	}
	// SkipInvalid sends the valid contacts and reports the others, instead of failing the call.
	res, err := client.BatchCreateContacts(ctx, contacts, people.ReadMask(people.MaskNames), nil, people.SkipInvalid())
	for _, c := range res.Contacts {
		var invalid *people.ValidationError // refused by the SDK's validation, never sent
		var refused *people.ContactError    // refused by the server
		switch {
		case c.Outcome == people.OutcomeCreated:
			name := contacts[c.Index].Names[0]
			fmt.Fprintln(w, "created", c.ResourceName(), name.GivenName, name.FamilyName)
		case errors.As(c.Err, &invalid):
			fmt.Fprintf(w, "contact %d not sent: %s: %s\n", invalid.Index, invalid.Field, invalid.Reason)
		case errors.As(c.Err, &refused):
			fmt.Fprintf(w, "contact %d refused: %v\n", refused.Index, refused.FieldViolations())
		default: // not sent, or unknown: the request failed as a whole
			fmt.Fprintf(w, "contact %d %s: %v\n", c.Index, c.Outcome, c.Err)
		}
	}
	var batchErr *people.BatchError // what a call that did not create every contact returns
	if errors.As(err, &batchErr) {
		fmt.Fprintf(w, "%d created, %d failed\n", batchErr.Counts.Created, batchErr.Counts.Failed)
		return nil
	}
	return err
}
