// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

// Person is a person or contact, the resource that BatchCreateContacts creates.
//
// On create, leave ResourceName, Etag and every output-only field empty: the server assigns
// them, and BatchCreateContacts rejects a contact that sets one. Names, Biographies, Birthdays
// and Genders hold at most one entry on a contact.
type Person struct {
	Addresses []*Address `json:"addresses,omitempty"`
	// Output only: set by the server, never sent on create.
	// One of: AGE_RANGE_UNSPECIFIED, LESS_THAN_EIGHTEEN, EIGHTEEN_TO_TWENTY, TWENTY_ONE_OR_OLDER.
	//
	// Deprecated: the People API deprecates this field.
	AgeRange string `json:"ageRange,omitempty"`
	// Output only: set by the server, never sent on create.
	AgeRanges   []*AgeRangeType `json:"ageRanges,omitempty"`
	Biographies []*Biography    `json:"biographies,omitempty"`
	Birthdays   []*Birthday     `json:"birthdays,omitempty"`
	// Deprecated: the People API deprecates this field.
	BraggingRights []*BraggingRights `json:"braggingRights,omitempty"`
	CalendarURLs   []*CalendarURL    `json:"calendarUrls,omitempty"`
	ClientData     []*ClientData     `json:"clientData,omitempty"`
	// Output only: set by the server, never sent on create.
	CoverPhotos    []*CoverPhoto   `json:"coverPhotos,omitempty"`
	EmailAddresses []*EmailAddress `json:"emailAddresses,omitempty"`
	// Etag is the entity tag of the person. Assigned by the server; leave it empty on create.
	Etag        string        `json:"etag,omitempty"`
	Events      []*Event      `json:"events,omitempty"`
	ExternalIDs []*ExternalID `json:"externalIds,omitempty"`
	FileAses    []*FileAs     `json:"fileAses,omitempty"`
	Genders     []*Gender     `json:"genders,omitempty"`
	IMClients   []*IMClient   `json:"imClients,omitempty"`
	Interests   []*Interest   `json:"interests,omitempty"`
	Locales     []*Locale     `json:"locales,omitempty"`
	Locations   []*Location   `json:"locations,omitempty"`
	Memberships []*Membership `json:"memberships,omitempty"`
	// Output only: set by the server, never sent on create.
	Metadata      *PersonMetadata `json:"metadata,omitempty"`
	MiscKeywords  []*MiscKeyword  `json:"miscKeywords,omitempty"`
	Names         []*Name         `json:"names,omitempty"`
	Nicknames     []*Nickname     `json:"nicknames,omitempty"`
	Occupations   []*Occupation   `json:"occupations,omitempty"`
	Organizations []*Organization `json:"organizations,omitempty"`
	PhoneNumbers  []*PhoneNumber  `json:"phoneNumbers,omitempty"`
	// Output only: set by the server, never sent on create.
	Photos    []*Photo    `json:"photos,omitempty"`
	Relations []*Relation `json:"relations,omitempty"`
	// Output only: set by the server, never sent on create.
	//
	// Deprecated: the People API deprecates this field.
	RelationshipInterests []*RelationshipInterest `json:"relationshipInterests,omitempty"`
	// Output only: set by the server, never sent on create.
	//
	// Deprecated: the People API deprecates this field.
	RelationshipStatuses []*RelationshipStatus `json:"relationshipStatuses,omitempty"`
	// Deprecated: the People API deprecates this field.
	Residences []*Residence `json:"residences,omitempty"`
	// ResourceName names the person, as people/{id}. Assigned by the server; leave it empty on create.
	ResourceName string        `json:"resourceName,omitempty"`
	SipAddresses []*SIPAddress `json:"sipAddresses,omitempty"`
	Skills       []*Skill      `json:"skills,omitempty"`
	// Output only: set by the server, never sent on create.
	//
	// Deprecated: the People API deprecates this field.
	Taglines    []*Tagline     `json:"taglines,omitempty"`
	URLs        []*URL         `json:"urls,omitempty"`
	UserDefined []*UserDefined `json:"userDefined,omitempty"`
}

