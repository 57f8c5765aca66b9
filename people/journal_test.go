// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// memJournal is a people.Journal in memory; failAppend makes Append fail from its n-th call.
type memJournal struct {
	mu         sync.Mutex
	header     *people.JournalHeader
	entries    []people.JournalEntry
	appends    int
	failAppend int
}

func (j *memJournal) Load(context.Context) (*people.JournalHeader, []people.JournalEntry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var h *people.JournalHeader
	if j.header != nil {
		c := *j.header
		h = &c
	}
	return h, append([]people.JournalEntry(nil), j.entries...), nil
}

func (j *memJournal) Start(_ context.Context, h people.JournalHeader) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.header = &h
	return nil
}

func (j *memJournal) Append(_ context.Context, es []people.JournalEntry) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.appends++
	if j.failAppend > 0 && j.appends >= j.failAppend {
		return errors.New("disk full")
	}
	j.entries = append(j.entries, es...)
	return nil
}

func (j *memJournal) String() string { return "mem" }

// rowKey keys contacts by their input index, as an importer keys rows by number.
func rowKey(i int, _ *people.Person) string { return fmt.Sprintf("row %d", i) }

// emulated returns an emulator and a client of user with chunks of size.
func emulated(t *testing.T, user string, size int) (*peopletest.Server, *people.Client) {
	t.Helper()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{ChunkSize: size, User: user}, srv.ClientOptions(user)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return srv, c
}

func TestJournalResumesACallWithoutCreatingTwice(t *testing.T) {
	t.Parallel()
	for _, kind := range []peopletest.FaultKind{peopletest.FaultResetAfterCommit, peopletest.FaultResetBeforeCommit} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			srv, c := emulated(t, "ann", 3)
			j := &memJournal{}
			in := contacts(10)
			srv.AddFaults(peopletest.Fault{Kind: kind, Request: 2})
			res, err := c.BatchCreateContacts(t.Context(), in, "names", nil, people.WithKeys(rowKey), people.WithJournal(j))
			if got := res.Counts(); err == nil || got.Created != 3 || got.Unknown != 3 && kind.AfterCommit() {
				t.Fatalf("first run: counts %+v, err %v; want 3 created, request 2 unknown", got, err)
			}
			// Resumed by the streaming form, which shares the journal's format.
			res = &people.Result{}
			for br, err := range c.BatchCreateContactsSeq(t.Context(), slices.Values(in), "names", nil, people.WithKeys(rowKey), people.WithJournal(j)) {
				if err != nil {
					t.Fatalf("resumed run: %v", err)
				}
				res.Contacts = append(res.Contacts, br.Contacts...)
			}
			if n, d := len(srv.Contacts("ann")), srv.Duplicates("ann"); n != len(in) || d != 0 {
				t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, len(in))
			}
			existing := 3
			if kind.AfterCommit() {
				existing = 6
			}
			n := 0
			for i, r := range res.Contacts {
				if r.Outcome != people.OutcomeCreated || r.ResourceName() == "" {
					t.Errorf("contact %d: %v %q; want created with a resource name", i, r.Outcome, r.ResourceName())
				}
				if r.Existing {
					n++
				}
			}
			if n != existing {
				t.Errorf("%d contacts reported existing, want %d", n, existing)
			}
		})
	}
}

func TestJournalOfAnotherJobIsRefused(t *testing.T) {
	t.Parallel()
	in := contacts(4)
	tests := map[string]struct {
		user  string
		input []*people.Person
		field string
	}{
		"another user":  {"bob", in, "user"},
		"another input": {"ann", contacts(5)[1:], "input"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, ann := emulated(t, "ann", 2)
			j := &memJournal{}
			if _, err := ann.BatchCreateContacts(t.Context(), in, "", nil, people.WithKeys(contentKey), people.WithJournal(j)); err != nil {
				t.Fatal(err)
			}
			other, err := people.NewClientWithConfig(t.Context(), &people.Config{ChunkSize: 2, User: tt.user}, srv.ClientOptions(tt.user)...)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			before := len(srv.Requests())
			_, err = other.BatchCreateContacts(t.Context(), tt.input, "", nil, people.WithKeys(contentKey), people.WithJournal(j))
			var me *people.JournalMismatchError
			if !errors.As(err, &me) || me.Field != tt.field || me.Journal != "mem" {
				t.Fatalf("err = %v; want a *JournalMismatchError on %s", err, tt.field)
			}
			if n := len(srv.Requests()) - before; n != 0 {
				t.Errorf("%d requests sent after the refusal", n)
			}
			if _, err := other.BatchCreateContacts(t.Context(), tt.input, "", nil, people.WithKeys(contentKey), people.WithJournal(j), people.AdoptJournal()); err != nil {
				t.Errorf("with AdoptJournal: %v", err)
			}
		})
	}
}

// contentKey keys contacts by their content, as an importer that recognises moved rows does.
func contentKey(_ int, p *people.Person) string { return p.EmailAddresses[0].Value }

