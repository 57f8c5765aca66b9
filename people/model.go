// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

// PersonResponse is the server's answer for one created contact.
type PersonResponse struct {
	// Person is the created person, holding the fields named by the read mask plus
	// ResourceName and Etag. It is nil when the reply holds none or an empty one: "person"
	// absent, null, or an object that decodes to the zero Person, such as {}.
	Person *Person `json:"person,omitempty"`
	// Status is the contact's own status. It is nil when the reply holds none or an empty
	// one ("status" absent, null, or an object that decodes to the zero Status, such as
	// {}), which means OK, as does a Status whose Code is OK.
	Status *Status `json:"status,omitempty"`
	// RequestedResourceName is the resource name the request asked for, when it differs.
	RequestedResourceName string `json:"requestedResourceName,omitempty"`
	// HTTPStatusCode is the contact's HTTP status.
	//
	// Deprecated: the People API deprecates it in favour of Status.
	HTTPStatusCode int `json:"httpStatusCode,omitempty"`
}

// batchCreateResponse is the body of a successful batchCreateContacts reply.
type batchCreateResponse struct {
	CreatedPeople []*PersonResponse `json:"createdPeople"`
}

// ReadSourceType selects which sources of a created person the post-create read returns.
type ReadSourceType string

// The ReadSourceType values. With no sources the server reads ReadSourceContact and
// ReadSourceProfile.
const (
	ReadSourceProfile       ReadSourceType = "READ_SOURCE_TYPE_PROFILE"
	ReadSourceContact       ReadSourceType = "READ_SOURCE_TYPE_CONTACT"
	ReadSourceDomainContact ReadSourceType = "READ_SOURCE_TYPE_DOMAIN_CONTACT"
	ReadSourceOtherContact  ReadSourceType = "READ_SOURCE_TYPE_OTHER_CONTACT"
)

func (s ReadSourceType) valid() bool {
	switch s {
	case ReadSourceProfile, ReadSourceContact, ReadSourceDomainContact, ReadSourceOtherContact:
		return true
	}
	return false
}
