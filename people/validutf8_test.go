// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"errors"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestValidateRefusesInvalidUTF8 checks that a string that is not UTF-8, in any field of a
// Person, is refused with the contact's index and the field's path.
func TestValidateRefusesInvalidUTF8(t *testing.T) {
	t.Parallel()
	const bad = "M\xfcller" // ISO-8859-1 ü
	tests := map[string]struct {
		person *people.Person
		field  string
	}{
		"a name": {&people.Person{Names: []*people.Name{{GivenName: "Ada", FamilyName: bad}}}, "names[0].familyName"},
		"the second email": {&people.Person{EmailAddresses: []*people.EmailAddress{{Value: "a@example.com"}, {Value: bad + "@example.com"}}},
			"emailAddresses[1].value"},
		"an address": {&people.Person{Addresses: []*people.Address{{City: bad}}}, "addresses[0].city"},
		"a user-defined key": {&people.Person{UserDefined: []*people.UserDefined{{Key: bad, Value: "v"}}},
			"userDefined[0].key"},
		"a biography": {&people.Person{Biographies: []*people.Biography{{Value: bad}}}, "biographies[0].value"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := people.Validate([]*people.Person{{Names: []*people.Name{{GivenName: "ok"}}}, tc.person})
			var ie *people.InputError
			if !errors.As(err, &ie) || len(ie.Problems) != 1 {
				t.Fatalf("Validate = %v, want one problem", err)
			}
			if p := ie.Problems[0]; p.Index != 1 || p.Field != tc.field {
				t.Errorf("problem at contact %d, field %q; want contact 1, field %q", p.Index, p.Field, tc.field)
			}
		})
	}
	if err := people.Validate([]*people.Person{{Names: []*people.Name{{GivenName: "Müller 日本"}}}}); err != nil {
		t.Errorf("valid UTF-8 refused: %v", err)
	}
}
