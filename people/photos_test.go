// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

const photoUser = "photos@example.com"

// The smallest images that pass the signature checks of the SDK and the emulator.
var (
	testJPEG = []byte("\xff\xd8\xff\xe0 a jpeg")
	testPNG  = []byte("\x89PNG\r\n\x1a\n a png")
)

// createContacts creates n contacts of user through c and returns their resource names.
func createContacts(t *testing.T, c *people.Client, n int) []string {
	t.Helper()
	var contacts []*people.Person
	for i := range n {
		contacts = append(contacts, &people.Person{Names: []*people.Name{{GivenName: fmt.Sprint("P", i)}}})
	}
	res, err := c.BatchCreateContacts(t.Context(), contacts, people.ReadMask(people.MaskNames), nil)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, n)
	for i := range res.Contacts {
		names[i] = res.Contacts[i].ResourceName()
	}
	return names
}

// photosOf returns how many photos user's contact rn lists on srv.
func photosOf(srv *peopletest.Server, user, rn string) int {
	for _, p := range srv.Contacts(user) {
		if p.ResourceName == rn {
			return len(p.Photos)
		}
	}
	return -1
}

func TestSetContactPhotos(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c := fastClient(t, srv, photoUser, nil)
	rn := createContacts(t, c, 3)
	updates := []people.PhotoUpdate{
		{ResourceName: rn[0], Photo: testJPEG},
		{ResourceName: rn[1], Photo: testPNG},
		{ResourceName: rn[2], Photo: []byte("GIF89a")},
		{ResourceName: "c123", Photo: testJPEG},
		{ResourceName: rn[2], Photo: nil},
		{ResourceName: rn[2], Photo: append(bytes.Clone(testJPEG), make([]byte, people.MaxPhotoBytes)...)},
		{ResourceName: "people/c404", Photo: testJPEG},
		{ResourceName: rn[2], Photo: testPNG},
	}
	res, err := c.SetContactPhotos(t.Context(), updates)
	want := []struct {
		outcome people.Outcome
		field   string // of the validation error, when there is one
	}{
		{people.OutcomeCreated, ""}, {people.OutcomeCreated, ""},
		{people.OutcomeFailed, "photo"}, {people.OutcomeFailed, "resourceName"}, {people.OutcomeFailed, "photo"},
		{people.OutcomeFailed, "photo"}, {people.OutcomeFailed, ""}, {people.OutcomeCreated, ""},
	}
	for i, w := range want {
		got := res.Photos[i]
		if got.Index != i || got.Outcome != w.outcome {
			t.Errorf("update %d: index %d, outcome %v; want %v", i, got.Index, got.Outcome, w.outcome)
		}
		var ve *people.ValidationError
		if w.field != "" && (!errors.As(got.Err, &ve) || ve.Field != w.field || ve.Index != i) {
			t.Errorf("update %d: %v, want a validation error of field %s", i, got.Err, w.field)
		}
	}
	var e *people.Error
	if !errors.As(res.Photos[6].Err, &e) || e.HTTPStatus != http.StatusNotFound {
		t.Errorf("unknown contact: %v, want a 404 *Error", res.Photos[6].Err)
	}
	var pe *people.PhotosError
	if !errors.As(err, &pe) || pe.Counts != (people.Counts{Created: 3, Failed: 5}) {
		t.Errorf("error %v, want a *PhotosError counting 3 set and 5 failed", err)
	}
	for i, p := range [][]byte{testJPEG, testPNG, testPNG} {
		if got, _ := srv.Photo(photoUser, rn[i]); !bytes.Equal(got, p) {
			t.Errorf("contact %d: photo %q, want %q", i, got, p)
		}
	}
}

