// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"errors"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// validateOffline checks every contact with the SDK's own validation, people.Validate, as
// the records stream from the input, and returns those it refuses. It sends nothing.
func validateOffline(in *input) []failure {
	var failures []failure
	one := make([]*people.Person, 1)
	for r := range in.records() {
		if r.Err != nil {
			failures = append(failures, newFailure(r, r.Err.Error()))
			continue
		}
		one[0] = withMarker(r.Person, r.Marker)
		var ie *people.InputError
		if errors.As(people.Validate(one), &ie) {
			failures = append(failures, newFailure(r, reasonFor(r, ie)))
		}
	}
	return failures
}