func TestSkipExistingCreatesNothingTwice(t *testing.T) {
	t.Parallel()
	srv, c := emulated(t, "ann", 3)
	in := contacts(7)
	if _, err := c.BatchCreateContacts(t.Context(), in[:5], "", nil, people.WithKeys(contentKey)); err != nil {
		t.Fatal(err)
	}
	// The same data again, reordered as a copy of the file might be, through both forms.
	again := append([]*people.Person{in[6], in[5]}, in[:5]...)
	res, err := c.BatchCreateContacts(t.Context(), again, "", nil, people.WithKeys(contentKey), people.SkipExisting())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res.Contacts {
		// The empty read mask returns no names; the lookup found those of existing contacts.
		if wantExisting := i >= 2; r.Outcome != people.OutcomeCreated || r.Existing != wantExisting || (r.ResourceName() != "") != wantExisting {
			t.Errorf("contact %d: %v existing=%v name=%q; want created, existing=%v", i, r.Outcome, r.Existing, r.ResourceName(), wantExisting)
		}
	}
	created := 0
	for br, err := range c.BatchCreateContactsSeq(t.Context(), func(yield func(*people.Person) bool) {
		for _, p := range again {
			if !yield(p) {
				return
			}
		}
	}, "", nil, people.WithKeys(contentKey), people.SkipExisting()) {
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range br.Contacts {
			if !r.Existing {
				created++
			}
		}
	}
	if created != 0 {
		t.Errorf("the streaming re-run sent %d contacts", created)
	}
	if n, d := len(srv.Contacts("ann")), srv.Duplicates("ann"); n != len(in) || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, len(in))
	}
}

func TestKeysThatCannotMarkAContactNameIt(t *testing.T) {
	t.Parallel()
	_, c := emulated(t, "ann", 10)
	in := contacts(4)
	keys := []string{"a", "", "b", "a"}
	res, err := c.BatchCreateContacts(t.Context(), in, "", nil, people.SkipInvalid(),
		people.WithKeys(func(i int, _ *people.Person) string { return keys[i] }))
	var ve *people.ValidationError
	if !errors.As(err, &ve) || ve.Field != "key" {
		t.Fatalf("err = %v; want a *ValidationError on the key", err)
	}
	for i, want := range []people.Outcome{people.OutcomeCreated, people.OutcomeFailed, people.OutcomeCreated, people.OutcomeFailed} {
		if res.Contacts[i].Outcome != want {
			t.Errorf("contact %d: %v, want %v (%v)", i, res.Contacts[i].Outcome, want, res.Contacts[i].Err)
		}
	}
	if err := res.Contacts[3].Err; !errors.As(err, &ve) || ve.Index != 3 {
		t.Errorf("contact 3: %v; want a problem with contact 3's key", err)
	}
}

func TestAJournalThatCannotRecordStopsTheCall(t *testing.T) {
	t.Parallel()
	tests := map[string]int{ // the Append that fails
		"before the second request": 3, // the first request's two records pass
		"after the first request":   2, // its outcomes cannot be recorded
	}
	for name, failAppend := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, c := emulated(t, "ann", 2)
			j := &memJournal{failAppend: failAppend}
			res, err := c.BatchCreateContacts(t.Context(), contacts(6), "", nil, people.WithKeys(rowKey), people.WithJournal(j))
			var je *people.JournalError
			if !errors.As(err, &je) || je.Op != "appending" {
				t.Fatalf("err = %v; want a *JournalError", err)
			}
			if got := res.Counts(); got.Created != 2 || got.NotSent != 4 {
				t.Errorf("counts %+v; want 2 created, 4 not sent", got)
			}
			if n := len(srv.Contacts("ann")); n != 2 {
				t.Errorf("emulator holds %d contacts, want 2", n)
			}
		})
	}
}

func TestJournalRecordsWhatReconciliationFound(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	cfg := &people.Config{ChunkSize: 3, User: "ann", Reconcile: &people.ReconcileConfig{Delay: time.Microsecond}}
	c, err := people.NewClientWithConfig(t.Context(), cfg, srv.ClientOptions("ann")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Request: 2})
	j := &memJournal{}
	in := contacts(7)
	if _, err := c.BatchCreateContacts(t.Context(), in, "", nil, people.WithKeys(rowKey), people.WithJournal(j)); err != nil {
		t.Fatal(err)
	}
	_, entries, _ := j.Load(t.Context())
	last := map[string]people.JournalEntry{}
	for _, e := range entries {
		last[e.Marker] = e
	}
	for i := range in {
		e := last[people.KeyMarker(rowKey(i, nil))]
		if e.State != people.JournalCreated || e.ResourceName == "" {
			t.Errorf("contact %d: journal holds %+v; want created with a resource name", i, e)
		}
	}
	if n, d := len(srv.Contacts("ann")), srv.Duplicates("ann"); n != len(in) || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, len(in))
	}
}

func TestResumeLooksAgainForWhatWasInFlightWithReconcile(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	j := &memJournal{}
	in := contacts(4)
	// A run that sent the first request, which created nothing, and died.
	for _, checks := range []int{0, 3} {
		cfg := &people.Config{ChunkSize: 2, User: "ann"}
		if checks > 0 {
			cfg.Reconcile = &people.ReconcileConfig{Delay: time.Microsecond, Checks: checks}
		}
		c, err := people.NewClientWithConfig(t.Context(), cfg, srv.ClientOptions("ann")...)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if checks == 0 {
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetBeforeCommit})
			c.BatchCreateContacts(t.Context(), in, "", nil, people.WithKeys(rowKey), people.WithJournal(j))
			continue
		}
		before := listPages(srv)
		if _, err := c.BatchCreateContacts(t.Context(), in, "", nil, people.WithKeys(rowKey), people.WithJournal(j)); err != nil {
			t.Fatal(err)
		}
		if got := listPages(srv) - before; got != checks {
			t.Errorf("resume listed %d times, want %d (ReconcileConfig.Checks)", got, checks)
		}
	}
	if n, d := len(srv.Contacts("ann")), srv.Duplicates("ann"); n != len(in) || d != 0 {
		t.Errorf("emulator holds %d contacts, %d duplicates; want %d, 0", n, d, len(in))
	}
}