// Address is a postal address.
type Address struct {
	City            string `json:"city,omitempty"`
	Country         string `json:"country,omitempty"`
	CountryCode     string `json:"countryCode,omitempty"`
	ExtendedAddress string `json:"extendedAddress,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedType  string         `json:"formattedType,omitempty"`
	FormattedValue string         `json:"formattedValue,omitempty"`
	Metadata       *FieldMetadata `json:"metadata,omitempty"`
	PoBox          string         `json:"poBox,omitempty"`
	PostalCode     string         `json:"postalCode,omitempty"`
	Region         string         `json:"region,omitempty"`
	StreetAddress  string         `json:"streetAddress,omitempty"`
	Type           string         `json:"type,omitempty"`
}

// FieldMetadata describes a field of a Person: where it came from and whether it is primary.
type FieldMetadata struct {
	// Output only: set by the server, never sent on create.
	Primary       bool    `json:"primary,omitempty"`
	Source        *Source `json:"source,omitempty"`
	SourcePrimary bool    `json:"sourcePrimary,omitempty"`
	// Output only: set by the server, never sent on create.
	Verified bool `json:"verified,omitempty"`
}

// Source is one source of the data of a Person, such as a contact or a profile.
type Source struct {
	// Etag is the entity tag of the person. Assigned by the server; leave it empty on create.
	Etag string `json:"etag,omitempty"`
	ID   string `json:"id,omitempty"`
	// Output only: set by the server, never sent on create.
	ProfileMetadata *ProfileMetadata `json:"profileMetadata,omitempty"`
	// One of: SOURCE_TYPE_UNSPECIFIED, ACCOUNT, PROFILE, DOMAIN_PROFILE, CONTACT, OTHER_CONTACT, DOMAIN_CONTACT.
	Type string `json:"type,omitempty"`
	// Output only: set by the server, never sent on create.
	UpdateTime string `json:"updateTime,omitempty"`
}

// ProfileMetadata is metadata about a source of type PROFILE. Output only.
type ProfileMetadata struct {
	// Output only: set by the server, never sent on create.
	// One of: OBJECT_TYPE_UNSPECIFIED, PERSON, PAGE.
	ObjectType string `json:"objectType,omitempty"`
	// Output only: set by the server, never sent on create.
	// Each one of: USER_TYPE_UNKNOWN, GOOGLE_USER, GPLUS_USER, GOOGLE_APPS_USER.
	UserTypes []string `json:"userTypes,omitempty"`
}

// AgeRangeType is one age range of a person. Output only.
type AgeRangeType struct {
	// One of: AGE_RANGE_UNSPECIFIED, LESS_THAN_EIGHTEEN, EIGHTEEN_TO_TWENTY, TWENTY_ONE_OR_OLDER.
	AgeRange string         `json:"ageRange,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
}

// Biography is a short biography of a person. A contact has at most one.
type Biography struct {
	// One of: CONTENT_TYPE_UNSPECIFIED, TEXT_PLAIN, TEXT_HTML.
	ContentType string         `json:"contentType,omitempty"`
	Metadata    *FieldMetadata `json:"metadata,omitempty"`
	Value       string         `json:"value,omitempty"`
}

