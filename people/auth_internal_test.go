// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"golang.org/x/oauth2"
	"google.golang.org/api/option"
)

// TestTokenAndUserAgentReachTheServer checks that a token source and a user agent given as
// options are used, over plain http to loopback.
func TestTokenAndUserAgentReachTheServer(t *testing.T) {
	var mu sync.Mutex
	var auth, ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth, ua = r.Header.Get("Authorization"), r.Header.Get("User-Agent")
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("{}"))
	}))
	defer srv.Close()
	c, err := NewClient(t.Context(),
		option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "tok-123"})),
		option.WithEndpoint(srv.URL+"/"), option.WithUserAgent("my-importer/1.0"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.BatchCreateContacts(t.Context(), []*Person{{Names: []*Name{{GivenName: "A"}}}}, "", nil); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if auth != "Bearer tok-123" {
		t.Errorf("Authorization = %q", auth)
	}
	if ua != "my-importer/1.0" {
		t.Errorf("User-Agent = %q, want the one given with option.WithUserAgent", ua)
	}
}
