// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

// Package peopletest provides an in-memory emulator of the Google People API methods that
// create contacts, their groups and their photos, for tests that must not touch the real
// service. It is to the People API what net/http/httptest is to HTTP and pstest is to Pub/Sub:
// NewServer starts it on a loopback address, Close stops it. It serves:
//
//   - [people.batchCreateContacts]: POST /v1/people:batchCreateContacts
//   - [people.connections.list]: GET /v1/people/me/connections, to read back what was stored
//   - [contactGroups.list]: GET /v1/contactGroups, the eight system groups and the user's own
//   - [contactGroups.get]: GET /v1/contactGroups/{id}, with maxMembers
//   - [contactGroups.create]: POST /v1/contactGroups
//   - [people.updateContactPhoto]: PATCH /v1/people/{id}:updateContactPhoto
//   - the photos it stores, at the URL it gives them: GET /photos/{id}
//
// The server speaks the real wire format, Google's JSON error envelope included, and follows
// the method's documented contract: strict decoding, at most 200 contacts per request,
// read-mask and source checks, the per-contact rules (output-only fields, singletons, dates,
// required values and keys, group memberships) applied all-or-nothing with
// BatchCreateContactsErrorDetails keyed by request index, a per-account contact limit, and
// created people that carry a resourceName, an etag, metadata and only the fields named in
// the read mask. A contact can join contactGroups/myContacts, contactGroups/starred and the
// user's own groups, as the discovery document says; a group name is unique among the user's
// groups (409 ALREADY_EXISTS); a photo is a JPEG or PNG image, listed afterwards in the
// contact's photos with a URL that serves its bytes.
//
// # Users
//
// The bearer token of a request names its user; each user has an isolated store of contacts,
// contact groups and photos, a quota window and counters. ClientOptions returns the options
// that make a client send a given user's token. A request without an Authorization header acts as DefaultUser ("default"), as
// do the requests of a client pointed at the emulator through PEOPLE_EMULATOR_HOST. An
// Authorization header that is not a non-empty bearer token answers 401 UNAUTHENTICATED.
//
// # Writing a test
//
// A test starts a server, scripts what should go wrong, points the client under test at it as
// some user, and checks what was stored:
//
//	func TestImportSurvivesLostAnswer(t *testing.T) {
//		srv := peopletest.NewServer(peopletest.WithWriteQuota(peopletest.Quota{Requests: 90}))
//		t.Cleanup(srv.Close)
//		srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit, Request: 2})
//		client, err := people.NewClient(t.Context(), srv.ClientOptions("alice@example.com")...)
//		if err != nil {
//			t.Fatal(err)
//		}
//		importContacts(t.Context(), client, contacts) // the code under test
//		if n, d := len(srv.Contacts("alice@example.com")), srv.Duplicates("alice@example.com"); n != len(contacts) || d != 0 {
//			t.Errorf("stored %d contacts, %d duplicates; want %d, 0", n, d, len(contacts))
//		}
//	}
//
// # Knobs and faults
//
// Options, each off by default, add what makes the real service hard to live with: a write
// quota per user (WithWriteQuota) and one over all users (WithProjectWriteQuota), each a
// sliding window or a token bucket, a contact limit (WithContactLimit), a penalty for parallel mutations
// of one user (WithConcurrencyCheck) and latency (WithLatency). Faults (AddFaults) script
// misbehaviour for chosen mutate requests, of batchCreateContacts unless Fault.Mutation names
// another method; each FaultKind documents whether the write (contacts, group, photo) is
// committed before the answer is spoiled. The write quota and the overlap detection count
// every mutation of a user: batchCreateContacts, contactGroups.create and updateContactPhoto.
// Requests, Contacts, Groups, Photo, Duplicates, Overlaps, MaxInFlight and QuotaRejections let
// a test check what happened; Reset starts over.
//
// # Differences from the real service
//
// The emulator is a model, not a copy. It keeps contacts in memory only and serves only the
// methods above; it ignores the OAuth scope and accepts any bearer token. Field names in
// request bodies are matched case-insensitively (encoding/json), and proto3 JSON's
// alternatives are refused: snake_case field names ("read_mask"), integers written as strings.
// Field violation paths use proto names ("contacts[1].contact_person.email_addresses[0].value").
// Where no capture of the real service exists, the texts and shapes are the emulator's own: the
// MY_CONTACTS_OVERFLOW_COUNT error, the 405 answer to a wrong method, the 413 HTML page for a
// body over 32 MiB, the messages of most field violations. Created contacts get field
// metadata, a myContacts membership and cheap formatted fields (formattedType, a name's
// display names, a gender's formattedValue, an international phone number's canonicalForm, an
// address's formattedValue) but no default photo, no profile data and no merging with existing
// contacts; read sources are checked, then ignored. Writes are visible to connections.list at
// once, where the real service can take minutes. The write quotas count every mutate request
// they admit, valid or not; the real service's quota shape is not documented (a sliding window
// and a token bucket are both options here), and it was not seen sending Retry-After or
// RetryInfo, which are options too. Latency and
// the wait of a slow-response fault use the real clock even when WithClock is set, and a client
// that gives up during latency creates nothing, where the real service may finish the work.
//
// Contact groups and photos follow the discovery document; no capture of the real service
// exists for them, so these shapes are the emulator's own: the texts of every group and photo
// error; a membership the contact cannot have (an unknown group, another user's group, a
// deprecated system group such as contactGroups/family, a malformed or empty name) is a
// per-contact 400 in BatchCreateContactsErrorDetails naming
// contacts[i].contact_person.memberships[j].contact_group_membership.contact_group_resource_name;
// group names are compared exactly (case-sensitive), and the names of the system groups
// ("myContacts", "starred", "family" and the others, not their formatted names) count as taken;
// system groups' formatted names are in English whatever the Accept-Language; memberCount
// counts the contacts that list the group in their memberships, so "all", "chatBuddies" and
// "blocked" count none; contactGroups.list refuses syncToken and never returns nextSyncToken;
// a photo is capped at 10 MiB decoded; a photo URL needs no credentials, ignores the sz
// parameter, and stops working when the photo is replaced or the server is Reset. Group
// resource names hold 16 hexadecimal digits. Contacts without a photo have no default photo.
//
// [people.batchCreateContacts]: https://developers.google.com/people/api/rest/v1/people/batchCreateContacts
// [people.connections.list]: https://developers.google.com/people/api/rest/v1/people.connections/list
// [contactGroups.list]: https://developers.google.com/people/api/rest/v1/contactGroups/list
// [contactGroups.get]: https://developers.google.com/people/api/rest/v1/contactGroups/get
// [contactGroups.create]: https://developers.google.com/people/api/rest/v1/contactGroups/create
// [people.updateContactPhoto]: https://developers.google.com/people/api/rest/v1/people/updateContactPhoto
package peopletest
