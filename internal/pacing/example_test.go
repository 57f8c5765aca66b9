// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing_test

import (
	"context"
	"fmt"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// With PerMinute 0 a user is not paced until the server throttles them; the throttle tells
// the Pacer how many requests the quota window held. Here the only window considered is a
// minute.
func ExampleTurn_Throttled() {
	p, err := pacing.New(pacing.Config{Windows: []time.Duration{time.Minute}})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for range 90 { // 90 requests admitted at once
		turn, _ := p.Wait(ctx, "alice")
		turn.Succeeded()
	}
	fmt.Printf("before: %.1f\n", p.Rate("alice"))
	turn, _ := p.Wait(ctx, "alice") // the 91st is refused, with no hint
	turn.Throttled(pacing.Throttle{})
	fmt.Printf("after: %.1f per minute\n", p.Rate("alice"))
	fmt.Printf("other user: %.1f\n", p.Rate("bob"))
	// Output:
	// before: 0.0
	// after: 88.2 per minute
	// other user: 0.0
}
