// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestContactRules holds each per-contact rule: a contact breaking it is rejected with the
// field violations listed, as contacts[0] of a batch.
func TestContactRules(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		person string
		want   []string // field violations, without the "contacts[0].contact_person." prefix; nil: valid
	}{
		// Valid contacts.
		"empty person":         {person: `{}`},
		"full valid person":    {person: fullValidPerson},
		"date without year":    {person: `{"birthdays":[{"date":{"month":2,"day":29}}]}`},
		"Feb 29 in leap year":  {person: `{"birthdays":[{"date":{"year":2024,"month":2,"day":29}}]}`},
		"Feb 29 in 2000":       {person: `{"events":[{"date":{"year":2000,"month":2,"day":29}}]}`},
		"year alone":           {person: `{"birthdays":[{"date":{"year":1815}}]}`},
		"year and month":       {person: `{"birthdays":[{"date":{"year":1815,"month":12}}]}`},
		"year 9999, Dec 31":    {person: `{"birthdays":[{"date":{"year":9999,"month":12,"day":31}}]}`},
		"input field metadata": {person: `{"names":[{"givenName":"A","metadata":{"sourcePrimary":true,"source":{"type":"CONTACT","id":"1"}}}]}`},
		"one of each":          {person: `{"names":[{"givenName":"A"}],"biographies":[{"value":"b"}],"birthdays":[{"text":"x"}],"genders":[{"value":"female"}]}`},
		"many of lists":        {person: `{"emailAddresses":[{"value":"a@x"},{"value":"b@x"}],"phoneNumbers":[{"value":"1"},{"value":"2"}],"urls":[{"value":"u"},{"value":"v"}]}`},
		"null lists":           {person: `{"names":null,"emailAddresses":null}`},

		// The contact itself.
		"missing contactPerson": {person: ``, want: []string{""}},
		"null contactPerson":    {person: `null`, want: []string{""}},
		"resourceName set":      {person: `{"resourceName":"people/c1"}`, want: []string{"resource_name"}},
		"etag set":              {person: `{"etag":"%abc"}`, want: []string{"etag"}},

		// Output-only fields of Person.
		"metadata":              {person: `{"metadata":{"sources":[{"type":"CONTACT"}]}}`, want: []string{"metadata"}},
		"photos":                {person: `{"photos":[{"url":"https://x"}]}`, want: []string{"photos"}},
		"coverPhotos":           {person: `{"coverPhotos":[{"url":"https://x"}]}`, want: []string{"cover_photos"}},
		"ageRanges":             {person: `{"ageRanges":[{"ageRange":"TWENTY_ONE_OR_OLDER"}]}`, want: []string{"age_ranges"}},
		"ageRange":              {person: `{"ageRange":"TWENTY_ONE_OR_OLDER"}`, want: []string{"age_range"}},
		"taglines":              {person: `{"taglines":[{"value":"t"}]}`, want: []string{"taglines"}},
		"relationshipInterests": {person: `{"relationshipInterests":[{"value":"friend"}]}`, want: []string{"relationship_interests"}},
		"relationshipStatuses":  {person: `{"relationshipStatuses":[{"value":"single"}]}`, want: []string{"relationship_statuses"}},
		"empty photos list":     {person: `{"photos":[]}`, want: []string{"photos"}},

		// Output-only sub-fields.
		"name displayName":          {person: `{"names":[{"givenName":"A","displayName":"A"}]}`, want: []string{"names[0].display_name"}},
		"name displayNameLastFirst": {person: `{"names":[{"displayNameLastFirst":"A"}]}`, want: []string{"names[0].display_name_last_first"}},
		"email formattedType":       {person: `{"emailAddresses":[{"value":"a@x","formattedType":"Work"}]}`, want: []string{"email_addresses[0].formatted_type"}},
		"phone canonicalForm":       {person: `{"phoneNumbers":[{"value":"1","canonicalForm":"+1"}]}`, want: []string{"phone_numbers[0].canonical_form"}},
		"phone formattedType":       {person: `{"phoneNumbers":[{"value":"1","formattedType":"Mobile"}]}`, want: []string{"phone_numbers[0].formatted_type"}},
		"address formattedType":     {person: `{"addresses":[{"city":"c","formattedType":"Home"}]}`, want: []string{"addresses[0].formatted_type"}},
		"address formattedValue ok": {person: `{"addresses":[{"formattedValue":"1 Main St"}]}`},
		"gender formattedValue":     {person: `{"genders":[{"value":"male","formattedValue":"Male"}]}`, want: []string{"genders[0].formatted_value"}},
		"im formattedProtocol":      {person: `{"imClients":[{"username":"u","formattedProtocol":"Jabber"}]}`, want: []string{"im_clients[0].formatted_protocol"}},
		"im formattedType":          {person: `{"imClients":[{"username":"u","formattedType":"Work"}]}`, want: []string{"im_clients[0].formatted_type"}},
		"event formattedType":       {person: `{"events":[{"formattedType":"Anniversary"}]}`, want: []string{"events[0].formatted_type"}},
		"externalId formattedType":  {person: `{"externalIds":[{"value":"1","formattedType":"Account"}]}`, want: []string{"external_ids[0].formatted_type"}},
		"calendarUrl formattedType": {person: `{"calendarUrls":[{"url":"u","formattedType":"Home"}]}`, want: []string{"calendar_urls[0].formatted_type"}},
		"misc formattedType":        {person: `{"miscKeywords":[{"value":"v","formattedType":"Home"}]}`, want: []string{"misc_keywords[0].formatted_type"}},
		"org formattedType":         {person: `{"organizations":[{"name":"n","formattedType":"Work"}]}`, want: []string{"organizations[0].formatted_type"}},
		"relation formattedType":    {person: `{"relations":[{"person":"p","formattedType":"Spouse"}]}`, want: []string{"relations[0].formatted_type"}},
		"sip formattedType":         {person: `{"sipAddresses":[{"value":"sip:a","formattedType":"Work"}]}`, want: []string{"sip_addresses[0].formatted_type"}},
		"url formattedType":         {person: `{"urls":[{"value":"u","formattedType":"Blog"}]}`, want: []string{"urls[0].formatted_type"}},
		"field metadata primary":    {person: `{"urls":[{"value":"u","metadata":{"primary":true}}]}`, want: []string{"urls[0].metadata.primary"}},
		"field metadata verified":   {person: `{"emailAddresses":[{"value":"a@x","metadata":{"verified":true}}]}`, want: []string{"email_addresses[0].metadata.verified"}},
		"source updateTime":         {person: `{"names":[{"metadata":{"source":{"updateTime":"2020-01-01T00:00:00Z"}}}]}`, want: []string{"names[0].metadata.source.update_time"}},
		"source profileMetadata":    {person: `{"names":[{"metadata":{"source":{"profileMetadata":{"objectType":"PERSON"}}}}]}`, want: []string{"names[0].metadata.source.profile_metadata"}},
		"domainMembership":          {person: `{"memberships":[{"domainMembership":{"inViewerDomain":true}}]}`, want: []string{"memberships[0].domain_membership"}},
		"contactGroupId": {person: `{"memberships":[{"contactGroupMembership":{"contactGroupId":"friends"}}]}`,
			want: []string{"memberships[0].contact_group_membership.contact_group_id",
				"memberships[0].contact_group_membership.contact_group_resource_name"}},
		"contactGroupResourceName ok": {person: `{"memberships":[{"contactGroupMembership":{"contactGroupResourceName":"contactGroups/starred"}}]}`},

		// Singletons.
		"two names":       {person: `{"names":[{"givenName":"A"},{"givenName":"B"}]}`, want: []string{"names"}},
		"two biographies": {person: `{"biographies":[{"value":"a"},{"value":"b"}]}`, want: []string{"biographies"}},
		"two birthdays":   {person: `{"birthdays":[{"text":"a"},{"text":"b"}]}`, want: []string{"birthdays"}},
		"two genders":     {person: `{"genders":[{"value":"a"},{"value":"b"}]}`, want: []string{"genders"}},

		// Dates.
		"month 13":          {person: `{"birthdays":[{"date":{"year":1815,"month":13,"day":10}}]}`, want: []string{"birthdays[0].date.month"}},
		"month -1":          {person: `{"birthdays":[{"date":{"month":-1}}]}`, want: []string{"birthdays[0].date.month"}},
		"day 32":            {person: `{"birthdays":[{"date":{"month":1,"day":32}}]}`, want: []string{"birthdays[0].date.day"}},
		"day -1":            {person: `{"birthdays":[{"date":{"month":1,"day":-1}}]}`, want: []string{"birthdays[0].date.day"}},
		"day without month": {person: `{"birthdays":[{"date":{"year":1990,"day":5}}]}`, want: []string{"birthdays[0].date.month"}},
		"April 31":          {person: `{"birthdays":[{"date":{"month":4,"day":31}}]}`, want: []string{"birthdays[0].date.day"}},
		"Feb 30 no year":    {person: `{"birthdays":[{"date":{"month":2,"day":30}}]}`, want: []string{"birthdays[0].date.day"}},
		"Feb 29 in 2023":    {person: `{"birthdays":[{"date":{"year":2023,"month":2,"day":29}}]}`, want: []string{"birthdays[0].date.day"}},
		"Feb 29 in 1900":    {person: `{"birthdays":[{"date":{"year":1900,"month":2,"day":29}}]}`, want: []string{"birthdays[0].date.day"}},
		"year 10000":        {person: `{"birthdays":[{"date":{"year":10000}}]}`, want: []string{"birthdays[0].date.year"}},
		"year -1":           {person: `{"birthdays":[{"date":{"year":-1}}]}`, want: []string{"birthdays[0].date.year"}},
		"event date":        {person: `{"events":[{"type":"x"},{"date":{"month":6,"day":31}}]}`, want: []string{"events[1].date.day"}},
		"org startDate":     {person: `{"organizations":[{"startDate":{"month":0,"day":3}}]}`, want: []string{"organizations[0].start_date.month"}},
		"org endDate":       {person: `{"organizations":[{"endDate":{"month":14}}]}`, want: []string{"organizations[0].end_date.month"}},

		// Required values and keys.
		"empty email value":    {person: `{"emailAddresses":[{"value":"a@x"},{"type":"work"}]}`, want: []string{"email_addresses[1].value"}},
		"empty phone value":    {person: `{"phoneNumbers":[{"value":""}]}`, want: []string{"phone_numbers[0].value"}},
		"empty userDefined":    {person: `{"userDefined":[{"value":"v"}]}`, want: []string{"user_defined[0].key"}},
		"empty clientData key": {person: `{"clientData":[{"key":"","value":"v"}]}`, want: []string{"client_data[0].key"}},
		"userDefined no value": {person: `{"userDefined":[{"key":"k"}]}`},

		// Nulls and several violations at once.
		"null element": {person: `{"names":[null]}`, want: []string{"names[0]"}},
		"several": {person: `{"names":[{"displayName":"x"},{}],"phoneNumbers":[{}],"metadata":{}}`,
			want: []string{"metadata", "names", "names[0].display_name", "phone_numbers[0].value"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			body := `{"contacts":[{}],"readMask":"names"}`
			if tc.person != "" {
				body = batch("names", tc.person)
			}
			res := create(t, srv, "u", body)
			if tc.want == nil {
				if res.status != http.StatusOK {
					t.Fatalf("valid contact rejected: %d %s", res.status, res.body)
				}
				return
			}
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", res.status, res.body)
			}
			errs := contactErrors(t, res)
			st, ok := errs["0"]
			if !ok || len(errs) != 1 {
				t.Fatalf("contactErrors = %v, want key 0 only", errs)
			}
			var got []string
			for _, f := range st.fields {
				got = append(got, strings.TrimPrefix(strings.TrimPrefix(f, "contacts[0].contact_person"), "."))
			}
			if diff := cmp.Diff(tc.want, got, sortStrings); diff != "" {
				t.Errorf("field violations (-want +got):\n%s", diff)
			}
			if st.code != 3 || !strings.HasPrefix(st.message, "Invalid ") {
				t.Errorf("status %d %q", st.code, st.message)
			}
			if n := len(srv.Contacts("u")); n != 0 {
				t.Errorf("%d contacts created", n)
			}
		})
	}
}

