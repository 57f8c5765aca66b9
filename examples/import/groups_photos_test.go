// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// csvLabelled is how many rows of the sample CSV carry a label of the user's own: Family
// (87 rows) or Friends (84).
const csvLabelled = 171

// labelledValid counts the records of path with a label of the user's own, and those of them
// that are valid, whose contacts are created with memberships.
func labelledValid(t *testing.T, path string, invalid map[int]string) (labelled, valid int) {
	t.Helper()
	in, err := readInput(path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recordsOf(in) {
		if len(r.labels) > 0 {
			labelled++
			if _, bad := invalid[r.Num]; !bad {
				valid++
			}
		}
	}
	return labelled, valid
}

// groupsOf returns the names of the groups testUser has on srv and their members in all.
func groupsOf(srv *peopletest.Server) (names []string, members int) {
	for _, g := range srv.Groups(testUser) {
		names = append(names, g.Name)
		members += len(g.Members)
	}
	slices.Sort(names)
	return names, members
}

// The sample CSV's labels become the groups Family and Friends, once: a second import of the
// file, with -fresh, finds them. A create whose reply is lost makes no second group either.
func TestImportCSVGroups(t *testing.T) {
	t.Parallel()
	for _, fault := range []bool{false, true} {
		t.Run(fmt.Sprint("lost reply ", fault), func(t *testing.T) {
			t.Parallel()
			srv, tgt := emulator(t)
			if fault {
				srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Mutation: peopletest.MutationCreateContactGroup})
			}
			path := sample(t, "contacts.csv")
			labelled, valid := labelledValid(t, path, csvInvalid)
			if labelled != csvLabelled {
				t.Errorf("%d labelled rows, want %d", labelled, csvLabelled)
			}
			r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			names, members := groupsOf(srv)
			if srv.PendingFaults() != 0 {
				t.Error("the fault did not fire")
			}
			if diff := cmp.Diff([]string{"Family", "Friends"}, names); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
			if members != valid || r.sum.GroupsCreated != 2 {
				t.Errorf("%d members, %d groups created; want %d (the valid labelled rows), 2", members, r.sum.GroupsCreated, valid)
			}
			again := runImport(t, t.Context(), tgt, options{In: path, Fresh: true}, nil, nil)
			names, members = groupsOf(srv)
			if len(names) != 2 || again.sum.GroupsCreated != 0 || again.sum.Groups != 2 || members != 2*valid {
				t.Errorf("after -fresh: groups %v with %d members, %d created; want 2 groups, %d members, none created:\n%s",
					names, members, again.sum.GroupsCreated, 2*valid, again.out)
			}
			if !strings.Contains(again.out, "groups             0  created, of 2 labels (2 found from before") {
				t.Errorf("the second run's summary:\n%s", again.out)
			}
		})
	}
}

func TestImportNoLabelsNoPhotos(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		file  string
		opts  options
		notes []string
	}{
		"csv, -no-labels": {"contacts.csv", options{NoLabels: true},
			[]string{"Labels (171 rows): labels are not made contact groups (-no-labels); myContacts and starred are imported [Family, Friends]"}},
		"vcard, -no-labels -no-photos": {"contacts.vcf", options{NoLabels: true, NoPhotos: true},
			[]string{"CATEGORIES (2 cards): labels are not made contact groups", "PHOTO (4 cards): photos are not set (-no-photos)"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, tgt := emulator(t)
			tc.opts.In = sample(t, tc.file)
			r := runImport(t, t.Context(), tgt, tc.opts, nil, nil)
			for _, n := range tc.notes {
				if !strings.Contains(r.out, n) {
					t.Errorf("output lacks %q:\n%s", n, r.out)
				}
			}
			if g := srv.Groups(testUser); len(g) != 0 {
				t.Errorf("%d groups created", len(g))
			}
			for _, p := range srv.Contacts(testUser) {
				if tc.opts.NoPhotos && len(p.Photos) > 0 {
					t.Errorf("a photo was set")
				}
			}
			if strings.Contains(r.out, "groups  ") || (tc.opts.NoPhotos && strings.Contains(r.out, "photos  ")) {
				t.Errorf("the summary counts what was opted out of:\n%s", r.out)
			}
		})
	}
}

