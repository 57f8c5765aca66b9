// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "context"

// lookupMarkers finds the user's contacts that carry a marker under key, in one pass of
// people.connections.list that reads clientData only, 1,000 contacts a page, the most
// recently changed first. With want set, it returns the people carrying markers of want and
// stops paging as soon as every one is found; with want nil, it reads every page and returns
// every marked person. A person carrying a marker twice is returned once per marker.
//
// Its cost is one request per page read: ceil(n/1,000) for an account of n contacts when
// something wanted is missing, fewer when everything wanted is found early.
func (c *Client) lookupMarkers(ctx context.Context, key string, want map[string]bool) (map[string]*Person, error) {
	found := make(map[string]*Person, len(want))
	if want != nil && len(want) == 0 {
		return found, nil
	}
	err := c.listConnections(ctx, string(MaskClientData), func(p *Person) bool {
		for _, cd := range p.ClientData {
			if cd == nil || cd.Key != key || cd.Value == "" {
				continue
			}
			if want == nil || want[cd.Value] {
				if _, dup := found[cd.Value]; !dup {
					found[cd.Value] = p
				}
			}
		}
		return want == nil || len(found) < len(want)
	})
	return found, err
}
