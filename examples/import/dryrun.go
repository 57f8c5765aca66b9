// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"errors"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// validateOffline checks every contact with the SDK's own validation, people.Validate, and
// returns those it refuses. It sends nothing.
func validateOffline(in *input) []failure {
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
	var ie *people.InputError
	if !errors.As(people.Validate(contacts), &ie) {
		return failures
	}
	// Group the problems by contact, in input order.
	byIndex := map[int][]*people.ValidationError{}
	var order []int
	for _, p := range ie.Problems {
		if _, seen := byIndex[p.Index]; !seen {
			order = append(order, p.Index)
		}
		byIndex[p.Index] = append(byIndex[p.Index], p)
	}
	for _, i := range order {
		failures = append(failures, failure{recs[i], reasonFor(recs[i], &people.InputError{Problems: byIndex[i]})})
	}
	return failures
}
