// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestCloseReleasesIdleConnections checks that Client.Close closes the connections its
// calls left idle: the server sees each of them closed. Without authentication and with
// it (a token source), the auth transport lies between the client and the connections.
func TestCloseReleasesIdleConnections(t *testing.T) {
	t.Parallel()
	tests := map[string][]option.ClientOption{
		"no auth":      {option.WithoutAuthentication()},
		"token source": {option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "secret-token"}))},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			closed := make(chan net.Conn, 16)
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte("{}"))
			}))
			srv.Config.ConnState = func(c net.Conn, s http.ConnState) {
				if s == http.StateClosed || s == http.StateHijacked {
					closed <- c
				}
			}
			srv.Start()
			t.Cleanup(srv.Close)
			c, err := people.NewClient(t.Context(), append(opts, option.WithEndpoint(srv.URL+"/"))...)
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				if _, err := c.BatchCreateContacts(t.Context(), contacts(1), "", nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			// The server learns of the close over the network: wait for the event, with a
			// bound only so that a failure does not hang the test.
			select {
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Fatal("the server never saw the client's idle connection closed")
			}
		})
	}
}
