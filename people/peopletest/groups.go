// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file holds the contact groups of a user: the fixed system groups, the groups the user
// creates, how a group is rendered on the wire, and the memberships a created contact may ask
// for. The handlers are in groups_serve.go.

const (
	groupPrefix      = "contactGroups/"
	userGroupType    = "USER_CONTACT_GROUP"
	systemGroupType  = "SYSTEM_CONTACT_GROUP"
	defaultGroupPage = 30
)

// systemGroup is a group every account has, under a fixed resource name.
type systemGroup struct {
	name          string // "myContacts", also the id in the resource name
	formattedName string // in English, the emulator's only locale
	joinable      bool   // a contact can be added on create; the others are deprecated
}

// systemGroups are the system groups in the order contactGroups.list returns them. The
// discovery document says that only myContacts and starred can gain members.
var systemGroups = []systemGroup{
	{"myContacts", "My Contacts", true},
	{"starred", "Starred", true},
	{"friends", "Friends", false},
	{"family", "Family", false},
	{"coworkers", "Coworkers", false},
	{"chatBuddies", "Chat contacts", false},
	{"all", "All Contacts", false},
	{"blocked", "Blocked", false},
}

// findSystemGroup returns the system group with resource name rn.
func findSystemGroup(rn string) (systemGroup, bool) {
	i := slices.IndexFunc(systemGroups, func(g systemGroup) bool { return groupPrefix+g.name == rn })
	if i < 0 {
		return systemGroup{}, false
	}
	return systemGroups[i], true
}

// GroupClientData is one key and value of a contact group's clientData, set by the client
// that created the group.
type GroupClientData struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// A Group is a contact group a user created with contactGroups.create, as Server.Groups
// returns it.
type Group struct {
	// ResourceName is "contactGroups/" and the group's id.
	ResourceName string
	// Name is the name the client gave the group.
	Name string
	// Etag is the entity tag the server assigned.
	Etag string
	// ClientData is what the client stored with the group.
	ClientData []GroupClientData
	// Members are the resource names of the user's contacts in the group, in creation order.
	Members []string
	// Created is when the group was created, on the server's clock (see WithClock).
	Created time.Time
}

// contactGroup is a ContactGroup on the wire.
type contactGroup struct {
	ResourceName        string            `json:"resourceName,omitempty"`
	Etag                string            `json:"etag,omitempty"`
	Metadata            *groupMetadata    `json:"metadata,omitempty"`
	GroupType           string            `json:"groupType,omitempty"`
	Name                string            `json:"name,omitempty"`
	FormattedName       string            `json:"formattedName,omitempty"`
	MemberResourceNames []string          `json:"memberResourceNames,omitempty"`
	MemberCount         int               `json:"memberCount,omitempty"`
	ClientData          []GroupClientData `json:"clientData,omitempty"`
}

type groupMetadata struct {
	UpdateTime string `json:"updateTime,omitempty"`
	Deleted    bool   `json:"deleted,omitempty"`
}

// groupView is a group as the handlers render it: a user group or a system group, with its
// members.
type groupView struct {
	resourceName  string
	etag          string
	groupType     string
	name          string
	formattedName string
	updated       time.Time
	clientData    []GroupClientData
	members       []string // resource names in creation order
}

// render returns the wire form of g holding resourceName, etag and the fields in mask, with at
// most maxMembers member resource names.
func (g groupView) render(mask []string, maxMembers int) contactGroup {
	out := contactGroup{ResourceName: g.resourceName, Etag: g.etag}
	for _, f := range mask {
		switch f {
		case "name":
			out.Name, out.FormattedName = g.name, g.formattedName
		case "groupType":
			out.GroupType = g.groupType
		case "metadata":
			out.Metadata = &groupMetadata{UpdateTime: g.updated.UTC().Format("2006-01-02T15:04:05.000Z")}
		case "clientData":
			out.ClientData = slices.Clone(g.clientData)
		case "memberCount":
			out.MemberCount = len(g.members)
		}
	}
	if maxMembers > 0 {
		out.MemberResourceNames = slices.Clone(g.members[:min(maxMembers, len(g.members))])
	}
	return out
}