// Birthday is a birthday. A contact has at most one. Prefer Date to the free-form Text.
type Birthday struct {
	Date     *Date          `json:"date,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	// Deprecated: the People API deprecates this field.
	Text string `json:"text,omitempty"`
}

// Date is a calendar date in which any part may be zero: Year 0 means a date without a year, Month and Day 0 a year alone.
type Date struct {
	Day   int `json:"day,omitempty"`
	Month int `json:"month,omitempty"`
	Year  int `json:"year,omitempty"`
}

// BraggingRights is a person's bragging rights. Deprecated: the service returns no data for it.
type BraggingRights struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// CalendarURL is a URL of one of a person's calendars.
type CalendarURL struct {
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
	URL           string         `json:"url,omitempty"`
}

// ClientData is a key and value pair of arbitrary data that the client keeps on a contact.
type ClientData struct {
	Key      string         `json:"key,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// CoverPhoto is a large image shown on a person's profile page. Output only.
type CoverPhoto struct {
	Default  bool           `json:"default,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	URL      string         `json:"url,omitempty"`
}

// EmailAddress is an email address.
type EmailAddress struct {
	DisplayName string `json:"displayName,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
	Value         string         `json:"value,omitempty"`
}

// Event is a dated event in a person's life, such as an anniversary.
type Event struct {
	Date *Date `json:"date,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
}

// ExternalID is an identifier of the person in another system.
type ExternalID struct {
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
	Value         string         `json:"value,omitempty"`
}

// FileAs is the name under which a contact is filed and sorted.
type FileAs struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// Gender is a person's gender. A contact has at most one.
type Gender struct {
	AddressMeAs string `json:"addressMeAs,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedValue string         `json:"formattedValue,omitempty"`
	Metadata       *FieldMetadata `json:"metadata,omitempty"`
	Value          string         `json:"value,omitempty"`
}

// IMClient is an instant messaging account.
type IMClient struct {
	// Output only: set by the server, never sent on create.
	FormattedProtocol string `json:"formattedProtocol,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Protocol      string         `json:"protocol,omitempty"`
	Type          string         `json:"type,omitempty"`
	Username      string         `json:"username,omitempty"`
}

// Interest is one of a person's interests.
type Interest struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// Locale is a preferred language, as an IETF BCP 47 tag.
type Locale struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// Location is a place, such as a building and desk, where a person works.
type Location struct {
	BuildingID   string         `json:"buildingId,omitempty"`
	Current      bool           `json:"current,omitempty"`
	DeskCode     string         `json:"deskCode,omitempty"`
	Floor        string         `json:"floor,omitempty"`
	FloorSection string         `json:"floorSection,omitempty"`
	Metadata     *FieldMetadata `json:"metadata,omitempty"`
	Type         string         `json:"type,omitempty"`
	Value        string         `json:"value,omitempty"`
}

// Membership is a person's membership in a contact group or a domain.
type Membership struct {
	ContactGroupMembership *ContactGroupMembership `json:"contactGroupMembership,omitempty"`
	// Output only: set by the server, never sent on create.
	DomainMembership *DomainMembership `json:"domainMembership,omitempty"`
	Metadata         *FieldMetadata    `json:"metadata,omitempty"`
}

// ContactGroupMembership is a membership in a contact group, named by its resource name.
type ContactGroupMembership struct {
	// Output only: set by the server, never sent on create.
	//
	// Deprecated: the People API deprecates this field.
	ContactGroupID           string `json:"contactGroupId,omitempty"`
	ContactGroupResourceName string `json:"contactGroupResourceName,omitempty"`
}

// DomainMembership is a membership in a Google Workspace domain. Output only.
type DomainMembership struct {
	InViewerDomain bool `json:"inViewerDomain,omitempty"`
}

// PersonMetadata is metadata about a Person as a whole. Output only.
type PersonMetadata struct {
	// Output only: set by the server, never sent on create.
	Deleted bool `json:"deleted,omitempty"`
	// Output only: set by the server, never sent on create.
	LinkedPeopleResourceNames []string `json:"linkedPeopleResourceNames,omitempty"`
	// Output only: set by the server, never sent on create.
	// One of: OBJECT_TYPE_UNSPECIFIED, PERSON, PAGE.
	//
	// Deprecated: the People API deprecates this field.
	ObjectType string `json:"objectType,omitempty"`
	// Output only: set by the server, never sent on create.
	PreviousResourceNames []string  `json:"previousResourceNames,omitempty"`
	Sources               []*Source `json:"sources,omitempty"`
}

// MiscKeyword is a keyword that fits no other field.
type MiscKeyword struct {
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	// One of: TYPE_UNSPECIFIED, OUTLOOK_BILLING_INFORMATION, OUTLOOK_DIRECTORY_SERVER, OUTLOOK_KEYWORD, OUTLOOK_MILEAGE, OUTLOOK_PRIORITY, OUTLOOK_SENSITIVITY, OUTLOOK_SUBJECT, OUTLOOK_USER, HOME, WORK, OTHER.
	Type  string `json:"type,omitempty"`
	Value string `json:"value,omitempty"`
}

// Name is a person's name. A contact has at most one.
type Name struct {
	// Output only: set by the server, never sent on create.
	DisplayName string `json:"displayName,omitempty"`
	// Output only: set by the server, never sent on create.
	DisplayNameLastFirst    string         `json:"displayNameLastFirst,omitempty"`
	FamilyName              string         `json:"familyName,omitempty"`
	GivenName               string         `json:"givenName,omitempty"`
	HonorificPrefix         string         `json:"honorificPrefix,omitempty"`
	HonorificSuffix         string         `json:"honorificSuffix,omitempty"`
	Metadata                *FieldMetadata `json:"metadata,omitempty"`
	MiddleName              string         `json:"middleName,omitempty"`
	PhoneticFamilyName      string         `json:"phoneticFamilyName,omitempty"`
	PhoneticFullName        string         `json:"phoneticFullName,omitempty"`
	PhoneticGivenName       string         `json:"phoneticGivenName,omitempty"`
	PhoneticHonorificPrefix string         `json:"phoneticHonorificPrefix,omitempty"`
	PhoneticHonorificSuffix string         `json:"phoneticHonorificSuffix,omitempty"`
	PhoneticMiddleName      string         `json:"phoneticMiddleName,omitempty"`
	UnstructuredName        string         `json:"unstructuredName,omitempty"`
}

// Nickname is a nickname.
type Nickname struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	// One of: DEFAULT, MAIDEN_NAME, INITIALS, GPLUS, OTHER_NAME, ALTERNATE_NAME, SHORT_NAME.
	Type  string `json:"type,omitempty"`
	Value string `json:"value,omitempty"`
}

// Occupation is an occupation.
type Occupation struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// Organization is a past or present organization, such as an employer.
type Organization struct {
	CostCenter string `json:"costCenter,omitempty"`
	Current    bool   `json:"current,omitempty"`
	Department string `json:"department,omitempty"`
	Domain     string `json:"domain,omitempty"`
	EndDate    *Date  `json:"endDate,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedType                  string         `json:"formattedType,omitempty"`
	FullTimeEquivalentMillipercent int            `json:"fullTimeEquivalentMillipercent,omitempty"`
	JobDescription                 string         `json:"jobDescription,omitempty"`
	Location                       string         `json:"location,omitempty"`
	Metadata                       *FieldMetadata `json:"metadata,omitempty"`
	Name                           string         `json:"name,omitempty"`
	PhoneticName                   string         `json:"phoneticName,omitempty"`
	StartDate                      *Date          `json:"startDate,omitempty"`
	Symbol                         string         `json:"symbol,omitempty"`
	Title                          string         `json:"title,omitempty"`
	Type                           string         `json:"type,omitempty"`
}

// PhoneNumber is a phone number.
type PhoneNumber struct {
	// Output only: set by the server, never sent on create.
	CanonicalForm string `json:"canonicalForm,omitempty"`
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
	Value         string         `json:"value,omitempty"`
}

// Photo is a photo of a person. Output only.
type Photo struct {
	Default  bool           `json:"default,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	URL      string         `json:"url,omitempty"`
}

// Relation is a relationship to another person.
type Relation struct {
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Person        string         `json:"person,omitempty"`
	Type          string         `json:"type,omitempty"`
}

// RelationshipInterest is a kind of relationship a person is looking for. Deprecated and output only.
type RelationshipInterest struct {
	// Output only: set by the server, never sent on create.
	FormattedValue string         `json:"formattedValue,omitempty"`
	Metadata       *FieldMetadata `json:"metadata,omitempty"`
	Value          string         `json:"value,omitempty"`
}

// RelationshipStatus is a person's relationship status. Deprecated and output only.
type RelationshipStatus struct {
	// Output only: set by the server, never sent on create.
	FormattedValue string         `json:"formattedValue,omitempty"`
	Metadata       *FieldMetadata `json:"metadata,omitempty"`
	Value          string         `json:"value,omitempty"`
}

// Residence is a place of residence. Deprecated: use Address.
type Residence struct {
	Current  bool           `json:"current,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// SIPAddress is a SIP address for voice over IP calls.
type SIPAddress struct {
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
	Value         string         `json:"value,omitempty"`
}

// Skill is a skill a person has.
type Skill struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// Tagline is a short profile line. Deprecated and output only.
type Tagline struct {
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}

// URL is a web address associated with a person.
type URL struct {
	// Output only: set by the server, never sent on create.
	FormattedType string         `json:"formattedType,omitempty"`
	Metadata      *FieldMetadata `json:"metadata,omitempty"`
	Type          string         `json:"type,omitempty"`
	Value         string         `json:"value,omitempty"`
}

// UserDefined is a key and value pair that the user defined, shown in Google Contacts.
type UserDefined struct {
	Key      string         `json:"key,omitempty"`
	Metadata *FieldMetadata `json:"metadata,omitempty"`
	Value    string         `json:"value,omitempty"`
}
