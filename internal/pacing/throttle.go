// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import "time"

// Scope says which quota refused a request.
type Scope uint8

const (
	// ScopeUser is a quota of the user alone, such as the People API's critical writes per
	// minute per project per user. It is the zero Scope: a throttle that does not say
	// otherwise is taken for the user's.
	ScopeUser Scope = iota
	// ScopeProject is a quota shared by every user of the Cloud project, such as a limit per
	// minute per project. The Pacer learns it once, over the turns of all its users, and
	// shares it between them.
	ScopeProject
)

// Throttle is what the server said when it throttled a request (429 RESOURCE_EXHAUSTED or a
// rate-limit 403), as passed to [Turn.Throttled]. The zero Throttle is a refusal of the user's
// quota with no hint.
type Throttle struct {
	// Hint is the server's Retry-After or RetryInfo delay, or 0 for none. The user's next
	// turn waits at least that long from the report (hints above 24 hours count as 24 hours).
	// A hint says when the quota has room again, not how fast to go: the quota is learned
	// from a hinted throttle as from any other.
	Hint time.Duration
	// Scope is the quota that refused the request: the user's (the zero value) or the whole
	// project's, as the reply's ErrorInfo.metadata.quota_limit or QuotaFailure tells.
	Scope Scope
}
