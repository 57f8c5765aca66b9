// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// testImage encodes a 4×4 image with encode.
func testImage(t *testing.T, encode func(io.Writer, image.Image) error) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.White, color.Black})
	img.SetColorIndex(1, 1, 1)
	var b bytes.Buffer
	if err := encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngImage(t *testing.T) []byte { return testImage(t, png.Encode) }

func jpegImage(t *testing.T) []byte {
	return testImage(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) })
}

func gifImage(t *testing.T) []byte {
	return testImage(t, func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) })
}

// createOne creates one contact named given as user and returns its resource name.
func createOne(t *testing.T, srv *peopletest.Server, user, given string) string {
	t.Helper()
	res := create(t, srv, user, batch("names", person(given)))
	var created struct {
		CreatedPeople []struct{ Person struct{ ResourceName string } }
	}
	decodeJSON(t, res.body, &created)
	if res.status != 200 || len(created.CreatedPeople) != 1 {
		t.Fatalf("create: %d %s", res.status, res.body)
	}
	return created.CreatedPeople[0].Person.ResourceName
}

// updatePhoto sends an updateContactPhoto body for resourceName as user.
func updatePhoto(t *testing.T, srv *peopletest.Server, user, resourceName, body string) result {
	t.Helper()
	return mustDo(t, srv, user, http.MethodPatch, "/v1/"+resourceName+":updateContactPhoto?prettyPrint=false", []byte(body))
}

func photoBody(data []byte, personFields string) string {
	return `{"photoBytes":"` + base64.StdEncoding.EncodeToString(data) + `","personFields":"` + personFields + `"}`
}

// photoPerson is the part of a person the photo tests read.
type photoPerson struct {
	ResourceName string
	Etag         string
	Names        []struct{ GivenName string }
	Photos       []struct {
		URL      string
		Default  *bool
		Metadata struct {
			Primary bool
			Source  struct{ Type, ID string }
		}
	}
}

func TestUpdateContactPhoto(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		image       func(*testing.T) []byte
		contentType string
	}{
		"png":  {pngImage, "image/png"},
		"jpeg": {jpegImage, "image/jpeg"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			rn := createOne(t, srv, "alice", "Ada")
			before := srv.Contacts("alice")[0].Etag
			data := tc.image(t)

			res := updatePhoto(t, srv, "alice", rn, photoBody(data, "photos,names"))
			if res.status != 200 {
				t.Fatalf("status %d: %s", res.status, res.body)
			}
			var resp struct{ Person photoPerson }
			decodeJSON(t, res.body, &resp)
			p := resp.Person
			if p.ResourceName != rn || p.Etag == before || len(p.Names) != 1 || len(p.Photos) != 1 {
				t.Fatalf("person = %+v", p)
			}
			ph := p.Photos[0]
			if ph.Default != nil || !ph.Metadata.Primary || ph.Metadata.Source.Type != "CONTACT" || !strings.HasPrefix(ph.URL, srv.URL+"/photos/") {
				t.Errorf("photo = %+v", ph)
			}

			// connections.list returns the photo, and its URL serves the bytes.
			list := mustDo(t, srv, "alice", http.MethodGet, connPath+"?personFields=photos", nil)
			var conns struct{ Connections []photoPerson }
			decodeJSON(t, list.body, &conns)
			if len(conns.Connections) != 1 || len(conns.Connections[0].Photos) != 1 || conns.Connections[0].Photos[0].URL != ph.URL {
				t.Fatalf("connections = %s", list.body)
			}
			dl, err := srv.Client().Get(ph.URL + "?sz=50")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(dl.Body)
			dl.Body.Close()
			if dl.StatusCode != 200 || dl.Header.Get("Content-Type") != tc.contentType || !bytes.Equal(got, data) {
				t.Errorf("download: %d %q, %d bytes", dl.StatusCode, dl.Header.Get("Content-Type"), len(got))
			}
			if _, _, err := image.Decode(bytes.NewReader(got)); err != nil {
				t.Errorf("downloaded photo does not decode: %v", err)
			}
			if stored, ok := srv.Photo("alice", rn); !ok || !bytes.Equal(stored, data) {
				t.Errorf("Photo = %d bytes, %v", len(stored), ok)
			}
		})
	}
}

func TestUpdateContactPhotoReplaces(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rn := createOne(t, srv, "alice", "Ada")
	first := updatePhoto(t, srv, "alice", rn, photoBody(pngImage(t), "photos"))
	var r1 struct{ Person photoPerson }
	decodeJSON(t, first.body, &r1)

	second := updatePhoto(t, srv, "alice", rn, photoBody(jpegImage(t), ""))
	if second.status != 200 || strings.TrimSpace(string(second.body)) != "{}" {
		t.Fatalf("empty personFields: %d %s, want 200 {}", second.status, second.body)
	}
	old := mustDo(t, srv, "", http.MethodGet, strings.TrimPrefix(r1.Person.Photos[0].URL, srv.URL), nil)
	if old.status != 404 {
		t.Errorf("the replaced photo's URL answers %d", old.status)
	}
	stored := srv.Contacts("alice")
	if len(stored) != 1 || len(stored[0].Photos) != 1 || stored[0].Photos[0].URL == r1.Person.Photos[0].URL {
		t.Errorf("stored photos = %+v", stored[0].Photos)
	}
	if data, _ := srv.Photo("alice", rn); !bytes.Equal(data, jpegImage(t)) {
		t.Error("Photo is not the second photo")
	}
	srv.Reset()
	if _, ok := srv.Photo("alice", rn); ok {
		t.Error("Reset kept the photo")
	}
	if res := mustDo(t, srv, "", http.MethodGet, strings.TrimPrefix(stored[0].Photos[0].URL, srv.URL), nil); res.status != 404 {
		t.Errorf("after Reset the photo URL answers %d", res.status)
	}
}

