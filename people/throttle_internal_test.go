// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

func TestThrottleScope(t *testing.T) {
	t.Parallel()
	info := func(limit string) *ErrorInfo {
		return &ErrorInfo{Reason: "RATE_LIMIT_EXCEEDED", Metadata: map[string]string{"quota_limit": limit}}
	}
	tests := map[string]struct {
		details Details
		want    pacing.Scope
	}{
		"no details":            {nil, pacing.ScopeUser},
		"captured per user":     {Details{info("CriticalWritesPerMinutePerProjectPerUser")}, pacing.ScopeUser},
		"per project":           {Details{info("CriticalWritesPerMinutePerProject")}, pacing.ScopeProject},
		"ErrorInfo, no limit":   {Details{&ErrorInfo{Reason: "RATE_LIMIT_EXCEEDED"}}, pacing.ScopeUser},
		"FBS QuotaFailure":      {Details{&QuotaFailure{Violations: []QuotaViolation{{Subject: "QUOTA_EXCEEDED", Description: "FBS quota limit exceeded"}}}}, pacing.ScopeUser},
		"QuotaFailure, project": {Details{&QuotaFailure{Violations: []QuotaViolation{{QuotaID: "WritesPerMinutePerProject"}}}}, pacing.ScopeProject},
		"QuotaFailure, user dimension": {Details{&QuotaFailure{Violations: []QuotaViolation{{QuotaID: "WritesPerMinute",
			QuotaDimensions: map[string]string{"user": "u"}}}}}, pacing.ScopeUser},
		"ErrorInfo first": {Details{info("WritesPerMinutePerProjectPerUser"), &QuotaFailure{Violations: []QuotaViolation{{QuotaID: "WritesPerMinutePerProject"}}}}, pacing.ScopeUser},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := throttle(&Error{HTTPStatus: 429, Details: tc.details}, 3*time.Second)
			if want := (pacing.Throttle{Hint: 3 * time.Second, Scope: tc.want}); got != want {
				t.Errorf("throttle = %+v, want %+v", got, want)
			}
		})
	}
}