// The sample vCard's embedded photos (base64 and a data: URI) are set, and the emulator lists
// each with a URL.
func TestImportVCardPhotos(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.vcf")
	r := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	in, err := readInput(path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	photos := map[string][]byte{}
	for _, rec := range recordsOf(in) {
		if rec.photo != nil {
			photos[rec.marker()] = rec.photo
		}
	}
	if len(photos) != 3 {
		t.Fatalf("the sample holds %d embedded photos, want 3", len(photos))
	}
	set := 0
	for _, p := range srv.Contacts(testUser) {
		want, ok := photos[people.Marker(p, markerKey)]
		if !ok {
			continue
		}
		got, _ := srv.Photo(testUser, p.ResourceName)
		if !bytes.Equal(got, want) || len(p.Photos) != 1 || p.Photos[0].URL == "" {
			t.Errorf("%s: photo of %d bytes, %d listed; want the card's %d bytes, listed with a URL", p.ResourceName, len(got), len(p.Photos), len(want))
			continue
		}
		set++
	}
	if set != 3 || r.sum.PhotosSet != 3 || r.sum.PhotosSkipped != 1 {
		t.Errorf("%d photos stored; summary %d set, %d skipped; want 3, 3, 1 (the card's https URL on an emulator)", set, r.sum.PhotosSet, r.sum.PhotosSkipped)
	}
}

// A Google CSV's Photo URL is downloaded: a JPEG or PNG, by its Content-Type, within the
// size cap and the timeout, over https or on a loopback address. A photo that cannot be had
// is skipped with a note; the contact is created.
func TestImportPhotoDownload(t *testing.T) {
	t.Parallel()
	jpeg := []byte("\xff\xd8\xff\xe0 a jpeg")
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(jpeg)
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html>sign in</html>"))
	})
	big := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, people.MaxPhotoBytes)...)
	mux.HandleFunc("/big.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		w.Write(big)
	})
	mux.HandleFunc("/chunked.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(big) // no Content-Length: sent chunked, cut at the cap
	})
	mux.HandleFunc("/slow.jpg", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only once the client gave up
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://example.com/a.jpg", http.StatusFound)
	})
	photoSrv := httptest.NewServer(mux)
	t.Cleanup(photoSrv.Close)

	rows := []struct{ url, note string }{
		{photoSrv.URL + "/ok.jpg", ""},
		{photoSrv.URL + "/page", `content type "text/html" is not a JPEG or PNG image`},
		{photoSrv.URL + "/big.png", "larger than 10 MiB"},
		{photoSrv.URL + "/chunked.png", "larger than 10 MiB"},
		{photoSrv.URL + "/missing.jpg", "HTTP 404"},
		{photoSrv.URL + "/slow.jpg", "Client.Timeout exceeded"},
		{photoSrv.URL + "/redirect", "downloaded over https only, not http"},
		{"http://example.com/a.jpg", "downloaded over https only, not http"},
		{"ftp://example.com/a.jpg", "a photo is an embedded image or an https URL"},
	}
	var b strings.Builder
	b.WriteString("First Name,Photo\r\n")
	for i, r := range rows {
		fmt.Fprintf(&b, "P%d,%s\r\n", i, r.url)
	}
	path := filepath.Join(t.TempDir(), "photos.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, tgt := emulator(t)
	in, err := readInput(path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	im := &importer{opts: options{In: path, ChunkSize: 200, WritesPerMinute: -1}, tgt: tgt, out: &out, errOut: &errOut,
		stop: t.Context(), downloadTimeout: time.Second}
	sum, err := im.run(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != len(rows) || sum.PhotosSet != 1 || sum.PhotosSkipped != 7 {
		t.Errorf("created %d, photos set %d, skipped %d; want %d, 1, 7:\n%s", sum.Created, sum.PhotosSet, sum.PhotosSkipped, len(rows), out.String())
	}
	for i, r := range rows {
		if r.note != "" && !strings.Contains(out.String(), r.note) {
			t.Errorf("row %d: output lacks %q:\n%s", i+1, r.note, out.String())
		}
	}
	stored := 0
	for _, p := range srv.Contacts(testUser) {
		if got, ok := srv.Photo(testUser, p.ResourceName); ok {
			stored++
			if !bytes.Equal(got, jpeg) {
				t.Errorf("stored photo %q, want the JPEG", got)
			}
		}
	}
	if stored != 1 {
		t.Errorf("%d photos stored, want 1", stored)
	}
}

// A run sets the photos of the contacts it creates, and no others: a second run of the sample
// vCard finds every contact already there (the journal) and sends no photo again, so a photo
// changed in the account since is kept.
func TestImportPhotosOfCreatedOnly(t *testing.T) {
	t.Parallel()
	srv, tgt := emulator(t)
	path := sample(t, "contacts.vcf")
	first := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	if first.sum.Created != vcardValid || first.sum.PhotosSet != 3 {
		t.Fatalf("first run: %d created, %d photos set; want %d, 3:\n%s", first.sum.Created, first.sum.PhotosSet, vcardValid, first.out)
	}
	before := requestsOf(srv, peopletest.MutationUpdateContactPhoto)
	again := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	if again.sum.Existing != vcardValid || again.sum.Created != 0 {
		t.Fatalf("second run: %d already there, %d created; want %d, 0:\n%s", again.sum.Existing, again.sum.Created, vcardValid, again.out)
	}
	if n := requestsOf(srv, peopletest.MutationUpdateContactPhoto) - before; n != 0 || again.sum.PhotosSet+again.sum.PhotosFailed+again.sum.PhotosSkipped != 0 {
		t.Errorf("second run: %d photo updates sent, summary %d set, %d failed, %d skipped; want none", n,
			again.sum.PhotosSet, again.sum.PhotosFailed, again.sum.PhotosSkipped)
	}
	if strings.Contains(again.out, "photos  ") {
		t.Errorf("the second run's summary counts photos:\n%s", again.out)
	}
}

// A run that ends before it set the photos of the contacts it created (stopped after its
// last request, or with a photo refused) leaves them to the next run: the journal records
// each photo set, so the next run sets the photos of the contacts the journal says an
// earlier run created and not the others; a third run sends none, and neither does a run of
// a renamed copy with a journal of its own, whose contacts are found in the account.
func TestResumeSetsPhotos(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		faults []peopletest.Fault
		stop   bool
		// firstSet and againSet are how many photos the first run and the next one set.
		firstSet, againSet int
	}{
		"stopped before its photos": {stop: true, firstSet: 0, againSet: 3},
		// The run's mutations: two group creates, one request of contacts, then the photos.
		"one photo refused": {faults: []peopletest.Fault{{Mutation: peopletest.MutationUpdateContactPhoto, Request: 5, Status: 400}},
			firstSet: 2, againSet: 1},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, tgt := emulator(t)
			srv.AddFaults(tt.faults...)
			path := sample(t, "contacts.vcf")
			var first run
			if tt.stop {
				first = stopAfter(t, tgt, options{In: path}, 1)
			} else {
				first = runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			}
			if first.sum.Created != vcardValid || first.sum.PhotosSet != tt.firstSet || srv.PendingFaults() != 0 {
				t.Fatalf("first run: %d created, %d photos set; want %d, %d:\n%s", first.sum.Created, first.sum.PhotosSet, vcardValid, tt.firstSet, first.out)
			}
			if said := strings.Contains(first.out, "photos not set yet: run the same command again"); said != tt.stop {
				t.Errorf("first run: the summary says to run again for the photos: %v, want %v:\n%s", said, tt.stop, first.out)
			}
			again := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			if again.sum.Existing != vcardValid || again.sum.PhotosSet != tt.againSet || again.sum.PhotosFailed != 0 {
				t.Errorf("next run: %d already there, %d photos set, %d failed; want %d, %d, 0:\n%s",
					again.sum.Existing, again.sum.PhotosSet, again.sum.PhotosFailed, vcardValid, tt.againSet, again.out)
			}
			withPhoto := 0
			for _, p := range srv.Contacts(testUser) {
				if len(p.Photos) > 0 {
					withPhoto++
				}
			}
			if withPhoto != 3 {
				t.Errorf("%d contacts with a photo, want 3", withPhoto)
			}
			before := requestsOf(srv, peopletest.MutationUpdateContactPhoto)
			third := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
			copyPath := filepath.Join(t.TempDir(), "renamed.vcf")
			copyFile(t, path, copyPath)
			renamed := runImport(t, t.Context(), tgt, options{In: copyPath}, nil, nil)
			if n := requestsOf(srv, peopletest.MutationUpdateContactPhoto) - before; n != 0 || third.sum.PhotosSet != 0 || renamed.sum.PhotosSet != 0 {
				t.Errorf("a third run and a renamed copy sent %d photo updates, want none:\n%s\n%s", n, third.out, renamed.out)
			}
		})
	}
}

