// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file decodes a batchCreateContacts request strictly and checks it as a whole; the rules
// for each contact are in validate_person.go.

// maxContacts is the documented limit of contacts per batchCreateContacts request.
const maxContacts = 200

type batchCreateRequest struct {
	Contacts []contactToCreate `json:"contacts"`
	ReadMask *string           `json:"readMask"`
	Sources  []string          `json:"sources"`
}

type contactToCreate struct {
	ContactPerson *people.Person `json:"contactPerson"`
}

// personFields are the 29 paths a readMask or personFields may name.
var personFields = []string{
	"addresses", "ageRanges", "biographies", "birthdays", "calendarUrls", "clientData",
	"coverPhotos", "emailAddresses", "events", "externalIds", "genders", "imClients",
	"interests", "locales", "locations", "memberships", "metadata", "miscKeywords", "names",
	"nicknames", "occupations", "organizations", "phoneNumbers", "photos", "relations",
	"sipAddresses", "skills", "urls", "userDefined",
}

var readSourceTypes = []string{
	"READ_SOURCE_TYPE_PROFILE", "READ_SOURCE_TYPE_CONTACT",
	"READ_SOURCE_TYPE_DOMAIN_CONTACT", "READ_SOURCE_TYPE_OTHER_CONTACT",
}

// decodeStrict decodes body into v, rejecting unknown fields, wrong types and trailing data
// with the 400 INVALID_ARGUMENT a Google front end would answer.
func decodeStrict(body []byte, v any) *errorStatus {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("unexpected data after the top-level value")
		}
	}
	if err == nil {
		return nil
	}
	var field, msg string
	var generic any
	gdec := json.NewDecoder(bytes.NewReader(body))
	gdec.UseNumber()
	var syn *json.SyntaxError
	switch gerr := gdec.Decode(&generic); {
	case errors.As(gerr, &syn):
		msg = fmt.Sprintf("Invalid JSON payload received. %s at offset %d.", upperFirst(syn.Error()), syn.Offset)
	case gerr != nil:
		msg = "Invalid JSON payload received. Unexpected end of input."
	default:
		if p, ok := locate(generic, reflectTypeOf(v), ""); ok {
			field, msg = p.path, p.msg
		} else {
			msg = "Invalid JSON payload received. " + upperFirst(strings.TrimPrefix(err.Error(), "json: ")) + "."
		}
	}
	st := invalidArgument(field, msg)
	return &st
}

// checkRequest applies the request-level rules and returns the parsed read mask.
func checkRequest(req *batchCreateRequest) ([]string, *errorStatus) {
	switch n := len(req.Contacts); {
	case n == 0:
		st := invalidArgument("contacts", "Request must contain at least one contact.")
		return nil, &st
	case n > maxContacts:
		st := invalidArgument("contacts", fmt.Sprintf("Too many contacts in the request: %d (at most %d are allowed).", n, maxContacts))
		st.Details = []any{newBadRequest(fieldViolation{Field: "contacts",
			Description: fmt.Sprintf("At most %d contacts are allowed in one request.", maxContacts)})}
		return nil, &st
	}
	var mask []string
	if req.ReadMask != nil {
		var bad string
		var ok bool
		if mask, bad, ok = parseMask(*req.ReadMask); !ok {
			st := invalidArgument("read_mask", fmt.Sprintf("Invalid readMask path %q.", bad))
			return nil, &st
		}
	}
	if st := checkSources(req.Sources); st != nil {
		return nil, st
	}
	return mask, nil
}

// checkSources checks a list of ReadSourceType values.
func checkSources(sources []string) *errorStatus {
	for i, src := range sources {
		field := fmt.Sprintf("sources[%d]", i)
		switch {
		case src == "READ_SOURCE_TYPE_UNSPECIFIED":
			st := invalidArgument(field, fmt.Sprintf("Invalid %s: READ_SOURCE_TYPE_UNSPECIFIED is not a usable source.", field))
			return &st
		case !slices.Contains(readSourceTypes, src):
			st := invalidArgument(field, fmt.Sprintf("Invalid value at '%s' (type.googleapis.com/google.people.v1.ReadSourceType), %q", field, src))
			return &st
		}
	}
	return nil
}

// parseMask parses a FieldMask of person fields: comma-separated paths, spaces around them
// ignored, an optional "person." prefix. A blank mask is an empty list. It returns the first
// invalid path when ok is false.
func parseMask(mask string) (paths []string, bad string, ok bool) {
	if strings.TrimSpace(mask) == "" {
		return nil, "", true
	}
	for p := range strings.SplitSeq(mask, ",") {
		p = strings.TrimSpace(p)
		name := strings.TrimPrefix(p, "person.")
		if !slices.Contains(personFields, name) {
			return nil, p, false
		}
		paths = append(paths, name)
	}
	return paths, "", true
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
