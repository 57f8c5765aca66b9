// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ResolvedGroups is the result of [Client.ResolveContactGroups].
type ResolvedGroups struct {
	// ResourceNames maps each name resolved to its group's resource name.
	ResourceNames map[string]string
	// Created lists the names of the groups that the call created, in input order.
	Created []string
}

// GroupError reports a name that [Client.ResolveContactGroups] could not resolve.
type GroupError struct {
	// Index is the name's index in the call's names.
	Index int
	// Name is the name. Error does not print it: a label can be personal data.
	Name string
	// Err is the cause, often a [*MutationError].
	Err error
}

// Error returns "people: names[3]: contact group not resolved: …".
func (e *GroupError) Error() string {
	return "people: names[" + strconv.Itoa(e.Index) + "]: contact group not resolved: " +
		strings.TrimPrefix(fmt.Sprint(e.Err), "people: ")
}

// Unwrap returns the cause.
func (e *GroupError) Unwrap() error { return e.Err }

// systemGroup reports whether name is a system group's name, and returns the resource name
// of one that contacts can join, "" for a deprecated one.
func systemGroup(name string) (resourceName string, ok bool) {
	switch name {
	case "myContacts":
		return GroupMyContacts, true
	case "starred":
		return GroupStarred, true
	case "friends", "family", "coworkers", "chatBuddies", "all", "blocked":
		return "", true
	}
	return "", false
}

// errDeprecatedGroup is the cause of the GroupError of a deprecated system group's name.
var errDeprecatedGroup = errors.New("people: the name of a deprecated system group, which contacts can no longer join")

// maxCreateRounds bounds the creates of one name: each round that does not end with the
// group known has shown that no group of that name existed when the groups were listed.
const maxCreateRounds = 3

// ResolveContactGroups returns the resource name of the contact group of each of names,
// creating the user groups that do not exist yet, for memberships (see [AddToGroups]).
// The system groups that contacts can join are named by their fixed names: "myContacts"
// ([GroupMyContacts]) and "starred" ([GroupStarred]); the names of the deprecated system
// groups ("family", "friends", "coworkers", "chatBuddies", "all", "blocked": lower case,
// exactly) are not resolved (a [*GroupError] each), while "Family" or "Friends" are user
// groups of those names. Names are
// compared exactly, as the server compares them; a name given twice is resolved once.
//
// It lists the user's groups once, then creates each missing group with
// [Client.CreateContactGroup]. It never creates a group twice, even when it runs for the same
// user in several processes at once, or when a create's reply is lost: a create that
// answers 409 ALREADY_EXISTS, or whose outcome is unknown, is settled by listing the groups
// and finding the group by name, and is sent again only when no group of that name exists
// (a create of a name that exists is refused by the server, so a second try never makes a
// second group).
//
// Invalid names (empty, invalid UTF-8) fail the call with an [*InputError] before anything
// is sent. Otherwise the result holds every name resolved, and
// the error, when some were not, joins a [*GroupError] for each of them.
func (c *Client) ResolveContactGroups(ctx context.Context, names []string) (res *ResolvedGroups, err error) {
	if err := validateGroupNames(ctx, names); err != nil {
		return &ResolvedGroups{ResourceNames: map[string]string{}}, err
	}
	ctx, span := c.tel.startCallSpan(ctx, spanResolveGroups, attrGroups.Int(len(names)))
	defer func() { endResolveSpan(span, res, err) }() // also after a panic (res nil)
	return c.resolveContactGroups(ctx, names)
}

// resolveContactGroups is [Client.ResolveContactGroups] after validation.
func (c *Client) resolveContactGroups(ctx context.Context, names []string) (*ResolvedGroups, error) {
	res := &ResolvedGroups{ResourceNames: make(map[string]string, len(names))}
	var missing []int
	var errs []error
	seen := make(map[string]bool, len(names))
	for i, name := range names {
		rn, system := systemGroup(name)
		switch {
		case rn != "":
			res.ResourceNames[name] = rn
		case system:
			errs = append(errs, &GroupError{Index: i, Name: name, Err: errDeprecatedGroup})
		case !seen[name]:
			seen[name] = true
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return res, errors.Join(errs...)
	}
	known, err := c.groupsByName(ctx)
	if err != nil {
		return res, errors.Join(append(errs, err)...)
	}
	for _, i := range missing {
		name := names[i]
		rn, ok := known[name]
		created := false
		if !ok {
			rn, created, known, err = c.createGroupOnce(ctx, name, known)
			if err != nil {
				errs = append(errs, &GroupError{Index: i, Name: name, Err: err})
				continue
			}
		}
		res.ResourceNames[name] = rn
		if created {
			res.Created = append(res.Created, name)
		}
	}
	return res, errors.Join(errs...)
}

// createGroupOnce creates the group named name, or finds it by listing the groups when a
// create is refused as a duplicate or has an unknown outcome. It returns the group's
// resource name, whether this call created it, and the groups as last listed.
func (c *Client) createGroupOnce(ctx context.Context, name string, known map[string]string) (string, bool, map[string]string, error) {
	var err error
	for range maxCreateRounds {
		var g *ContactGroup
		g, err = c.CreateContactGroup(ctx, &ContactGroup{Name: name})
		if err == nil {
			return g.ResourceName, true, known, nil
		}
		var me *MutationError
		if !errors.As(err, &me) {
			return "", false, known, err
		}
		var e *Error
		taken := me.Outcome == OutcomeFailed && errors.As(me.Err, &e) && e.Code == AlreadyExists
		if !taken && me.Outcome != OutcomeUnknown && me.Outcome != OutcomeCreated {
			return "", false, known, err
		}
		fresh, lerr := c.groupsByName(ctx)
		if lerr != nil {
			return "", false, known, errors.Join(err, lerr)
		}
		known = fresh
		if rn, ok := known[name]; ok {
			return rn, !taken, known, nil
		}
		// No group of that name exists: the create did not apply, or the group it ran
		// into was deleted since. Creating again cannot make a second group.
	}
	return "", false, known, fmt.Errorf("people: no group of that name after %d creates: %w", maxCreateRounds, err)
}

// groupsByName lists the user's groups that are not deleted, by name.
func (c *Client) groupsByName(ctx context.Context) (map[string]string, error) {
	groups, err := c.ListContactGroups(ctx)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]string, len(groups))
	for _, g := range groups {
		deleted := g.Metadata != nil && g.Metadata.Deleted
		if deleted || g.ResourceName == "" {
			continue
		}
		if g.GroupType == GroupTypeSystem {
			continue
		}
		if _, dup := byName[g.Name]; !dup {
			byName[g.Name] = g.ResourceName
		}
	}
	return byName, nil
}

// validateGroupNames returns an *InputError unless ctx and names are valid.
func validateGroupNames(ctx context.Context, names []string) error {
	var problems []*ValidationError
	bad := func(field, reason string) {
		problems = append(problems, &ValidationError{Index: -1, Field: field, Reason: reason})
	}
	if ctx == nil {
		bad("ctx", "is nil: pass context.Background() or a context of your own")
	}
	for i, name := range names {
		field := "names[" + strconv.Itoa(i) + "]"
		checkGroupName(bad, field, name)
	}
	if problems != nil {
		return &InputError{Problems: problems}
	}
	return nil
}
