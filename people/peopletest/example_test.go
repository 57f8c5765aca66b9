// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"

	"google.golang.org/api/googleapi"
	peopleapi "google.golang.org/api/people/v1"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// post sends a batchCreateContacts body as user with the server's own client.
func post(srv *peopletest.Server, user, body string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/people:batchCreateContacts", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+user)
	return srv.Client().Do(req)
}

func Example() {
	srv := peopletest.NewServer()
	defer srv.Close()

	resp, err := post(srv, "alice@example.com", `{
	  "contacts": [{"contactPerson": {"names": [{"givenName": "Ada", "familyName": "Lovelace"}]}}],
	  "readMask": "names"}`)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		CreatedPeople []struct {
			Person struct {
				Names []struct{ DisplayName string }
			}
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Status, out.CreatedPeople[0].Person.Names[0].DisplayName)
	fmt.Println(len(srv.Contacts("alice@example.com")), "contact stored for alice")
	// Output:
	// 200 OK Ada Lovelace
	// 1 contact stored for alice
}

// A fault after commit creates the contacts but keeps the client from learning it: the kind of
// outcome a client must not answer by sending the batch again.
func ExampleServer_AddFaults() {
	srv := peopletest.NewServer()
	defer srv.Close()
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Request: 1})

	body := `{"contacts": [{"contactPerson": {"names": [{"givenName": "Ada"}]}}]}`
	if _, err := post(srv, "alice", body); err != nil {
		fmt.Println("first attempt failed")
	}
	if resp, err := post(srv, "alice", body); err == nil { // a naive retry
		resp.Body.Close()
		fmt.Println("second attempt:", resp.Status)
	}
	fmt.Println("stored:", len(srv.Contacts("alice")), "duplicates:", srv.Duplicates("alice"), "pending faults:", srv.PendingFaults())
	// Output:
	// first attempt failed
	// second attempt: 200 OK
	// stored: 2 duplicates: 1 pending faults: 0
}

func ExampleWithWriteQuota() {
	srv := peopletest.NewServer(peopletest.WithWriteQuota(peopletest.Quota{Requests: 1, RetryAfter: true}))
	defer srv.Close()

	for range 2 {
		resp, err := post(srv, "alice", `{"contacts": [{"contactPerson": {}}]}`)
		if err != nil {
			log.Fatal(err)
		}
		var e struct {
			Error struct {
				Status string
			}
		}
		_ = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		fmt.Printf("%d %q retry-after=%v\n", resp.StatusCode, e.Error.Status, resp.Header.Get("Retry-After") != "")
	}
	fmt.Println("rejections:", srv.QuotaRejections("alice"))
	// Output:
	// 200 "" retry-after=false
	// 429 "RESOURCE_EXHAUSTED" retry-after=true
	// rejections: 1
}

// The emulator speaks the wire format of the real service, so Google's generated client works
// against it too.
func ExampleServer_ClientOptions() {
	srv := peopletest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	svc, err := peopleapi.NewService(ctx, srv.ClientOptions("alice@example.com")...)
	if err != nil {
		log.Fatal(err)
	}

	_, err = svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{{ContactPerson: &peopleapi.Person{
			Birthdays: []*peopleapi.Birthday{{Date: &peopleapi.Date{Month: 2, Day: 30}}},
		}}},
	}).Context(ctx).Do()
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		fmt.Println(gerr.Code, gerr.Message)
	}
	// Output:
	// 400 Request contains an invalid argument.
}
