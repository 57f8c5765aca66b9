// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"errors"
	"testing"

	"google.golang.org/api/googleapi"
)

// TestErrorIsAGoogleAPIError checks that code written for Google's clients finds a
// *googleapi.Error with the server's status, message and details in a call's error.
func TestErrorIsAGoogleAPIError(t *testing.T) {
	t.Parallel()
	c, f := setup(t, nil)
	f.push(reply{status: 400, body: `{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"bad contact",` +
		`"errors":[{"reason":"badRequest","message":"bad contact"}],` +
		`"details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"contacts[0].names","description":"too long"}]}]}}`})
	_, err := c.BatchCreateContacts(t.Context(), contacts(1), "", nil)
	var g *googleapi.Error
	if !errors.As(err, &g) {
		t.Fatalf("errors.As(%v, *googleapi.Error) = false", err)
	}
	if g.Code != 400 || g.Message != "bad contact" || len(g.Errors) != 1 || g.Errors[0].Reason != "badRequest" {
		t.Errorf("googleapi.Error = code %d, message %q, errors %+v", g.Code, g.Message, g.Errors)
	}
	if len(g.Details) != 1 {
		t.Fatalf("Details = %v, want one", g.Details)
	}
	d, _ := g.Details[0].(map[string]any)
	if d["@type"] != "type.googleapis.com/google.rpc.BadRequest" {
		t.Errorf("Details[0] = %v, want the BadRequest", g.Details[0])
	}
	if g.Header.Get("Content-Type") == "" || g.Body == "" {
		t.Errorf("Header %v, Body %q: want the reply's", g.Header, g.Body)
	}
}