func TestUpdateContactPhotoRejects(t *testing.T) {
	t.Parallel()
	png := pngImage(t)
	tests := map[string]struct {
		contact string // "" is the contact alice created
		body    string
		status  int
		field   string
	}{
		"not base64":        {body: `{"photoBytes":"@@@"}`, status: 400, field: "photo_bytes"},
		"no photo":          {body: `{"personFields":"photos"}`, status: 400, field: "photo_bytes"},
		"gif":               {body: photoBody(gifImage(t), ""), status: 400, field: "photo_bytes"},
		"text":              {body: photoBody([]byte("hello, world"), ""), status: 400, field: "photo_bytes"},
		"too large":         {body: photoBody(append(slices.Clone(png), make([]byte, 10<<20)...), ""), status: 400, field: "photo_bytes"},
		"bad personFields":  {body: photoBody(png, "photo"), status: 400, field: "person_fields"},
		"bad source":        {body: `{"photoBytes":"` + base64.StdEncoding.EncodeToString(png) + `","sources":["READ_SOURCE_TYPE_UNSPECIFIED"]}`, status: 400, field: "sources[0]"},
		"unknown field":     {body: `{"photo":"x"}`, status: 400},
		"unknown contact":   {contact: "people/c1234567890123456789", body: photoBody(png, ""), status: 404},
		"bob's contact":     {contact: "bob", body: photoBody(png, ""), status: 404},
		"url-safe unpadded": {body: `{"photoBytes":"` + base64.RawURLEncoding.EncodeToString(png) + `"}`, status: 200},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			rn := createOne(t, srv, "alice", "Ada")
			switch tc.contact {
			case "":
			case "bob":
				rn = createOne(t, srv, "bob", "Bo")
			default:
				rn = tc.contact
			}
			res := updatePhoto(t, srv, "alice", rn, tc.body)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.status, tc.status, res.body)
			}
			_, stored := srv.Photo("alice", srv.Contacts("alice")[0].ResourceName)
			if tc.status == 200 {
				if !stored {
					t.Error("photo not stored")
				}
				return
			}
			if stored {
				t.Error("a rejected photo was stored")
			}
			e := decodeError(t, res)
			if tc.field != "" && !slices.Contains(fieldViolations(e), tc.field) {
				t.Errorf("violations %q, want %q", fieldViolations(e), tc.field)
			}
		})
	}
}

func TestPhotoRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	tests := map[string]struct {
		method, path string
		status       int
		allow        string
	}{
		"photo by POST":          {http.MethodPost, "/photos/abc", 405, "GET, HEAD"},
		"unknown photo":          {http.MethodGet, "/photos/abc", 404, ""},
		"update photo by POST":   {http.MethodPost, "/v1/people/c1:updateContactPhoto", 405, "PATCH"},
		"groups by DELETE":       {http.MethodDelete, groupsPath, 405, "GET, POST"},
		"group by PATCH":         {http.MethodPatch, groupsPath + "/abc", 405, "GET"},
		"members:modify":         {http.MethodPost, groupsPath + "/abc/members:modify", 404, ""},
		"update photo no id":     {http.MethodPatch, "/v1/people/:updateContactPhoto", 404, ""},
		"update photo of a/b":    {http.MethodPatch, "/v1/people/a/b:updateContactPhoto", 404, ""},
		"contactGroups:batchGet": {http.MethodGet, groupsPath + ":batchGet", 404, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := mustDo(t, srv, "alice", tc.method, tc.path, nil)
			if res.status != tc.status || res.header.Get("Allow") != tc.allow {
				t.Errorf("%s %s = %d Allow %q, want %d %q", tc.method, tc.path, res.status, res.header.Get("Allow"), tc.status, tc.allow)
			}
		})
	}
}

// TestPhotoResponseShape checks the raw JSON of a photo: default is absent (false), as
// proto3 JSON writes it.
func TestPhotoResponseShape(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rn := createOne(t, srv, "alice", "Ada")
	res := updatePhoto(t, srv, "alice", rn, photoBody(pngImage(t), "photos"))
	var raw struct {
		Person struct{ Photos []map[string]json.RawMessage }
	}
	decodeJSON(t, res.body, &raw)
	if len(raw.Person.Photos) != 1 {
		t.Fatalf("body %s", res.body)
	}
	if _, ok := raw.Person.Photos[0]["default"]; ok {
		t.Errorf("photo carries default: %s", res.body)
	}
}
