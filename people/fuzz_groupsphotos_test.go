// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"strings"
	"testing"
)

// FuzzPhotoAndGroupInput feeds any resource name, photo and group name to the validation of
// UpdateContactPhoto, CreateContactGroup and ResolveContactGroups: it never panics, every
// problem names its field, and what it accepts is what the server's contract allows.
func FuzzPhotoAndGroupInput(f *testing.F) {
	f.Add("people/c123", []byte("\xff\xd8\xff\xe0"), "Family")
	f.Add("people/", []byte("\x89PNG\r\n\x1a\n"), " ")
	f.Add("contactGroups/x", []byte{}, "a\xff")
	f.Add("people/c1/../x:y", []byte("GIF89a"), "myContacts")
	f.Fuzz(func(t *testing.T, rn string, photo []byte, name string) {
		for _, p := range validatePhoto(3, rn, photo) {
			if p.Index != 3 || (p.Field != "resourceName" && p.Field != "photo") || !strings.HasPrefix(p.Error(), "people: contact 3: ") {
				t.Fatalf("photo problem %+v", p)
			}
		}
		if validatePhoto(0, rn, photo) == nil {
			id, _ := strings.CutPrefix(rn, "people/")
			if id == "" || strings.ContainsAny(id, "/:?#% ") || len(photo) < 3 {
				t.Fatalf("accepted %q with a photo of %d bytes", rn, len(photo))
			}
		}
		if err := validateGroup(context.Background(), &ContactGroup{Name: name}); err != nil {
			if strings.TrimSpace(name) != "" && !strings.ContainsRune(strings.ToValidUTF8(name, "\uFFFD"), '\uFFFD') {
				t.Fatalf("refused the name %q: %v", name, err)
			}
		}
		if err := validateGroupNames(context.Background(), []string{"ok", name}); err != nil && !strings.Contains(err.Error(), "names[1]") {
			t.Fatalf("a problem that names no index: %v", err)
		}
	})
}
