// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestCloseDoesNotWaitForStalledClients checks that a client that stops sending its body, or
// stops reading its answer, cannot keep Close waiting.
func TestCloseDoesNotWaitForStalledClients(t *testing.T) {
	t.Parallel()
	tests := map[string]func(t *testing.T, srv *peopletest.Server) func(){
		"stalled upload": func(t *testing.T, srv *peopletest.Server) func() {
			conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"contacts\":", batchPath)
			waitFor(t, "the request to arrive", func() bool { return srv.MaxInFlight(peopletest.DefaultUser) == 1 })
			return func() { conn.Close() }
		},
		"unread huge answer": func(t *testing.T, srv *peopletest.Server) func() {
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultHugeBody, Size: 256 << 20})
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+batchPath, strings.NewReader(batch("", person("A"))))
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			return func() { resp.Body.Close() } // never read
		},
	}
	for name, stall := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			cleanup := stall(t, srv)
			defer cleanup()
			start := time.Now()
			srv.Close()
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("Close took %v", d)
			}
		})
	}
}
