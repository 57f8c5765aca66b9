// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestCheckJournalAgreesWithTheCall checks a journal written by one call against a second
// call's options and first contacts: CheckJournal refuses the journal exactly when the
// second call then does, on the same field, and writes nothing to it.
func TestCheckJournalAgreesWithTheCall(t *testing.T) {
	t.Parallel()
	withInvalid := contacts(5)
	withInvalid[1] = &people.Person{Names: []*people.Name{{GivenName: "A"}, {GivenName: "B"}}} // at most one name
	tests := map[string]struct {
		first, second []*people.Person // the inputs of the call that writes the journal, and of the other
		user          string           // the other call's user; "" for ann
		empty         bool             // the journal is empty: no first call
		opts          []people.CallOption
		field         string // what the mismatch names; "" for none
	}{
		"same input":                 {first: contacts(5), second: contacts(5)},
		"same first request":         {first: contacts(5), second: contacts(3)},
		"another input":              {first: contacts(5), second: contacts(6)[1:], field: "input"},
		"another user":               {first: contacts(5), second: contacts(5), user: "bob", field: "user"},
		"another input, adopted":     {first: contacts(5), second: contacts(6)[1:], opts: []people.CallOption{people.AdoptJournal()}},
		"an empty journal":           {empty: true, second: contacts(5)},
		"an empty input":             {first: contacts(5), second: nil}, // the call sends nothing, so refuses nothing
		"an invalid contact skipped": {first: withInvalid, second: withInvalid, opts: []people.CallOption{people.SkipInvalid()}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, ann := emulated(t, "ann", 2)
			j := &memJournal{}
			opts := append([]people.CallOption{people.WithKeys(contentOrRowKey), people.WithJournal(j)}, tt.opts...)
			if !tt.empty {
				ann.BatchCreateContacts(t.Context(), tt.first, "", nil, opts...)
			}
			c := ann
			if tt.user != "" {
				other, err := people.NewClientWithConfig(t.Context(), &people.Config{ChunkSize: 2, User: tt.user}, srv.ClientOptions(tt.user)...)
				if err != nil {
					t.Fatal(err)
				}
				defer other.Close()
				c = other
			}
			h, entries, _ := j.Load(t.Context())
			checked := c.CheckJournal(t.Context(), tt.second, opts...)
			if h2, entries2, _ := j.Load(t.Context()); !reflect.DeepEqual(h, h2) || len(entries) != len(entries2) {
				t.Errorf("CheckJournal wrote to the journal: header %+v, %d entries; was %+v, %d", h2, len(entries2), h, len(entries))
			}
			_, err := c.BatchCreateContacts(t.Context(), tt.second, "", nil, opts...)
			for what, err := range map[string]error{"CheckJournal": checked, "the call": err} {
				var me *people.JournalMismatchError
				switch {
				case errors.As(err, &me) && me.Field != tt.field:
					t.Errorf("%s: mismatch on %s, want on %q", what, me.Field, tt.field)
				case me == nil && tt.field != "":
					t.Errorf("%s: err = %v, want a *people.JournalMismatchError on %s", what, err, tt.field)
				case me == nil && err != nil && what == "CheckJournal":
					t.Errorf("%s: err = %v, want nil", what, err)
				}
			}
		})
	}
}

// contentOrRowKey keys contacts by their email, or by index for those without one.
func contentOrRowKey(i int, p *people.Person) string {
	if len(p.EmailAddresses) == 0 {
		return rowKey(i, p)
	}
	return contentKey(i, p)
}

// TestCheckJournalWithoutAJournal checks that CheckJournal accepts a call that gives no
// journal, and refuses invalid arguments as the call does.
func TestCheckJournalWithoutAJournal(t *testing.T) {
	t.Parallel()
	_, c := emulated(t, "ann", 2)
	if err := c.CheckJournal(t.Context(), contacts(3), people.WithKeys(rowKey)); err != nil {
		t.Errorf("no journal: %v", err)
	}
	var ie *people.InputError
	//lint:ignore SA1012 a nil context is the input under test
	if err := c.CheckJournal(nil, contacts(3), people.WithJournal(&memJournal{})); !errors.As(err, &ie) {
		t.Errorf("nil ctx: err = %v, want a *people.InputError", err)
	}
}
