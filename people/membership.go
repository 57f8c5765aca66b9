// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "slices"

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
