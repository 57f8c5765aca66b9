// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

// This file holds the contact group model. It is written by hand (the generator,
// internal/gen/genmodel.py, writes the types reachable from Person) after the ContactGroup
// schema of the discovery document.

// ContactGroup is a contact group of the user: a label that contacts can carry (see
// [ContactGroupMembership]). The server sets every field but Name and ClientData.
//
// REST reference: https://developers.google.com/people/api/rest/v1/contactGroups
type ContactGroup struct {
	// ResourceName is "contactGroups/" and the group's id. Output only.
	ResourceName string `json:"resourceName,omitempty"`
	// Etag is the entity tag of the group. Output only.
	Etag string `json:"etag,omitempty"`
	// Metadata is about the group. Output only.
	Metadata *ContactGroupMetadata `json:"metadata,omitempty"`
	// GroupType is [GroupTypeUser] or [GroupTypeSystem]. Output only.
	GroupType string `json:"groupType,omitempty"`
	// Name is the group's name: set by the user for a user group, fixed for a system group
	// (such as "myContacts"). Names are unique among a user's groups.
	Name string `json:"name,omitempty"`
	// FormattedName is the name translated to the viewer's locale for a system group, the
	// Name of a user group. Output only.
	FormattedName string `json:"formattedName,omitempty"`
	// MemberResourceNames lists members' resource names, when a read asks for them. Output
	// only.
	MemberResourceNames []string `json:"memberResourceNames,omitempty"`
	// MemberCount is how many contacts the group holds, when a read asks for it. Output only.
	MemberCount int `json:"memberCount,omitempty"`
	// ClientData is data of the client's own kept with the group.
	ClientData []*GroupClientData `json:"clientData,omitempty"`
}

// ContactGroupMetadata is the metadata of a [ContactGroup]. Output only.
type ContactGroupMetadata struct {
	// UpdateTime is when the group was last updated, in RFC 3339.
	UpdateTime string `json:"updateTime,omitempty"`
	// Deleted says the group was deleted.
	Deleted bool `json:"deleted,omitempty"`
}

// GroupClientData is one key and value of a [ContactGroup]'s client data.
type GroupClientData struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// The values of ContactGroup.GroupType.
const (
	// GroupTypeUser is a group that the user (or a client) created.
	GroupTypeUser = "USER_CONTACT_GROUP"
	// GroupTypeSystem is a group that every account has, under a fixed resource name.
	GroupTypeSystem = "SYSTEM_CONTACT_GROUP"
)

// The system groups that contacts can join. The other system groups (family, friends,
// coworkers, …) are deprecated: their members can only be removed.
const (
	// GroupMyContacts is the resource name of the "myContacts" system group, which every
	// contact created through the API joins.
	GroupMyContacts = "contactGroups/myContacts"
	// GroupStarred is the resource name of the "starred" system group.
	GroupStarred = "contactGroups/starred"
)

// createGroupRequest is the body of contactGroups.create.
type createGroupRequest struct {
	ContactGroup    *ContactGroup `json:"contactGroup"`
	ReadGroupFields string        `json:"readGroupFields"`
}

// groupsPage is one page of contactGroups.list.
type groupsPage struct {
	ContactGroups []*ContactGroup `json:"contactGroups"`
	NextPageToken string          `json:"nextPageToken"`
}
