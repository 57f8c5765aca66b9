// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"runtime"
	"strings"
	"testing"
)

func TestGoVersion(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"go1.26.8":                         "1.26.8",
		"go1.27rc1":                        "1.27rc1",
		"devel go1.27-abcdef Mon Jan 1 +0": "1.27-abcdef",
		"weird":                            "UNKNOWN",
		"go":                               "UNKNOWN",
	}
	for in, want := range tests {
		if got := goVersion(in); got != want {
			t.Errorf("goVersion(%q) = %q, want %q", in, got, want)
		}
	}
	c := &Client{}
	want := "gl-go/" + strings.TrimPrefix(runtime.Version(), "go") + " peoplebatch/" + version
	if got := c.headers(true).Get("X-Goog-Api-Client"); got != want {
		t.Errorf("X-Goog-Api-Client = %q, want %q", got, want)
	}
}
