// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestTelemetryMutationSpans resolves a group and sets photos on an emulator that refuses the
// group's create and the first photo update with a 429 once, and whose third update names a
// contact that does not exist: ResolveContactGroups and SetContactPhotos are spans, with one
// child span per request (attempts, last status, throttled, outcome, retry events), the user
// only hashed, and no group name, resource name or photo in any name, status, attribute or
// event.
func TestTelemetryMutationSpans(t *testing.T) {
	t.Parallel()
	const user = "grace@example.com"
	const group = "Family of Grace"
	tel := newTelemetry(t)
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{
		User:           user,
		Retry:          people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond},
		TracerProvider: tel.tp,
		MeterProvider:  tel.mp,
	}, srv.ClientOptions(user)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	rns := createContacts(t, c, 2)
	srv.AddFaults(
		peopletest.Fault{Status: 429, Mutation: peopletest.MutationCreateContactGroup},
		peopletest.Fault{Status: 429, Mutation: peopletest.MutationUpdateContactPhoto},
	)
	if _, err := c.ResolveContactGroups(t.Context(), []string{group}); err != nil {
		t.Fatal(err)
	}
	missing := "people/c999999"
	updates := []people.PhotoUpdate{{ResourceName: rns[0], Photo: testJPEG}, {ResourceName: rns[1], Photo: testPNG},
		{ResourceName: missing, Photo: testJPEG}}
	if _, err := c.SetContactPhotos(t.Context(), updates); err == nil {
		t.Fatal("SetContactPhotos: no error, want the missing contact's")
	}
	if n := srv.PendingFaults(); n != 0 {
		t.Fatalf("%d faults did not fire", n)
	}

	byName := make(map[string][]sdktrace.ReadOnlySpan)
	for _, s := range tel.spans.Ended() {
		byName[s.Name()] = append(byName[s.Name()], s)
	}
	resolve, creates := byName["people.ResolveContactGroups"], byName["people.contactGroups.create"]
	photos, updated := byName["people.SetContactPhotos"], byName["people.updateContactPhoto"]
	if len(resolve) != 1 || len(creates) != 1 || len(photos) != 1 || len(updated) != 3 {
		t.Fatalf("spans %d ResolveContactGroups, %d contactGroups.create, %d SetContactPhotos, %d updateContactPhoto; want 1, 1, 1, 3",
			len(resolve), len(creates), len(photos), len(updated))
	}
	sum := sha256.Sum256([]byte(user))
	userHash := attribute.String("people.user.hash", hex.EncodeToString(sum[:8]))
	tests := []struct {
		name     string
		span     sdktrace.ReadOnlySpan
		parent   sdktrace.ReadOnlySpan // nil: a root
		attrs    []attribute.KeyValue
		noStatus bool // no http.response.status_code: no reply came
		failed   bool
		retries  int
	}{
		{name: "ResolveContactGroups", span: resolve[0], attrs: []attribute.KeyValue{
			userHash, attribute.Int("people.groups", 1), attribute.Int("people.groups.created", 1)}, noStatus: true},
		{name: "contactGroups.create", span: creates[0], parent: resolve[0], retries: 1, attrs: []attribute.KeyValue{
			userHash, attribute.Int("people.attempts", 2), attribute.Bool("people.throttled", true),
			attribute.Int("http.response.status_code", 200), attribute.String("people.outcome", "created")}},
		{name: "SetContactPhotos", span: photos[0], failed: true, noStatus: true, attrs: []attribute.KeyValue{
			userHash, attribute.Int("people.photos", 3), attribute.Int("people.contacts.created", 2),
			attribute.Int("people.contacts.failed", 1)}},
		{name: "updateContactPhoto 0", span: updated[0], parent: photos[0], retries: 1, attrs: []attribute.KeyValue{
			userHash, attribute.Int("people.attempts", 2), attribute.Bool("people.throttled", true),
			attribute.Int("http.response.status_code", 200), attribute.String("people.outcome", "created")}},
		{name: "updateContactPhoto 1", span: updated[1], parent: photos[0], attrs: []attribute.KeyValue{
			userHash, attribute.Int("people.attempts", 1), attribute.Bool("people.throttled", false),
			attribute.String("people.outcome", "created")}},
		{name: "updateContactPhoto 2", span: updated[2], parent: photos[0], failed: true, attrs: []attribute.KeyValue{
			userHash, attribute.Int("people.attempts", 1), attribute.Int("http.response.status_code", 404),
			attribute.String("people.outcome", "failed"), attribute.String("error.type", "NOT_FOUND")}},
	}
	for _, tt := range tests {
		s := tt.span
		switch {
		case tt.parent == nil && s.Parent().IsValid():
			t.Errorf("%s: parent %v, want a root span", tt.name, s.Parent().SpanID())
		case tt.parent != nil && s.Parent().SpanID() != tt.parent.SpanContext().SpanID():
			t.Errorf("%s: parent %v, want %s", tt.name, s.Parent().SpanID(), tt.parent.Name())
		}
		for _, kv := range tt.attrs {
			wantAttr(t, tt.name, s.Attributes(), kv)
		}
		if v, ok := attr(s.Attributes(), "http.response.status_code"); tt.noStatus && ok {
			t.Errorf("%s: http.response.status_code = %v, want none", tt.name, v.String())
		}
		if failed := s.Status().Code == codes.Error; failed != tt.failed {
			t.Errorf("%s: status %v, want failed %v", tt.name, s.Status(), tt.failed)
		}
		if n := len(events(s, "people.retry")); n != tt.retries {
			t.Errorf("%s: %d retry events, want %d", tt.name, n, tt.retries)
		}
	}

	secrets := []string{user, "example.com", group, missing, "people/c", string(testJPEG), string(testPNG)}
	for _, s := range tel.spans.Ended() {
		texts := []string{s.Name(), s.Status().Description}
		for _, kv := range s.Attributes() {
			texts = append(texts, string(kv.Key)+"="+kv.Value.String())
		}
		for _, e := range s.Events() {
			texts = append(texts, e.Name)
			for _, kv := range e.Attributes {
				texts = append(texts, string(kv.Key)+"="+kv.Value.String())
			}
		}
		for _, text := range texts {
			for _, secret := range secrets {
				if strings.Contains(text, secret) {
					t.Errorf("span %s: %q holds %q", s.Name(), text, secret)
				}
			}
		}
	}
}
