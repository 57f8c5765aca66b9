// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package transport

import "net/http"

// Pacing is an http.RoundTripper that waits for its turn before each attempt, so that
// retries are paced like first attempts. A failed wait fails the attempt before anything is
// written.
type Pacing struct {
	Next http.RoundTripper
	// Wait blocks until the request may go, or returns why it may not.
	Wait func(req *http.Request) error
}

// RoundTrip implements http.RoundTripper.
func (p *Pacing) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := p.Wait(req); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	return p.Next.RoundTrip(req)
}
