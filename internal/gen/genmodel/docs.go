// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

// typeDocs holds the doc comment of each generated type, after the type's name. The
// discovery document's own descriptions are long and speak of other methods, so the model
// has its own. Lines after the first are written as they are, so that a long doc keeps its
// paragraphs. A schema without an entry stops the generator.
var typeDocs = map[string]string{
	"Person": `is a person or contact, the resource that BatchCreateContacts creates.

On create, leave ResourceName, Etag and every output-only field empty: the server assigns
them, and BatchCreateContacts rejects a contact that sets one. Names, Biographies, Birthdays
and Genders hold at most one entry on a contact.`,
	"Address":                "is a postal address.",
	"FieldMetadata":          "describes a field of a Person: where it came from and whether it is primary.",
	"Source":                 "is one source of the data of a Person, such as a contact or a profile.",
	"ProfileMetadata":        "is metadata about a source of type PROFILE. Output only.",
	"AgeRangeType":           "is one age range of a person. Output only.",
	"Biography":              "is a short biography of a person. A contact has at most one.",
	"Birthday":               "is a birthday. A contact has at most one. Prefer Date to the free-form Text.",
	"Date":                   "is a calendar date in which any part may be zero: Year 0 means a date without a year, Month and Day 0 a year alone.",
	"BraggingRights":         "is a person's bragging rights. Deprecated: the service returns no data for it.",
	"CalendarUrl":            "is a URL of one of a person's calendars.",
	"ClientData":             "is a key and value pair of arbitrary data that the client keeps on a contact.",
	"CoverPhoto":             "is a large image shown on a person's profile page. Output only.",
	"EmailAddress":           "is an email address.",
	"Event":                  "is a dated event in a person's life, such as an anniversary.",
	"ExternalId":             "is an identifier of the person in another system.",
	"FileAs":                 "is the name under which a contact is filed and sorted.",
	"Gender":                 "is a person's gender. A contact has at most one.",
	"ImClient":               "is an instant messaging account.",
	"Interest":               "is one of a person's interests.",
	"Locale":                 "is a preferred language, as an IETF BCP 47 tag.",
	"Location":               "is a place, such as a building and desk, where a person works.",
	"Membership":             "is a person's membership in a contact group or a domain.",
	"ContactGroupMembership": "is a membership in a contact group, named by its resource name.",
	"DomainMembership":       "is a membership in a Google Workspace domain. Output only.",
	"PersonMetadata":         "is metadata about a Person as a whole. Output only.",
	"MiscKeyword":            "is a keyword that fits no other field.",
	"Name":                   "is a person's name. A contact has at most one.",
	"Nickname":               "is a nickname.",
	"Occupation":             "is an occupation.",
	"Organization":           "is a past or present organization, such as an employer.",
	"PhoneNumber":            "is a phone number.",
	"Photo":                  "is a photo of a person. Output only.",
	"Relation":               "is a relationship to another person.",
	"RelationshipInterest":   "is a kind of relationship a person is looking for. Deprecated and output only.",
	"RelationshipStatus":     "is a person's relationship status. Deprecated and output only.",
	"Residence":              "is a place of residence. Deprecated: use Address.",
	"SipAddress":             "is a SIP address for voice over IP calls.",
	"Skill":                  "is a skill a person has.",
	"Tagline":                "is a short profile line. Deprecated and output only.",
	"Url":                    "is a web address associated with a person.",
	"UserDefined":            "is a key and value pair that the user defined, shown in Google Contacts.",
}

// namedEnum is an enum property that gets a named Go type instead of string.
type namedEnum struct {
	typ string // the Go name of the type
	doc string // its doc comment, after the name
}

// namedEnums lists the enum properties that get a named Go type, by "Schema.property". Each
// gets exported constants, documented from the discovery document's enumDescriptions, and an
// unexported known<Type> that maps the bytes of a value to its constant without allocating;
// the type's UnmarshalJSON is written by hand, next to the generated code
// (people/sourcetype.go).
var namedEnums = map[string]namedEnum{
	"Source.type": {"SourceType", "is the type of a Source: the kind of account, profile or contact that the data of a Person comes from. Decoding JSON gives the values of the SourceType constants without allocating; any other value is kept as it is."},
}
