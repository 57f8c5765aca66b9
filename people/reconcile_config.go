// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "time"

// ReconcileConfig turns on reconciliation: each contact carries a marker in its clientData,
// fixed before its first attempt, and after a request whose outcome is unknown the client
// lists the user's contacts to find which of them exist. Those found are reported created;
// the others are sent again, with the same markers. A marker the caller set on more than one
// contact of a call cannot tell them apart: those contacts are left as the request ended.
//
// Reconciliation costs reads: one people.connections.list page per 1,000 contacts of the
// user for each check. Listing can lag behind writes, so a contact created moments ago may
// not be listed yet: Delay gives the listing time to catch up.
type ReconcileConfig struct {
	// Key is the clientData key of the marker. Empty means "peoplebatch.id".
	Key string
	// Delay is the wait before each listing. Zero means 5 s.
	Delay time.Duration
	// Checks is how many listings may find a contact missing before it is sent again. Zero
	// means 2.
	Checks int
}
