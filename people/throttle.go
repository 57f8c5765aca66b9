// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"strings"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// throttle returns what the pacer learns from the throttled reply e, whose hint (Retry-After
// or RetryInfo) asked for a wait of hint.
func throttle(e *Error, hint time.Duration) pacing.Throttle {
	return pacing.Throttle{Hint: hint, Scope: quotaScope(e.Details)}
}

// quotaScope tells a limit over the whole Cloud project from one of each user: Google's quota
// errors name the limit that refused the request in ErrorInfo.metadata.quota_limit (such as
// "CriticalWritesPerMinutePerProjectPerUser", or a per-project "…PerMinutePerProject"), and a
// QuotaFailure's violations in their quotaId and quotaDimensions. A limit that names no user
// is the project's; a reply that names no limit is taken for the user's.
func quotaScope(details Details) pacing.Scope {
	for _, d := range details {
		switch d := d.(type) {
		case *ErrorInfo:
			if limit := d.Metadata["quota_limit"]; limit != "" {
				return scopeOf(limit, nil)
			}
		case *QuotaFailure:
			for _, v := range d.Violations {
				if v.QuotaID != "" {
					return scopeOf(v.QuotaID, v.QuotaDimensions)
				}
			}
		}
	}
	return pacing.ScopeUser
}

// scopeOf classifies one named limit and its dimensions.
func scopeOf(limit string, dimensions map[string]string) pacing.Scope {
	if strings.Contains(strings.ToLower(limit), "peruser") {
		return pacing.ScopeUser
	}
	if _, ok := dimensions["user"]; ok {
		return pacing.ScopeUser
	}
	return pacing.ScopeProject
}
