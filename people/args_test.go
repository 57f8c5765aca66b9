// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// wantArgProblem checks that err is an *InputError whose problem is the argument field.
func wantArgProblem(t *testing.T, what string, err error, field string) {
	t.Helper()
	var ve *people.ValidationError
	if !errors.As(err, &ve) || ve.Index != -1 || ve.Field != field {
		t.Errorf("%s: err = %v, want a *ValidationError for argument %q", what, err, field)
	}
}

// TestNilContextIsAnError checks that every exported method taking a context returns an
// error, and panics not, when it is nil.
func TestNilContextIsAnError(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	var nilCtx context.Context
	res, err := c.BatchCreateContacts(nilCtx, contacts(2), "names", nil)
	wantArgProblem(t, "BatchCreateContacts", err, "ctx")
	if got := res.Counts(); got != (people.Counts{NotSent: 2}) {
		t.Errorf("BatchCreateContacts: counts %+v, want 2 not sent", got)
	}
	n := 0
	for br, err := range c.BatchCreateContactsSeq(nilCtx, slices.Values(contacts(2)), "names", nil) {
		n++
		if br != nil {
			t.Errorf("BatchCreateContactsSeq: result %+v, want nil", br)
		}
		wantArgProblem(t, "BatchCreateContactsSeq", err, "ctx")
	}
	if n != 1 {
		t.Errorf("BatchCreateContactsSeq yielded %d pairs, want 1", n)
	}
	if _, err := c.FindMarked(nilCtx, "k", []string{"m"}); err == nil {
		t.Error("FindMarked: no error")
	}
	if _, err := people.NewClient(nilCtx); err == nil {
		t.Error("NewClient: no error")
	}
	if got := len(f.requests()); got != 0 {
		t.Errorf("%d requests sent, want 0", got)
	}
}

// TestReadMaskSentAsValidated checks that the read mask goes out trimmed, as validated.
func TestReadMaskSentAsValidated(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ mask, sent string }{
		"spaces around paths": {" names , emailAddresses ", "names,emailAddresses"},
		"tabs and prefix":     {"\tperson.names,\tphoneNumbers\n", "person.names,phoneNumbers"},
		"blank":               {"  ", ""},
		"already clean":       {"names", "names"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, f := setup(t, nil)
			if _, err := c.BatchCreateContacts(t.Context(), contacts(1), tc.mask, nil); err != nil {
				t.Fatal(err)
			}
			reqs := f.requests()
			if len(reqs) != 1 || reqs[0].ReadMask == nil {
				t.Fatalf("sent %d requests, want one with a readMask", len(reqs))
			}
			if got := *reqs[0].ReadMask; got != tc.sent {
				t.Errorf("readMask sent %q, want %q", got, tc.sent)
			}
		})
	}
}

// TestUnknownMaskPathSuggests checks that an unknown read mask path gets the nearest valid
// path and the list of valid paths, in an *UnknownPathError.
func TestUnknownMaskPathSuggests(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		mask string
		want people.MaskPath
	}{
		"emails":       {"emails", people.MaskEmailAddresses},
		"phones":       {"names,phones", people.MaskPhoneNumbers},
		"misspelt":     {"adresses", people.MaskAddresses},
		"wrong case":   {"EmailAddresses", people.MaskEmailAddresses},
		"singular":     {"birthday", people.MaskBirthdays},
		"nothing near": {"zzzzzz", ""},
	}
	c, f := setup(t, nil)
	for name, tc := range tests {
		_, err := c.BatchCreateContacts(t.Context(), contacts(1), tc.mask, nil)
		var ue *people.UnknownPathError
		if !errors.As(err, &ue) {
			t.Errorf("%s: err = %v, want an *UnknownPathError", name, err)
			continue
		}
		if ue.Suggestion != tc.want {
			t.Errorf("%s: Suggestion = %q, want %q", name, ue.Suggestion, tc.want)
		}
		if diff := cmp.Diff(people.AllMaskPaths(), ue.Valid); diff != "" {
			t.Errorf("%s: Valid (-want +got):\n%s", name, diff)
		}
	}
	if got := len(f.requests()); got != 0 {
		t.Errorf("%d requests sent, want 0", got)
	}
}