const fullValidPerson = `{
  "addresses": [{"streetAddress": "1 Main St", "city": "Springfield", "region": "IL", "postalCode": "62701", "country": "USA", "countryCode": "US", "type": "home"}],
  "biographies": [{"value": "bio", "contentType": "TEXT_PLAIN"}],
  "birthdays": [{"date": {"year": 1990, "month": 2, "day": 28}}],
  "braggingRights": [{"value": "b"}],
  "calendarUrls": [{"url": "https://cal", "type": "work"}],
  "clientData": [{"key": "k", "value": "v"}],
  "emailAddresses": [{"value": "a@example.com", "type": "home", "displayName": "A"}],
  "events": [{"date": {"month": 6, "day": 1}, "type": "anniversary"}],
  "externalIds": [{"value": "42", "type": "account"}],
  "fileAses": [{"value": "A"}],
  "genders": [{"value": "female", "addressMeAs": "she"}],
  "imClients": [{"username": "a", "protocol": "jabber", "type": "work"}],
  "interests": [{"value": "chess"}],
  "locales": [{"value": "pl-PL"}],
  "locations": [{"value": "HQ", "type": "desk", "current": true, "buildingId": "B1"}],
  "memberships": [{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/starred"}}],
  "miscKeywords": [{"value": "v", "type": "OUTLOOK_KEYWORD"}],
  "names": [{"givenName": "Ada", "middleName": "King", "familyName": "Lovelace", "honorificPrefix": "Lady"}],
  "nicknames": [{"value": "A", "type": "DEFAULT"}],
  "occupations": [{"value": "mathematician"}],
  "organizations": [{"name": "AE", "title": "Programmer", "startDate": {"year": 1842}, "current": true, "fullTimeEquivalentMillipercent": 100000}],
  "phoneNumbers": [{"value": "+1 (555) 010-0000", "type": "mobile"}],
  "relations": [{"person": "Byron", "type": "father"}],
  "residences": [{"value": "London", "current": true}],
  "sipAddresses": [{"value": "sip:a@example.com", "type": "work"}],
  "skills": [{"value": "analysis"}],
  "urls": [{"value": "https://example.com", "type": "blog"}],
  "userDefined": [{"key": "crm-id", "value": "A-1"}]
}`

