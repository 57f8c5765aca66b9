// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2/google"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// TestConnect picks targets from flags without reaching the network: no token is fetched
// until a request is made.
func TestConnect(t *testing.T) {
	t.Setenv(people.EmulatorHostEnv, "")
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sa := file("sa.json", `{"type": "service_account", "client_email": "importer@project.iam.gserviceaccount.com",
		"private_key": "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n", "private_key_id": "1",
		"token_uri": "https://oauth2.googleapis.com/token", "client_id": "1"}`)
	user := file("user.json", `{"type": "authorized_user", "client_id": "id", "client_secret": "secret", "refresh_token": "r"}`)
	odd := file("odd.json", `{"type": "external_account"}`)
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	token := file("token.json", `{"access_token": "a", "token_type": "Bearer", "expiry": "`+future+`"}`)
	expired := file("expired.json", `{"access_token": "a", "refresh_token": "r", "expiry": "2020-01-01T00:00:00Z"}`)
	secret := file("secret.json", `{"installed": {"client_id": "id", "client_secret": "s",
		"auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
		"redirect_uris": ["http://localhost"]}}`)
	noADC := func(context.Context) (*google.Credentials, error) { return nil, errors.New("none") }
	adc := func(context.Context) (*google.Credentials, error) { return &google.Credentials{ProjectID: "p"}, nil }

	tests := []struct {
		name string
		o    options
		adc  func(context.Context) (*google.Credentials, error)
		// wantUser is the account written to, which the journal records.
		wantUser string
		wantErr  string
	}{
		{name: "service account for a user", o: options{Credentials: sa, Subject: "a@example.com"}, wantUser: "a@example.com"},
		{name: "service account itself", o: options{Credentials: sa}, wantUser: "importer@project.iam.gserviceaccount.com"},
		{name: "authorized user file", o: options{Credentials: user}, wantUser: "me"},
		{name: "authorized user file with subject", o: options{Credentials: user, Subject: "a@example.com"}, wantErr: "needs a service-account key"},
		{name: "unsupported credentials", o: options{Credentials: odd}, wantErr: `"external_account" are not supported`},
		{name: "token", o: options{Token: token}, wantUser: "me"},
		{name: "expired token", o: options{Token: expired}, wantErr: "-client-secret"},
		{name: "expired token with client secret", o: options{Token: expired, ClientSecret: secret}, wantUser: "me"},
		{name: "both", o: options{Credentials: sa, Token: token}, wantErr: "exclude each other"},
		{name: "subject alone", o: options{Subject: "a@example.com"}, wantErr: "-subject needs -credentials"},
		{name: "secret alone", o: options{ClientSecret: secret}, wantErr: "-client-secret goes with -token"},
		{name: "application default credentials", adc: adc, wantUser: "me"},
		{name: "nothing: embedded emulator", wantUser: embeddedUser},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			find := tt.adc
			if find == nil {
				find = noADC
			}
			tgt, err := connect(t.Context(), &tt.o, find)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer tgt.Close()
			if tgt.User != tt.wantUser {
				t.Errorf("User = %q, want %q", tgt.User, tt.wantUser)
			}
			if tgt.Banner == "" || len(tgt.Opts) == 0 {
				t.Errorf("target without banner or options: %+v", tgt)
			}
			if tgt.Embedded != (tt.wantUser == embeddedUser) || tgt.Emulator != tgt.Embedded {
				t.Errorf("Embedded = %v, Emulator = %v", tgt.Embedded, tgt.Emulator)
			}
		})
	}
	t.Run("PEOPLE_EMULATOR_HOST", func(t *testing.T) {
		t.Setenv(people.EmulatorHostEnv, "127.0.0.1:8085")
		tgt, err := connect(t.Context(), &options{}, adc)
		if err != nil {
			t.Fatal(err)
		}
		if !tgt.Emulator || tgt.Embedded || !strings.Contains(tgt.Banner, "127.0.0.1:8085") {
			t.Errorf("target %+v", tgt)
		}
		if _, err := connect(t.Context(), &options{Credentials: sa}, adc); err == nil {
			t.Error("-credentials with PEOPLE_EMULATOR_HOST was accepted")
		}
	})
}
