// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"testing"

	"google.golang.org/api/googleapi"
	peopleapi "google.golang.org/api/people/v1"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// officialService is Google's generated client pointed at srv as alice@example.com.
func officialService(t *testing.T, srv *peopletest.Server) *peopleapi.Service {
	t.Helper()
	svc, err := peopleapi.NewService(t.Context(), srv.ClientOptions("alice@example.com")...)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// TestOfficialClientGroups drives contactGroups.create, list and get with Google's generated
// client, and a duplicate name's 409 ALREADY_EXISTS.
func TestOfficialClientGroups(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	svc := officialService(t, srv)
	ctx := t.Context()

	g, err := svc.ContactGroups.Create(&peopleapi.CreateContactGroupRequest{
		ContactGroup: &peopleapi.ContactGroup{Name: "Customers", ClientData: []*peopleapi.GroupClientData{{Key: "crm", Value: "1"}}},
	}).Context(ctx).Do()
	if err != nil {
		t.Fatalf("ContactGroups.Create: %v", err)
	}
	if g.GroupType != "USER_CONTACT_GROUP" || g.Name != "Customers" || g.FormattedName != "Customers" || g.Metadata == nil || g.ClientData != nil {
		t.Errorf("created group = %+v", g)
	}

	_, err = svc.ContactGroups.Create(&peopleapi.CreateContactGroupRequest{
		ContactGroup: &peopleapi.ContactGroup{Name: "Customers"},
	}).Context(ctx).Do()
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != http.StatusConflict {
		t.Fatalf("duplicate: err = %v, want a 409 *googleapi.Error", err)
	}
	var env struct{ Error struct{ Status string } }
	if json.Unmarshal([]byte(gerr.Body), &env) != nil || env.Error.Status != "ALREADY_EXISTS" {
		t.Errorf("duplicate: body %s, want status ALREADY_EXISTS", gerr.Body)
	}

	created, err := svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{{ContactPerson: &peopleapi.Person{
			Names:       []*peopleapi.Name{{GivenName: "Ada"}},
			Memberships: []*peopleapi.Membership{{ContactGroupMembership: &peopleapi.ContactGroupMembership{ContactGroupResourceName: g.ResourceName}}},
		}}},
		ReadMask: "memberships",
	}).Context(ctx).Do()
	if err != nil {
		t.Fatalf("BatchCreateContacts with a membership: %v", err)
	}
	ada := created.CreatedPeople[0].Person.ResourceName

	var listed []*peopleapi.ContactGroup
	err = svc.ContactGroups.List().PageSize(4).GroupFields("name,groupType,memberCount,clientData").Pages(ctx, func(page *peopleapi.ListContactGroupsResponse) error {
		if page.TotalItems != 9 {
			t.Errorf("totalItems = %d, want 9", page.TotalItems)
		}
		listed = append(listed, page.ContactGroups...)
		return nil
	})
	if err != nil {
		t.Fatalf("ContactGroups.List: %v", err)
	}
	if len(listed) != 9 {
		t.Fatalf("listed %d groups, want 9", len(listed))
	}
	i := slices.IndexFunc(listed, func(x *peopleapi.ContactGroup) bool { return x.ResourceName == g.ResourceName })
	if i < 0 || listed[i].MemberCount != 1 || len(listed[i].ClientData) != 1 || listed[i].ClientData[0].Value != "1" {
		t.Errorf("listed user group = %+v", listed[max(i, 0)])
	}
	if listed[0].ResourceName != "contactGroups/myContacts" || listed[0].GroupType != "SYSTEM_CONTACT_GROUP" || listed[0].MemberCount != 1 {
		t.Errorf("first group = %+v", listed[0])
	}

	got, err := svc.ContactGroups.Get(g.ResourceName).MaxMembers(10).Context(ctx).Do()
	if err != nil {
		t.Fatalf("ContactGroups.Get: %v", err)
	}
	if got.MemberCount != 1 || !slices.Equal(got.MemberResourceNames, []string{ada}) {
		t.Errorf("got group = %+v", got)
	}
	_, err = svc.ContactGroups.Get("contactGroups/0123456789abcdef").Context(ctx).Do()
	if !errors.As(err, &gerr) || gerr.Code != http.StatusNotFound {
		t.Errorf("unknown group: err = %v, want a 404", err)
	}
}

// TestOfficialClientPhoto drives people.updateContactPhoto with Google's generated client,
// then reads the photo back through connections.list and downloads it.
func TestOfficialClientPhoto(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	svc := officialService(t, srv)
	ctx := t.Context()
	created, err := svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
		Contacts: []*peopleapi.ContactToCreate{{ContactPerson: &peopleapi.Person{Names: []*peopleapi.Name{{GivenName: "Ada"}}}}},
		ReadMask: "names",
	}).Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	rn := created.CreatedPeople[0].Person.ResourceName
	data := jpegImage(t)

	resp, err := svc.People.UpdateContactPhoto(rn, &peopleapi.UpdateContactPhotoRequest{
		PhotoBytes:   base64.StdEncoding.EncodeToString(data),
		PersonFields: "photos",
		Sources:      []string{"READ_SOURCE_TYPE_CONTACT"},
	}).Context(ctx).Do()
	if err != nil {
		t.Fatalf("People.UpdateContactPhoto: %v", err)
	}
	if resp.Person == nil || len(resp.Person.Photos) != 1 || resp.Person.Photos[0].Default || resp.Person.Photos[0].Url == "" {
		t.Fatalf("response person = %+v", resp.Person)
	}

	list, err := svc.People.Connections.List("people/me").PersonFields("photos").Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Connections) != 1 || len(list.Connections[0].Photos) != 1 || list.Connections[0].Photos[0].Url != resp.Person.Photos[0].Url {
		t.Fatalf("connections = %+v", list.Connections)
	}
	dl, err := srv.Client().Get(list.Connections[0].Photos[0].Url)
	if err != nil {
		t.Fatal(err)
	}
	defer dl.Body.Close()
	got, _ := io.ReadAll(dl.Body)
	if dl.Header.Get("Content-Type") != "image/jpeg" || !bytes.Equal(got, data) {
		t.Errorf("download: %q, %d bytes", dl.Header.Get("Content-Type"), len(got))
	}

	// A photo that is not JPEG or PNG is refused.
	_, err = svc.People.UpdateContactPhoto(rn, &peopleapi.UpdateContactPhotoRequest{
		PhotoBytes: base64.StdEncoding.EncodeToString(gifImage(t)),
	}).Context(ctx).Do()
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != http.StatusBadRequest {
		t.Errorf("GIF: err = %v, want a 400", err)
	}
}
