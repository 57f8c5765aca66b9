// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "strings"

// MaskPath is a read-mask path: a top-level field of Person that a read may return.
type MaskPath string

// The MaskPath values accepted in a read mask.
const (
	MaskAddresses      MaskPath = "addresses"
	MaskAgeRanges      MaskPath = "ageRanges"
	MaskBiographies    MaskPath = "biographies"
	MaskBirthdays      MaskPath = "birthdays"
	MaskCalendarURLs   MaskPath = "calendarUrls"
	MaskClientData     MaskPath = "clientData"
	MaskCoverPhotos    MaskPath = "coverPhotos"
	MaskEmailAddresses MaskPath = "emailAddresses"
	MaskEvents         MaskPath = "events"
	MaskExternalIDs    MaskPath = "externalIds"
	MaskGenders        MaskPath = "genders"
	MaskIMClients      MaskPath = "imClients"
	MaskInterests      MaskPath = "interests"
	MaskLocales        MaskPath = "locales"
	MaskLocations      MaskPath = "locations"
	MaskMemberships    MaskPath = "memberships"
	MaskMetadata       MaskPath = "metadata"
	MaskMiscKeywords   MaskPath = "miscKeywords"
	MaskNames          MaskPath = "names"
	MaskNicknames      MaskPath = "nicknames"
	MaskOccupations    MaskPath = "occupations"
	MaskOrganizations  MaskPath = "organizations"
	MaskPhoneNumbers   MaskPath = "phoneNumbers"
	MaskPhotos         MaskPath = "photos"
	MaskRelations      MaskPath = "relations"
	MaskSIPAddresses   MaskPath = "sipAddresses"
	MaskSkills         MaskPath = "skills"
	MaskURLs           MaskPath = "urls"
	MaskUserDefined    MaskPath = "userDefined"
)

// fields lists every valid read-mask path.
var fields = []MaskPath{
	MaskAddresses, MaskAgeRanges, MaskBiographies, MaskBirthdays, MaskCalendarURLs,
	MaskClientData, MaskCoverPhotos, MaskEmailAddresses, MaskEvents, MaskExternalIDs,
	MaskGenders, MaskIMClients, MaskInterests, MaskLocales, MaskLocations,
	MaskMemberships, MaskMetadata, MaskMiscKeywords, MaskNames, MaskNicknames,
	MaskOccupations, MaskOrganizations, MaskPhoneNumbers, MaskPhotos, MaskRelations,
	MaskSIPAddresses, MaskSkills, MaskURLs, MaskUserDefined,
}

// AllMaskPaths returns every valid read-mask path, in alphabetical order.
func AllMaskPaths() []MaskPath { return append([]MaskPath(nil), fields...) }

// ReadMask joins fields into a read mask, such as "names,emailAddresses". No fields make the
// empty mask, with which the server skips its read after create and returns no person data.
func ReadMask(fs ...MaskPath) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(f))
	}
	return b.String()
}

// polishFields maps the Polish words of the translated reference page, which are not API
// values, to the paths they stand for.
var polishFields = map[string]MaskPath{
	"adresy":          MaskAddresses,
	"biografie":       MaskBiographies,
	"urodziny":        MaskBirthdays,
	"wydarzenia":      MaskEvents,
	"płeć":            MaskGenders,
	"plec":            MaskGenders,
	"zainteresowania": MaskInterests,
	"lokalizacje":     MaskLocations,
	"kanału":          MaskMemberships,
	"metadane":        MaskMetadata,
	"kanalu":          MaskMemberships,
	"pseudonimy":      MaskNicknames,
	"zawody":          MaskOccupations,
	"fotografie":      MaskPhotos,
	"relacje":         MaskRelations,
	"umiejętności":    MaskSkills,
	"umiejetnosci":    MaskSkills,
}
