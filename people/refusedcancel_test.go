// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// cancelAndRefuse is a transport whose reply to every request is a refusal (429 or 409
// ABORTED) that arrives just as the caller's context is cancelled.
type cancelAndRefuse struct {
	cancel context.CancelFunc
	status int
	body   string
}

func (c cancelAndRefuse) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	c.cancel()
	return &http.Response{StatusCode: c.status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(c.body)), Request: r}, nil
}

// TestRefusalAtCancelIsNotSent checks that a 429 or a 409 ABORTED that comes back as the
// context is cancelled leaves its contacts not sent (safe to send again), as any refusal does,
// rather than failed, with a *RetryError that matches context.Canceled as their cause.
func TestRefusalAtCancelIsNotSent(t *testing.T) {
	t.Parallel()
	tests := map[string]cancelAndRefuse{
		"429": {status: 429, body: `{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota"}}`},
		"409": {status: 409, body: `{"error":{"code":409,"status":"ABORTED","message":"concurrent"}}`},
	}
	for name, rt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			rt.cancel = cancel
			c, err := people.NewClientWithConfig(t.Context(), &people.Config{},
				option.WithEndpoint("http://127.0.0.1:1/"), option.WithHTTPClient(&http.Client{Transport: rt}))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			res, err := c.BatchCreateContacts(ctx, contacts(2), "", nil)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want one matching context.Canceled", err)
			}
			for _, r := range res.Contacts {
				if r.Outcome != people.OutcomeNotSent {
					t.Errorf("contact %d: %v (%v), want not sent", r.Index, r.Outcome, r.Err)
				}
				var re *people.RetryError
				if !errors.As(r.Err, &re) || !errors.Is(r.Err, context.Canceled) {
					t.Errorf("contact %d: err %v, want a *people.RetryError matching context.Canceled", r.Index, r.Err)
				}
			}
		})
	}
}
