// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "testing"

// BenchmarkValidateContact measures validation of a typical contact, whole and the UTF-8
// walk alone, so that the walk's share is a ratio within one run.
func BenchmarkValidateContact(b *testing.B) {
	c := &Person{
		Names:          []*Name{{GivenName: "Ada", FamilyName: "Lovelace"}},
		EmailAddresses: []*EmailAddress{{Value: "ada@example.com", Type: "work"}, {Value: "ada@home.example.org", Type: "home"}},
		PhoneNumbers:   []*PhoneNumber{{Value: "+44 20 7946 0000", Type: "mobile"}},
		Organizations:  []*Organization{{Name: "Analytical Engines", Title: "Programmer"}},
		Addresses:      []*Address{{StreetAddress: "12 St James's Square", City: "London", PostalCode: "SW1Y 4JH", Country: "UK"}},
		Birthdays:      []*Birthday{{Date: &Date{Year: 1815, Month: 12, Day: 10}}},
		UserDefined:    []*UserDefined{{Key: "customer-id", Value: "C-0001"}},
	}
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			if validateContact(0, c) != nil {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("utf8", func(b *testing.B) {
		for b.Loop() {
			var p fieldPath
			checkUTF8(c, &p)
		}
	})
}