// groupViews returns every group of user, system groups first, then the user's groups in
// creation order, each with its members.
func (s *Server) groupViews(user string) []groupView {
	s.mu.Lock()
	defer s.mu.Unlock()
	var contacts []storedContact
	var created []Group
	if a := s.accounts[user]; a != nil {
		contacts, created = a.contacts, a.groups
	}
	members := map[string][]string{}
	for _, c := range contacts {
		name := c.id.resourceName()
		for _, rn := range c.groups {
			members[rn] = append(members[rn], name)
		}
	}
	out := make([]groupView, 0, len(systemGroups)+len(created))
	for _, g := range systemGroups {
		rn := groupPrefix + g.name
		out = append(out, groupView{resourceName: rn, etag: "%" + base64.StdEncoding.EncodeToString([]byte(g.name)),
			groupType: systemGroupType, name: g.name, formattedName: g.formattedName, updated: s.started, members: members[rn]})
	}
	for _, g := range created {
		out = append(out, groupView{resourceName: g.ResourceName, etag: g.Etag, groupType: userGroupType, name: g.Name,
			formattedName: g.Name, updated: g.Created, clientData: g.ClientData, members: members[g.ResourceName]})
	}
	return out
}

// createGroup stores a new group of user named name, unless the user has a group of that name
// already (a system group's name included). The caller validated name.
func (s *Server) createGroup(user, name string, clientData []GroupClientData) (groupView, *errorStatus) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.account(user)
	taken := slices.ContainsFunc(a.groups, func(g Group) bool { return g.Name == name }) ||
		slices.ContainsFunc(systemGroups, func(g systemGroup) bool { return g.name == name })
	if taken {
		return groupView{}, &errorStatus{Code: 409, Status: "ALREADY_EXISTS", Message: "Contact group name already exists."}
	}
	var rn string
	for rn == "" || slices.ContainsFunc(a.groups, func(g Group) bool { return g.ResourceName == rn }) {
		rn = fmt.Sprintf("%s%016x", groupPrefix, s.idRand.Uint64())
	}
	g := Group{ResourceName: rn, Name: name, Etag: "%" + s.randomTag(12), ClientData: clientData, Created: s.cfg.now()}
	a.groups = append(a.groups, g)
	return groupView{resourceName: rn, etag: g.Etag, groupType: userGroupType, name: name, formattedName: name,
		updated: g.Created, clientData: clientData}, nil
}

// userGroupSet returns the resource names of the groups user created.
func (s *Server) userGroupSet(user string) map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := map[string]bool{}
	if a := s.accounts[user]; a != nil {
		for _, g := range a.groups {
			set[g.ResourceName] = true
		}
	}
	return set
}

// checkMemberships returns the violations of the contact group memberships of p, whose user
// created the groups in userGroups: a contact can join myContacts, starred and the user's own
// groups.
func checkMemberships(p *people.Person, userGroups map[string]bool) []violation {
	var out []violation
	for j, m := range p.Memberships {
		if m == nil || m.ContactGroupMembership == nil {
			continue
		}
		at := fmt.Sprintf("memberships[%d].contact_group_membership", j)
		field := at + ".contact_group_resource_name"
		rn := m.ContactGroupMembership.ContactGroupResourceName
		sys, isSystem := findSystemGroup(rn)
		var desc string
		switch {
		case rn == "":
			desc = "A contact group membership must name a contact group."
		case !strings.HasPrefix(rn, groupPrefix) || len(rn) == len(groupPrefix) || strings.Contains(rn[len(groupPrefix):], "/"):
			desc = "Contact group resource name must have the form contactGroups/{contact_group_id}."
		case isSystem && !sys.joinable:
			desc = "Members cannot be added to the system contact group " + rn + "."
		case !isSystem && !userGroups[rn]:
			desc = "Contact group " + rn + " was not found."
		default:
			continue
		}
		out = append(out, violation{at, field, desc})
	}
	return out
}
