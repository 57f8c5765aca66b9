// Code generated from people/v1/people-api.json in google.golang.org/api v0.312.0. DO NOT EDIT.

package people

func walkOutputOnlyPerson(x *Person, p *fieldPath) {
	for i, e := range x.Addresses {
		if e == nil {
			p.fail("addresses", i, "is nil")
			continue
		}
		p.push("addresses", i)
		walkOutputOnlyAddress(e, p)
		p.pop()
	}
	if x.AgeRange != "" {
		p.report("ageRange", -1)
	}
	if len(x.AgeRanges) > 0 {
		p.report("ageRanges", -1)
	}
	for i, e := range x.Biographies {
		if e == nil {
			p.fail("biographies", i, "is nil")
			continue
		}
		p.push("biographies", i)
		walkOutputOnlyBiography(e, p)
		p.pop()
	}
	for i, e := range x.Birthdays {
		if e == nil {
			p.fail("birthdays", i, "is nil")
			continue
		}
		p.push("birthdays", i)
		walkOutputOnlyBirthday(e, p)
		p.pop()
	}
	for i, e := range x.BraggingRights {
		if e == nil {
			p.fail("braggingRights", i, "is nil")
			continue
		}
		p.push("braggingRights", i)
		walkOutputOnlyBraggingRights(e, p)
		p.pop()
	}
	for i, e := range x.CalendarURLs {
		if e == nil {
			p.fail("calendarUrls", i, "is nil")
			continue
		}
		p.push("calendarUrls", i)
		walkOutputOnlyCalendarURL(e, p)
		p.pop()
	}
	for i, e := range x.ClientData {
		if e == nil {
			p.fail("clientData", i, "is nil")
			continue
		}
		p.push("clientData", i)
		walkOutputOnlyClientData(e, p)
		p.pop()
	}
	if len(x.CoverPhotos) > 0 {
		p.report("coverPhotos", -1)
	}
	for i, e := range x.EmailAddresses {
		if e == nil {
			p.fail("emailAddresses", i, "is nil")
			continue
		}
		p.push("emailAddresses", i)
		walkOutputOnlyEmailAddress(e, p)
		p.pop()
	}
	for i, e := range x.Events {
		if e == nil {
			p.fail("events", i, "is nil")
			continue
		}
		p.push("events", i)
		walkOutputOnlyEvent(e, p)
		p.pop()
	}
	for i, e := range x.ExternalIDs {
		if e == nil {
			p.fail("externalIds", i, "is nil")
			continue
		}
		p.push("externalIds", i)
		walkOutputOnlyExternalID(e, p)
		p.pop()
	}
	for i, e := range x.FileAses {
		if e == nil {
			p.fail("fileAses", i, "is nil")
			continue
		}
		p.push("fileAses", i)
		walkOutputOnlyFileAs(e, p)
		p.pop()
	}
	for i, e := range x.Genders {
		if e == nil {
			p.fail("genders", i, "is nil")
			continue
		}
		p.push("genders", i)
		walkOutputOnlyGender(e, p)
		p.pop()
	}
	for i, e := range x.IMClients {
		if e == nil {
			p.fail("imClients", i, "is nil")
			continue
		}
		p.push("imClients", i)
		walkOutputOnlyIMClient(e, p)
		p.pop()
	}
	for i, e := range x.Interests {
		if e == nil {
			p.fail("interests", i, "is nil")
			continue
		}
		p.push("interests", i)
		walkOutputOnlyInterest(e, p)
		p.pop()
	}
	for i, e := range x.Locales {
		if e == nil {
			p.fail("locales", i, "is nil")
			continue
		}
		p.push("locales", i)
		walkOutputOnlyLocale(e, p)
		p.pop()
	}
	for i, e := range x.Locations {
		if e == nil {
			p.fail("locations", i, "is nil")
			continue
		}
		p.push("locations", i)
		walkOutputOnlyLocation(e, p)
		p.pop()
	}
	for i, e := range x.Memberships {
		if e == nil {
			p.fail("memberships", i, "is nil")
			continue
		}
		p.push("memberships", i)
		walkOutputOnlyMembership(e, p)
		p.pop()
	}
	if x.Metadata != nil {
		p.report("metadata", -1)
	}
	for i, e := range x.MiscKeywords {
		if e == nil {
			p.fail("miscKeywords", i, "is nil")
			continue
		}
		p.push("miscKeywords", i)
		walkOutputOnlyMiscKeyword(e, p)
		p.pop()
	}
	for i, e := range x.Names {
		if e == nil {
			p.fail("names", i, "is nil")
			continue
		}
		p.push("names", i)
		walkOutputOnlyName(e, p)
		p.pop()
	}
	for i, e := range x.Nicknames {
		if e == nil {
			p.fail("nicknames", i, "is nil")
			continue
		}
		p.push("nicknames", i)
		walkOutputOnlyNickname(e, p)
		p.pop()
	}
	for i, e := range x.Occupations {
		if e == nil {
			p.fail("occupations", i, "is nil")
			continue
		}
		p.push("occupations", i)
		walkOutputOnlyOccupation(e, p)
		p.pop()
	}
	for i, e := range x.Organizations {
		if e == nil {
			p.fail("organizations", i, "is nil")
			continue
		}
		p.push("organizations", i)
		walkOutputOnlyOrganization(e, p)
		p.pop()
	}
	for i, e := range x.PhoneNumbers {
		if e == nil {
			p.fail("phoneNumbers", i, "is nil")
			continue
		}
		p.push("phoneNumbers", i)
		walkOutputOnlyPhoneNumber(e, p)
		p.pop()
	}
	if len(x.Photos) > 0 {
		p.report("photos", -1)
	}
	for i, e := range x.Relations {
		if e == nil {
			p.fail("relations", i, "is nil")
			continue
		}
		p.push("relations", i)
		walkOutputOnlyRelation(e, p)
		p.pop()
	}
	if len(x.RelationshipInterests) > 0 {
		p.report("relationshipInterests", -1)
	}
	if len(x.RelationshipStatuses) > 0 {
		p.report("relationshipStatuses", -1)
	}
	for i, e := range x.Residences {
		if e == nil {
			p.fail("residences", i, "is nil")
			continue
		}
		p.push("residences", i)
		walkOutputOnlyResidence(e, p)
		p.pop()
	}
	for i, e := range x.SipAddresses {
		if e == nil {
			p.fail("sipAddresses", i, "is nil")
			continue
		}
		p.push("sipAddresses", i)
		walkOutputOnlySIPAddress(e, p)
		p.pop()
	}
	for i, e := range x.Skills {
		if e == nil {
			p.fail("skills", i, "is nil")
			continue
		}
		p.push("skills", i)
		walkOutputOnlySkill(e, p)
		p.pop()
	}
	if len(x.Taglines) > 0 {
		p.report("taglines", -1)
	}
	for i, e := range x.URLs {
		if e == nil {
			p.fail("urls", i, "is nil")
			continue
		}
		p.push("urls", i)
		walkOutputOnlyURL(e, p)
		p.pop()
	}
	for i, e := range x.UserDefined {
		if e == nil {
			p.fail("userDefined", i, "is nil")
			continue
		}
		p.push("userDefined", i)
		walkOutputOnlyUserDefined(e, p)
		p.pop()
	}
}

