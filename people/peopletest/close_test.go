// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestCloseDoesNotWaitForStalledClients checks that a client that stops sending its body, or
// stops reading its answer, cannot keep Close waiting more than its second of grace. It runs
// in a synctest bubble on an in-memory network, so the grace passes on fake time.
func TestCloseDoesNotWaitForStalledClients(t *testing.T) {
	t.Parallel()
	tests := map[string]func(t *testing.T, srv *peopletest.Server, hc *http.Client, l *pipeListener) func(){
		"stalled upload": func(t *testing.T, srv *peopletest.Server, _ *http.Client, l *pipeListener) func() {
			conn, err := l.DialContext(t.Context(), "", "")
			if err != nil {
				t.Fatal(err)
			}
			go fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"contacts\":", batchPath)
			synctest.Wait() // the request arrives, its body does not
			if n := srv.MaxInFlight(peopletest.DefaultUser); n != 1 {
				t.Fatalf("MaxInFlight = %d, want the request in flight", n)
			}
			return func() { conn.Close() }
		},
		"unread huge answer": func(t *testing.T, srv *peopletest.Server, hc *http.Client, _ *pipeListener) func() {
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultHugeBody, Size: 256 << 20})
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+batchPath, strings.NewReader(batch("", person("A"))))
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			return func() { resp.Body.Close() } // never read
		},
	}
	for name, stall := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				srv, hc, l := newPipeServer(t)
				cleanup := stall(t, srv, hc, l)
				defer cleanup()
				start := time.Now()
				srv.Close()
				if d := time.Since(start); d > time.Second {
					t.Errorf("Close took %v, want at most its second of grace", d)
				}
			})
		})
	}
}
