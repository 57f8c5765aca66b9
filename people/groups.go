// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

const (
	groupsPath = "v1/contactGroups"
	// groupFields are the fields read and created groups carry.
	groupFields = "clientData,groupType,metadata,name"
)

// ListContactGroups returns every contact group of the client's user, system groups
// included, reading every page of [contactGroups.list]. It is a read: neither sequenced nor
// paced, and retried on transport errors, 429 and 5xx replies within the client's
// [RetryPolicy].
//
// [contactGroups.list]: https://developers.google.com/people/api/rest/v1/contactGroups/list
func (c *Client) ListContactGroups(ctx context.Context) ([]*ContactGroup, error) {
	if ctx == nil {
		return nil, nilContext()
	}
	var groups []*ContactGroup
	token := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			return nil, fmt.Errorf("people: listing contact groups: more than %d pages", pages)
		}
		q := url.Values{"groupFields": {groupFields}, "pageSize": {"1000"}}
		if token != "" {
			q.Set("pageToken", token)
		}
		resp, err := c.fetch(ctx, c.endpoint+groupsPath+"?"+q.Encode())
		if err != nil {
			return nil, fmt.Errorf("people: listing contact groups: %w", err)
		}
		var page groupsPage
		if err := c.readPage(resp, "listing contact groups", &page); err != nil {
			return nil, err
		}
		for _, g := range page.ContactGroups {
			if g != nil {
				groups = append(groups, g)
			}
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			return groups, nil
		}
		token = page.NextPageToken
	}
}

// CreateContactGroup creates a contact group of the client's user named group.Name, with
// group.ClientData, through [contactGroups.create], and returns it as the server made it.
// The other fields of group must be empty; group is not modified.
//
// It is a mutation of the user, like [Client.BatchCreateContacts]: it takes the user's turn
// from the [Sequencer], is paced against the same write quota, and is retried only when it
// certainly created nothing (see # Retries in the package doc). A name that the user's
// groups already hold fails with a [*MutationError] of OutcomeFailed whose cause is an
// [*Error] with Code [AlreadyExists]; one whose reply was lost has OutcomeUnknown.
// [Client.ResolveContactGroups] settles both by listing the groups.
//
// [contactGroups.create]: https://developers.google.com/people/api/rest/v1/contactGroups/create
func (c *Client) CreateContactGroup(ctx context.Context, group *ContactGroup) (*ContactGroup, error) {
	if err := validateGroup(ctx, group); err != nil {
		return nil, err
	}
	in := &createGroupRequest{
		ContactGroup:    &ContactGroup{Name: group.Name, ClientData: group.ClientData},
		ReadGroupFields: groupFields,
	}
	var out ContactGroup
	m := mutation{method: http.MethodPost, path: groupsPath}
	if _, err := c.mutate(ctx, m, MethodCreateContactGroup, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// validateGroup returns an *InputError unless ctx and group make a valid create.
func validateGroup(ctx context.Context, group *ContactGroup) error {
	var problems []*ValidationError
	bad := func(field, reason string) {
		problems = append(problems, &ValidationError{Index: -1, Field: field, Reason: reason})
	}
	if ctx == nil {
		bad("ctx", "is nil: pass context.Background() or a context of your own")
	}
	switch {
	case group == nil:
		bad("group", "is nil")
	default:
		checkGroupName(bad, "group.name", group.Name)
		out := group.ResourceName != "" || group.Etag != "" || group.Metadata != nil || group.GroupType != "" ||
			group.FormattedName != "" || group.MemberResourceNames != nil || group.MemberCount != 0
		if out {
			bad("group", "only name and clientData may be set on create; the server sets the other fields")
		}
		for i, d := range group.ClientData {
			if d == nil || d.Key == "" {
				bad(fmt.Sprintf("group.clientData[%d].key", i), "is required")
			} else if !utf8.ValidString(d.Key) || !utf8.ValidString(d.Value) {
				bad(fmt.Sprintf("group.clientData[%d]", i), "is not valid UTF-8")
			}
		}
	}
	if problems != nil {
		return &InputError{Problems: problems}
	}
	return nil
}

// checkGroupName reports through bad what is wrong with a group name, at field.
func checkGroupName(bad func(field, reason string), field, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		bad(field, "is empty")
	case !utf8.ValidString(name):
		bad(field, "is not valid UTF-8")
	}
}

// nilContext is the error of a call given a nil context.
func nilContext() error {
	return &InputError{Problems: []*ValidationError{{Index: -1, Field: "ctx", Reason: "is nil: pass context.Background() or a context of your own"}}}
}