// A reset after the server stored a photo leaves its outcome unknown; the SDK sends the photo
// again, which is safe: the contact ends with one photo, the one sent. With no retries left,
// the outcome is reported unknown.
func TestUpdateContactPhotoResetAfterCommit(t *testing.T) {
	t.Parallel()
	for _, kind := range []peopletest.FaultKind{peopletest.FaultResetAfterCommit, peopletest.FaultInternalAfterCommit, peopletest.FaultWrongContentType} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			for _, attempts := range []int{0, 1} {
				srv := peopletest.NewServer()
				t.Cleanup(srv.Close)
				c := fastClient(t, srv, photoUser, &people.Config{Retry: people.RetryPolicy{MaxAttempts: attempts}})
				rn := createContacts(t, c, 1)[0]
				if err := c.UpdateContactPhoto(t.Context(), rn, testJPEG); err != nil {
					t.Fatal(err)
				}
				srv.AddFaults(peopletest.Fault{Kind: kind, Mutation: peopletest.MutationUpdateContactPhoto})
				res, err := c.SetContactPhotos(t.Context(), []people.PhotoUpdate{{ResourceName: rn, Photo: testPNG}})
				got := res.Photos[0]
				switch attempts {
				case 1:
					var me *people.MutationError
					if got.Outcome != people.OutcomeUnknown || !errors.As(err, &me) || me.Outcome != people.OutcomeUnknown || got.Attempts != 1 {
						t.Errorf("one attempt: outcome %v, %d attempts, %v; want unknown", got.Outcome, got.Attempts, err)
					}
				default:
					if got.Outcome != people.OutcomeCreated || got.Attempts != 2 || err != nil {
						t.Errorf("outcome %v, %d attempts, %v; want set in 2", got.Outcome, got.Attempts, err)
					}
				}
				if p, _ := srv.Photo(photoUser, rn); !bytes.Equal(p, testPNG) || photosOf(srv, photoUser, rn) != 1 {
					t.Errorf("stored photo %q among %d, want the PNG alone", p, photosOf(srv, photoUser, rn))
				}
				if srv.PendingFaults() != 0 {
					t.Error("the fault did not fire")
				}
			}
		})
	}
}

// Photo updates count against the user's write quota, with the contacts created: their
// 429s are waited out and retried, and pacing learns the quota from them. Time is fake.
func TestUpdateContactPhotoThrottled(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv, hc := pipeEmulator(t, photoUser, peopletest.WithWriteQuota(peopletest.Quota{Requests: 4, Per: time.Minute}))
		pacer := people.NewPacer(0)
		c := pipeClient(t, srv, hc, &people.Config{User: photoUser, Pacer: pacer})
		rn := createContacts(t, c, 12)
		var updates []people.PhotoUpdate
		for _, r := range rn {
			updates = append(updates, people.PhotoUpdate{ResourceName: r, Photo: testJPEG})
		}
		res, err := c.SetContactPhotos(t.Context(), updates)
		if err != nil {
			t.Fatal(err)
		}
		if n := res.Counts().Created; n != len(rn) {
			t.Errorf("%d photos set, want %d", n, len(rn))
		}
		rejected := 0
		for _, r := range srv.Requests() {
			if r.Mutation == peopletest.MutationUpdateContactPhoto && r.Status == http.StatusTooManyRequests {
				rejected++
			}
		}
		if rejected == 0 || pacer.Rate(photoUser) == 0 {
			t.Errorf("%d photo updates throttled, paced at %v a minute; want some, and paced", rejected, pacer.Rate(photoUser))
		}
		// Pacing keeps the 429s below one per update: without it, every retry in a full
		// window would be refused.
		if rejected >= len(rn) {
			t.Errorf("%d photo updates throttled, want fewer than %d", rejected, len(rn))
		}
	})
}

// Every mutation of a user takes the user's turn: contacts, groups and photos sent from
// several goroutines never overlap on the server.
func TestMutationsTakeTheUsersTurn(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer(peopletest.WithLatency(2*time.Millisecond, 0))
	t.Cleanup(srv.Close)
	c := fastClient(t, srv, photoUser, nil)
	rn := createContacts(t, c, 4)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if _, err := c.ResolveContactGroups(t.Context(), []string{fmt.Sprint("G", i)}); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			if err := c.UpdateContactPhoto(t.Context(), rn[i], testJPEG); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() { createContacts(t, c, 2) })
	}
	wg.Wait()
	if n := srv.Overlaps(photoUser); n != 0 {
		t.Errorf("%d mutations overlapped, want none", n)
	}
}
