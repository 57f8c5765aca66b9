// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/internal/redistest"
)

func TestWorkers(t *testing.T) {
	t.Parallel()
	rs := redistest.StartForTest(t)
	for name, tc := range map[string]struct {
		redis    string
		overlaps *regexp.Regexp
	}{
		"redis":           {redis: "redis://" + rs.Addr, overlaps: regexp.MustCompile(`same user: 0\n$`)},
		"local sequencer": {overlaps: regexp.MustCompile(`same user: [1-9]\d*\n$`)},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var out, errOut strings.Builder
			err := run(t.Context(), []string{"-redis", tc.redis, "-workers", "3", "-users", "5", "-contacts", "150", "-chunk", "25"}, &out, &errOut)
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			if !strings.Contains(out.String(), "3 workers, 5 users: 750 created, 0 failed, 0 not sent, 0 unknown") || !tc.overlaps.MatchString(out.String()) {
				t.Errorf("output:\n%s", out.String())
			}
		})
	}
}