type contactError struct {
	code    int
	message string
	fields  []string
}

// contactErrors decodes the BatchCreateContactsErrorDetails of an error answer.
func contactErrors(t *testing.T, res result) map[string]contactError {
	t.Helper()
	e := decodeError(t, res)
	if e.Error.Code != 400 || e.Error.Status != "INVALID_ARGUMENT" {
		t.Fatalf("error %d %s", e.Error.Code, e.Error.Status)
	}
	out := map[string]contactError{}
	for _, d := range e.Error.Details {
		if d["@type"] != "type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails" {
			continue
		}
		b, _ := json.Marshal(d["contactErrors"])
		var raw map[string]struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Details []struct {
				Type            string `json:"@type"`
				FieldViolations []struct {
					Field string `json:"field"`
				} `json:"fieldViolations"`
			} `json:"details"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		for k, v := range raw {
			ce := contactError{code: v.Code, message: v.Message}
			for _, dd := range v.Details {
				for _, fv := range dd.FieldViolations {
					ce.fields = append(ce.fields, fv.Field)
				}
			}
			out[k] = ce
		}
		return out
	}
	t.Fatalf("no BatchCreateContactsErrorDetails in %s", res.body)
	return nil
}

func TestBatchIsAllOrNothing(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	create(t, srv, "u", batch("", person("Before")))
	res := create(t, srv, "u", batch("names",
		person("A"),
		`{"names":[{"givenName":"B"},{"givenName":"B2"}]}`,
		person("C"),
		person("D"),
		`{"birthdays":[{"date":{"year":1815,"month":13,"day":10}}]}`))
	errs := contactErrors(t, res)
	want := map[string]contactError{
		"1": {3, "Invalid person.names: only one name is allowed for a contact.", []string{"contacts[1].contact_person.names"}},
		"4": {3, "Invalid person.birthdays[0].date: month must be between 1 and 12.", []string{"contacts[4].contact_person.birthdays[0].date.month"}},
	}
	if diff := cmp.Diff(want, errs, cmp.AllowUnexported(contactError{})); diff != "" {
		t.Errorf("contactErrors (-want +got):\n%s", diff)
	}
	e := decodeError(t, res)
	if len(e.Error.Details) != 2 || e.Error.Details[1]["@type"] != "type.googleapis.com/google.rpc.RequestInfo" || e.Error.Details[1]["requestId"] == "" {
		t.Errorf("details = %v, want BatchCreateContactsErrorDetails then RequestInfo", e.Error.Details)
	}
	if n := len(srv.Contacts("u")); n != 1 {
		t.Errorf("%d contacts stored, want only the 1 from before", n)
	}
	if r := srv.Requests(); r[1].Created != 0 || r[1].Contacts != 5 || r[1].Status != 400 {
		t.Errorf("record = %+v", r[1])
	}
}
