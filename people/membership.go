// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"slices"
	"strings"
)

// groupPrefix starts every contact group's resource name.
const groupPrefix = "contactGroups/"

// AddToGroups returns a copy of p that is also a member of the contact groups named by their
// resource names (see [Client.ResolveContactGroups]), for [Client.BatchCreateContacts]: a
// contact joins its groups on create through [ContactGroupMembership]. A group that p
// already lists, or that groups names twice, is listed once. p is not modified: the copy
// shares every other field with it. A nil p gives nil.
func AddToGroups(p *Person, groups ...string) *Person {
	if p == nil {
		return nil
	}
	cp := *p
	cp.Memberships = slices.Clip(slices.Clone(p.Memberships))
	for _, rn := range groups {
		member := slices.ContainsFunc(cp.Memberships, func(m *Membership) bool {
			return m != nil && m.ContactGroupMembership != nil && m.ContactGroupMembership.ContactGroupResourceName == rn
		})
		if !member {
			cp.Memberships = append(cp.Memberships, &Membership{
				ContactGroupMembership: &ContactGroupMembership{ContactGroupResourceName: rn},
			})
		}
	}
	return &cp
}

// checkMemberships reports each contact group membership of a contact that names no group
// as "contactGroups/{id}".
func checkMemberships(p *fieldPath, ms []*Membership) {
	for i, m := range ms {
		if m == nil || m.ContactGroupMembership == nil {
			continue
		}
		rn := m.ContactGroupMembership.ContactGroupResourceName
		id, ok := strings.CutPrefix(rn, groupPrefix)
		if !ok || id == "" || strings.ContainsAny(id, "/:") {
			p.push("memberships", i)
			p.push("contactGroupMembership", -1)
			p.fail("contactGroupResourceName", -1, `must name a contact group as "contactGroups/{id}"`)
			p.pop()
			p.pop()
		}
	}
}
