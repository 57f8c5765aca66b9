// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package transport

import (
	"context"
	"io"
	"net/http"
	"time"
)

// Deadline is an http.RoundTripper that bounds each attempt, from sending the request to
// closing the response body, by Timeout. Zero means no bound.
type Deadline struct {
	Next    http.RoundTripper
	Timeout time.Duration
}

// RoundTrip implements http.RoundTripper.
func (d *Deadline) RoundTrip(req *http.Request) (*http.Response, error) {
	if d.Timeout <= 0 {
		return d.Next.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), d.Timeout)
	resp, err := d.Next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelBody releases the attempt's context when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// CloseIdleConnections closes the idle connections of Next, when it has any.
func (d *Deadline) CloseIdleConnections() {
	if c, ok := d.Next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