// stopAtPhoto passes requests on to next as user, and ends a run's stop (cancel) when the
// first photo update goes out: a Ctrl-C while the run sets its photos.
type stopAtPhoto struct {
	next   http.RoundTripper
	user   string
	cancel func()
}

func (s stopAtPhoto) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, ":updateContactPhoto") {
		s.cancel()
	}
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+s.user)
	return s.next.RoundTrip(r)
}

// TestStopDuringPhotos stops a run (the first Ctrl-C) as it sends its first photo, of more
// than one batch of them: the run sets the photos of the batch in flight, no more, and says
// it stopped; the next run sets the others, once each.
func TestStopDuringPhotos(t *testing.T) {
	t.Parallel()
	const n = photoBatch + 5
	var vcf strings.Builder
	for i := range n {
		fmt.Fprintf(&vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Row;Name%d;;;\r\nFN:Name%d Row\r\n"+
			"PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAH0lEQVR4nGI6oaHx//9/TJIBq+gJDQ2GQakDEAAA//8f1YKjSQdfAgAAAABJRU5ErkJggg==\r\n"+
			"END:VCARD\r\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "photos.vcf")
	if err := os.WriteFile(path, []byte(vcf.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, tgt := emulator(t)
	stop, cancel := context.WithCancel(t.Context())
	defer cancel()
	stopping := *tgt
	stopping.Opts = []option.ClientOption{option.WithEndpoint(srv.URL + "/"),
		option.WithHTTPClient(&http.Client{Transport: stopAtPhoto{next: srv.Client().Transport, user: testUser, cancel: cancel}})}

	first := runImport(t, t.Context(), &stopping, options{In: path}, stop, nil)
	if first.sum.Created != n || first.sum.PhotosSet != photoBatch || !first.sum.Stopped {
		t.Fatalf("first run: %d created, %d photos set, stopped %v; want %d, %d, true:\n%s",
			first.sum.Created, first.sum.PhotosSet, first.sum.Stopped, n, photoBatch, first.out)
	}
	if want := fmt.Sprintf("%d photos not set yet", n-photoBatch); !strings.Contains(first.out, want) ||
		!strings.Contains(first.out, "run the same command again") {
		t.Errorf("first run: the summary does not say %q and to run again:\n%s", want, first.out)
	}
	again := runImport(t, t.Context(), tgt, options{In: path}, nil, nil)
	if again.sum.Existing != n || again.sum.PhotosSet != n-photoBatch || again.sum.Stopped {
		t.Errorf("next run: %d already there, %d photos set, stopped %v; want %d, %d, false:\n%s",
			again.sum.Existing, again.sum.PhotosSet, again.sum.Stopped, n, n-photoBatch, again.out)
	}
	if got := requestsOf(srv, peopletest.MutationUpdateContactPhoto); got != n {
		t.Errorf("%d photo updates sent, want %d: one per contact", got, n)
	}
}
