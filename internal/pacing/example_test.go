// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing_test

import (
	"fmt"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// With PerMinute 0 a user is not paced until the server throttles them;
// then pacing starts below the rate the user had reached.
func ExamplePacer_Throttled() {
	p, err := pacing.New(pacing.Config{})
	if err != nil {
		panic(err)
	}
	fmt.Println("before:", p.Rate("alice"))
	p.Throttled("alice", 2*time.Second) // e.g. Retry-After: 2
	fmt.Println("after:", p.Rate("alice"))
	fmt.Println("other user:", p.Rate("bob"))
	// Output:
	// before: 0
	// after: 42
	// other user: 0
}