func walkOutputOnlyAddress(x *Address, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyFieldMetadata(x *FieldMetadata, p *fieldPath) {
	if x.Primary {
		p.report("primary", -1)
	}
	if x.Source != nil {
		p.push("source", -1)
		walkOutputOnlySource(x.Source, p)
		p.pop()
	}
	if x.Verified {
		p.report("verified", -1)
	}
}

func walkOutputOnlySource(x *Source, p *fieldPath) {
	if x.ProfileMetadata != nil {
		p.report("profileMetadata", -1)
	}
	if x.UpdateTime != "" {
		p.report("updateTime", -1)
	}
}

func walkOutputOnlyProfileMetadata(x *ProfileMetadata, p *fieldPath) {
	if x.ObjectType != "" {
		p.report("objectType", -1)
	}
	if len(x.UserTypes) > 0 {
		p.report("userTypes", -1)
	}
}

func walkOutputOnlyAgeRangeType(x *AgeRangeType, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyBiography(x *Biography, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyBirthday(x *Birthday, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyBraggingRights(x *BraggingRights, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyCalendarURL(x *CalendarURL, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyClientData(x *ClientData, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyCoverPhoto(x *CoverPhoto, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyEmailAddress(x *EmailAddress, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyEvent(x *Event, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyExternalID(x *ExternalID, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyFileAs(x *FileAs, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyGender(x *Gender, p *fieldPath) {
	if x.FormattedValue != "" {
		p.report("formattedValue", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyIMClient(x *IMClient, p *fieldPath) {
	if x.FormattedProtocol != "" {
		p.report("formattedProtocol", -1)
	}
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyInterest(x *Interest, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyLocale(x *Locale, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyLocation(x *Location, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyMembership(x *Membership, p *fieldPath) {
	if x.ContactGroupMembership != nil {
		p.push("contactGroupMembership", -1)
		walkOutputOnlyContactGroupMembership(x.ContactGroupMembership, p)
		p.pop()
	}
	if x.DomainMembership != nil {
		p.report("domainMembership", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyContactGroupMembership(x *ContactGroupMembership, p *fieldPath) {
	if x.ContactGroupID != "" {
		p.report("contactGroupId", -1)
	}
}

func walkOutputOnlyPersonMetadata(x *PersonMetadata, p *fieldPath) {
	if x.Deleted {
		p.report("deleted", -1)
	}
	if len(x.LinkedPeopleResourceNames) > 0 {
		p.report("linkedPeopleResourceNames", -1)
	}
	if x.ObjectType != "" {
		p.report("objectType", -1)
	}
	if len(x.PreviousResourceNames) > 0 {
		p.report("previousResourceNames", -1)
	}
	for i, e := range x.Sources {
		if e == nil {
			p.fail("sources", i, "is nil")
			continue
		}
		p.push("sources", i)
		walkOutputOnlySource(e, p)
		p.pop()
	}
}

func walkOutputOnlyMiscKeyword(x *MiscKeyword, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyName(x *Name, p *fieldPath) {
	if x.DisplayName != "" {
		p.report("displayName", -1)
	}
	if x.DisplayNameLastFirst != "" {
		p.report("displayNameLastFirst", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyNickname(x *Nickname, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyOccupation(x *Occupation, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyOrganization(x *Organization, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyPhoneNumber(x *PhoneNumber, p *fieldPath) {
	if x.CanonicalForm != "" {
		p.report("canonicalForm", -1)
	}
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyPhoto(x *Photo, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyRelation(x *Relation, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyRelationshipInterest(x *RelationshipInterest, p *fieldPath) {
	if x.FormattedValue != "" {
		p.report("formattedValue", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyRelationshipStatus(x *RelationshipStatus, p *fieldPath) {
	if x.FormattedValue != "" {
		p.report("formattedValue", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyResidence(x *Residence, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlySIPAddress(x *SIPAddress, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlySkill(x *Skill, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyTagline(x *Tagline, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyURL(x *URL, p *fieldPath) {
	if x.FormattedType != "" {
		p.report("formattedType", -1)
	}
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}

func walkOutputOnlyUserDefined(x *UserDefined, p *fieldPath) {
	if x.Metadata != nil {
		p.push("metadata", -1)
		walkOutputOnlyFieldMetadata(x.Metadata, p)
		p.pop()
	}
}
