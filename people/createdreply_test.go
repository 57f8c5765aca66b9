// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCreatedEmptyPersonAndStatus: the people of a reply are decoded into preset objects,
// and a Person or Status that decodes to its zero value ends nil, whether the reply left it
// out, sent null or sent an empty object, as PersonResponse documents.
func TestCreatedEmptyPersonAndStatus(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		entry string
		want  *PersonResponse
	}{
		"absent":            {`{"httpStatusCode":200}`, &PersonResponse{HTTPStatusCode: 200}},
		"null":              {`{"person":null,"status":null}`, &PersonResponse{}},
		"empty objects":     {`{"person":{},"status":{}}`, &PersonResponse{}},
		"zero fields":       {`{"person":{"names":null,"etag":""},"status":{"code":0,"message":""}}`, &PersonResponse{}},
		"unknown fields":    {`{"person":{"nope":1},"status":{"nope":2}}`, &PersonResponse{}},
		"set":               {`{"person":{"resourceName":"people/c1"},"status":{"code":3,"message":"bad"}}`, &PersonResponse{Person: &Person{ResourceName: "people/c1"}, Status: &Status{Code: InvalidArgument, Message: "bad"}}},
		"empty list kept":   {`{"person":{"names":[]}}`, &PersonResponse{Person: &Person{Names: []*Name{}}}},
		"null after set":    {`{"person":{"etag":"e"},"person":null}`, &PersonResponse{}},
		"set after null":    {`{"person":null,"person":{"etag":"e"},"status":null,"status":{"message":"m"}}`, &PersonResponse{Person: &Person{Etag: "e"}, Status: &Status{Message: "m"}}},
		"duplicate key":     {`{"person":{"etag":"e"},"person":{"resourceName":"r"}}`, &PersonResponse{Person: &Person{Etag: "e", ResourceName: "r"}}},
		"status code only":  {`{"status":{"code":5}}`, &PersonResponse{Status: &Status{Code: NotFound}}},
		"status OK message": {`{"status":{"code":0,"message":"fine"}}`, &PersonResponse{Status: &Status{Message: "fine"}}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := createdWith(`{"createdPeople":[`+tt.entry+`]}`, 1).Contacts[0]
			if r.Outcome != OutcomeCreated || r.Err != nil {
				t.Fatalf("Outcome %v, Err %v; want created", r.Outcome, r.Err)
			}
			if diff := cmp.Diff(tt.want, r.Response); diff != "" {
				t.Errorf("Response (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCreatedPeopleDistinct: the people decoded together are still distinct objects.
func TestCreatedPeopleDistinct(t *testing.T) {
	t.Parallel()
	br := createdWith(`{"createdPeople":[`+
		`{"person":{"resourceName":"people/c0"},"status":{"message":"0"}},`+
		`{"person":{"resourceName":"people/c1"},"status":{"message":"1"}},`+
		`{"person":{"resourceName":"people/c2"},"status":{"message":"2"}}]}`, 3)
	for i, r := range br.Contacts {
		if r.Err != nil || r.Response == nil || r.Response.Person == nil || r.Response.Status == nil {
			t.Fatalf("contact %d: %+v", i, r)
		}
	}
	br.Contacts[0].Response.Person.ResourceName = "changed"
	br.Contacts[0].Response.Status.Message = "changed"
	for i := 1; i < 3; i++ {
		r := br.Contacts[i]
		if want := "people/c" + strconv.Itoa(i); r.Response.Person.ResourceName != want || r.Response.Status.Message != strconv.Itoa(i) {
			t.Errorf("contact %d: %q, %q after changing contact 0", i, r.Response.Person.ResourceName, r.Response.Status.Message)
		}
	}
}
