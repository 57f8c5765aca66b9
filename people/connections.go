// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

const connectionsPath = "v1/people/me/connections"

// sortNewestFirst lists the contacts changed last first: those a reconciliation looks for,
// created moments ago, come on the first page.
const sortNewestFirst = "LAST_MODIFIED_DESCENDING"

// listPage is one page of people.connections.list.
type listPage struct {
	Connections   []*Person `json:"connections"`
	NextPageToken string    `json:"nextPageToken"`
}

// listConnections calls fn with the contacts of the client's user, reading personFields,
// the most recently changed first, until fn returns false or every contact was given, and
// returns how many pages it read. It is a read: retried on every failure that a read may be
// retried on.
func (c *Client) listConnections(ctx context.Context, personFields string, fn func(*Person) bool) (pages int, err error) {
	token := ""
	for ; ; pages++ {
		if pages > 10000 {
			return pages, fmt.Errorf("people: listing contacts: more than %d pages", pages)
		}
		q := url.Values{"personFields": {personFields}, "pageSize": {"1000"}, "sortOrder": {sortNewestFirst}}
		if token != "" {
			q.Set("pageToken", token)
		}
		resp, err := c.fetch(ctx, c.endpoint+connectionsPath+"?"+q.Encode())
		if err != nil {
			return pages, fmt.Errorf("people: listing contacts: %w", err)
		}
		var page listPage
		if err := c.readPage(resp, "listing contacts", &page); err != nil {
			return pages + 1, err
		}
		for _, p := range page.Connections {
			if p != nil && !fn(p) {
				return pages + 1, nil
			}
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return pages + 1, nil
		}
		token = page.NextPageToken
	}
}

// fetch gets url, retrying what a read may be retried on: transport errors, 429 and 5xx but
// 501, within the client's RetryPolicy. Reads are neither sequenced nor paced. It returns the
// last reply, or the last transport or context error.
func (c *Client) fetch(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header = c.headers(false)
		resp, err := c.hc.Do(req)
		again := err != nil || resp.StatusCode == http.StatusTooManyRequests ||
			(resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented)
		if !again || attempt >= c.cfg.Retry.MaxAttempts || ctx.Err() != nil {
			return resp, err
		}
		if resp != nil {
			discard(resp)
		}
		if err := backoff.Sleep(ctx, c.retryWait(attempt, false, 0)); err != nil {
			return nil, err
		}
	}
}

// readPage decodes a page of a list read into page, or returns the error the reply holds;
// what names the read in errors, such as "listing contacts".
func (c *Client) readPage(resp *http.Response, what string, page any) error {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
		return fmt.Errorf("people: %s: %w", what, decodeError(resp.StatusCode, resp.Header, b))
	}
	if err := json.NewDecoder(&capReader{r: resp.Body, n: c.cfg.MaxResponseBytes}).Decode(page); err != nil {
		return fmt.Errorf("people: %s: reading reply: %w", what, err)
	}
	return nil
}
