// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"net/http"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file validates a dry run's contacts with the SDK, sending nothing.

// errOffline is the error of every request in a dry run.
var errOffline = errors.New("dry run: not sent")

// offline is an http.RoundTripper that sends nothing.
type offline struct{}

func (offline) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	return nil, errOffline
}

// validateOffline checks every contact with the SDK's own validation and returns those it
// refuses. The SDK does not export its validation, so this calls BatchCreateContacts with an
// HTTP client that sends nothing: validation runs first, and every valid contact ends "not
// sent" with errOffline. Nothing leaves the process.
func validateOffline(ctx context.Context, in *input) ([]failure, error) {
	client, err := people.NewClientWithConfig(ctx, &people.Config{Retry: people.RetryPolicy{MaxAttempts: 1}},
		option.WithHTTPClient(&http.Client{Transport: offline{}}))
	if err != nil {
		return nil, err
	}
	defer client.Close()
	var failures []failure
	var recs []*record
	var contacts []*people.Person
	for _, r := range in.Records {
		if r.Err != nil {
			failures = append(failures, failure{r, r.Err.Error()})
			continue
		}
		recs = append(recs, r)
		contacts = append(contacts, withMarker(r.Person, r.Marker))
	}
	res, _ := client.BatchCreateContacts(ctx, contacts, "", nil, people.SkipInvalid(), people.ContinueOnError())
	for i, cr := range res.Contacts {
		if cr.Outcome == people.OutcomeNotSent && errors.Is(cr.Err, errOffline) {
			continue
		}
		failures = append(failures, failure{recs[i], reasonFor(recs[i], cr.Err)})
	}
	return failures, nil
}
