// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"net/http"
	"runtime"
	"strings"
)

// goVersion turns runtime.Version's "go1.26.8" into "1.26.8". A development build
// ("devel go1.27-abcdef ...") gives its version followed by the rest as Google's clients do:
// "1.27-abcdef"; anything else unrecognised gives "UNKNOWN".
func goVersion(v string) string {
	v = strings.TrimPrefix(v, "devel ")
	v, _, _ = strings.Cut(v, " ")
	if !strings.HasPrefix(v, "go") || len(v) == 2 {
		return "UNKNOWN"
	}
	return strings.TrimPrefix(v, "go")
}

// headers returns the headers of a request to the People API; json says it has a JSON body.
func (c *Client) headers(json bool) http.Header {
	h := http.Header{
		"User-Agent": {userAgent},
		// As Google's own clients format it: "gl-go/1.26.8 peoplebatch/0.1.0".
		"X-Goog-Api-Client": {"gl-go/" + goVersion(runtime.Version()) + " peoplebatch/" + version},
	}
	if json {
		h["Content-Type"] = []string{"application/json"}
	}
	return h
}
