// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/hashicorp/go-retryablehttp"
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
// the most recently changed first, until fn returns false or every contact was given. It is a
// read: retried on every failure that a read may be retried on.
func (c *Client) listConnections(ctx context.Context, personFields string, fn func(*Person) bool) error {
	token := ""
	for pages := 0; ; pages++ {
		if pages > 10000 {
			return fmt.Errorf("people: listing contacts: more than %d pages", pages)
		}
		q := url.Values{"personFields": {personFields}, "pageSize": {"1000"}, "sortOrder": {sortNewestFirst}}
		if token != "" {
			q.Set("pageToken", token)
		}
		st := &requestState{user: c.cfg.User, read: true}
		rctx := context.WithValue(ctx, stateKey{}, st)
		req, err := retryablehttp.NewRequestWithContext(rctx, http.MethodGet, c.endpoint+connectionsPath+"?"+q.Encode(), nil)
		if err != nil {
			return fmt.Errorf("people: %w", err)
		}
		req.Header.Set("User-Agent", userAgent)
		resp, err := c.hc.Do(req)
		if err != nil {
			return fmt.Errorf("people: listing contacts: %w", err)
		}
		page, err := c.readPage(resp)
		if err != nil {
			return err
		}
		for _, p := range page.Connections {
			if p != nil && !fn(p) {
				return nil
			}
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return nil
		}
		token = page.NextPageToken
	}
}

func (c *Client) readPage(resp *http.Response) (*listPage, error) {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
		return nil, fmt.Errorf("people: listing contacts: %w", decodeError(resp.StatusCode, resp.Header, b))
	}
	var page listPage
	if err := json.NewDecoder(&capReader{r: resp.Body, n: c.cfg.MaxResponseBytes}).Decode(&page); err != nil {
		return nil, fmt.Errorf("people: listing contacts: reading reply: %w", err)
	}
	return &page, nil
}
