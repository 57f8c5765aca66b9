// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file turns the input's labels into contact groups, once per run, and gives each
// contact its memberships.

// labelSet collects label names in the order first seen, without repeats.
type labelSet struct {
	names []string
	seen  map[string]bool
}

func (s *labelSet) add(names ...string) {
	for _, n := range names {
		if s.seen == nil {
			s.seen = map[string]bool{}
		}
		if !s.seen[n] {
			s.seen[n] = true
			s.names = append(s.names, n)
		}
	}
}

// resolveGroups finds or creates the contact group of each label, through the SDK's
// ResolveContactGroups, which never creates a group twice: a group made by an earlier run,
// or by this one before a lost reply, is found by its name. It returns the groups' resource
// names by label, nil with -no-labels or no label; a label whose group could not be made is
// said, and its contacts are created without it.
func (im *importer) resolveGroups(ctx context.Context, client *people.Client, labels []string, sum *summary) map[string]string {
	if im.opts.NoLabels || len(labels) == 0 {
		return nil
	}
	res, err := client.ResolveContactGroups(ctx, labels)
	sum.Groups = len(res.ResourceNames)
	sum.GroupsCreated = len(res.Created)
	if err != nil {
		var ge *people.GroupError
		for _, e := range unwrapAll(err) {
			if errors.As(e, &ge) {
				fmt.Fprintf(im.out, "Label %q: no contact group: %v; its contacts are created without it.\n", ge.Name, ge.Err)
			} else {
				fmt.Fprintf(im.out, "Labels: %v; contacts are created without their groups.\n", e)
			}
		}
		sum.GroupsFailed = len(labels) - sum.Groups
	}
	return res.ResourceNames
}

// unwrapAll returns the errors that err joins, or err alone.
func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// withGroups returns p with a membership in the group of each of labels that groups holds.
func withGroups(p *people.Person, labels []string, groups map[string]string) *people.Person {
	rns := make([]string, 0, len(labels))
	for _, l := range labels {
		if rn := groups[l]; rn != "" {
			rns = append(rns, rn)
		}
	}
	if len(rns) == 0 {
		return p
	}
	return people.AddToGroups(p, rns...)
}
