// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// target is where the contacts go, and how to reach it.
type target struct {
	// Banner is the first line the command prints: where the contacts go.
	Banner string
	// Label names the target in the summary.
	Label string
	// Opts are the client options that reach the target.
	Opts []option.ClientOption
	// User is the account written to, for the SDK's sequencing and pacing.
	User string
	// Emulator is set for an emulator: writes are listed at once, and there is no quota.
	Emulator bool
	// Embedded is set for the emulator this process runs: its contacts end with the process,
	// so a journal of an earlier run means nothing to it.
	Embedded bool
	// Close releases what the target holds.
	Close func()
}

// embeddedUser is the account of the embedded emulator.
const embeddedUser = "you@example.com"

// connect picks the target from the flags and the environment, in this order:
// PEOPLE_EMULATOR_HOST; -credentials (a service-account key, with -subject to act for a user
// of its Workspace domain, or an authorized-user file); -token (a stored OAuth token);
// Application Default Credentials; and, when none of them is there, an emulator embedded in
// this process, so that nothing reaches Google.
func connect(ctx context.Context, o *options, findADC func(context.Context) (*google.Credentials, error)) (*target, error) {
	if host := os.Getenv(people.EmulatorHostEnv); host != "" {
		if o.Credentials != "" || o.Token != "" {
			return nil, fmt.Errorf("%s is set: unset it to use -credentials or -token", people.EmulatorHostEnv)
		}
		return &target{
			Banner:   fmt.Sprintf("Running on the People API emulator at %s (%s): nothing reaches Google.", host, people.EmulatorHostEnv),
			Label:    "the emulator at " + host,
			Opts:     []option.ClientOption{option.WithEndpoint("http://" + host + "/"), option.WithoutAuthentication()},
			User:     peopletest.DefaultUser,
			Emulator: true,
			Close:    func() {},
		}, nil
	}
	switch {
	case o.Credentials != "" && o.Token != "":
		return nil, errors.New("-credentials and -token exclude each other")
	case o.Subject != "" && o.Credentials == "":
		return nil, errors.New("-subject needs -credentials, a service-account key with domain-wide delegation")
	case o.ClientSecret != "" && o.Token == "":
		return nil, errors.New("-client-secret goes with -token")
	case o.Credentials != "":
		return fromKeyFile(ctx, o.Credentials, o.Subject)
	case o.Token != "":
		return fromTokenFile(ctx, o.Token, o.ClientSecret)
	}
	if creds, err := findADC(ctx); err == nil {
		return onGoogle(fmt.Sprintf("Importing into Google Contacts with Application Default Credentials%s.", project(creds)),
			"Google Contacts (Application Default Credentials)", "me", option.WithCredentials(creds)), nil
	}
	srv := peopletest.NewServer()
	return &target{
		Banner: "Running on the embedded People API emulator: no Google credentials are configured, so nothing " +
			"reaches Google and the contacts live only while this command runs.",
		Label:    "the embedded emulator",
		Opts:     srv.ClientOptions(embeddedUser),
		User:     embeddedUser,
		Emulator: true,
		Embedded: true,
		Close:    srv.Close,
	}, nil
}

func onGoogle(banner, label, user string, opts ...option.ClientOption) *target {
	return &target{Banner: banner, Label: label, User: user, Opts: opts, Close: func() {}}
}

func project(creds *google.Credentials) string {
	if creds.ProjectID == "" {
		return ""
	}
	return " (project " + creds.ProjectID + ")"
}

// fromKeyFile reads a service-account key, or a gcloud authorized-user file.
func fromKeyFile(ctx context.Context, file, subject string) (*target, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var f struct {
		Type        string `json:"type"`
		ClientEmail string `json:"client_email"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: not a credentials JSON file: %w", file, err)
	}
	switch f.Type {
	case "service_account":
		conf, err := google.JWTConfigFromJSON(b, people.Scope)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if subject == "" {
			return onGoogle(fmt.Sprintf("Importing into the contacts of the service account %s itself (no -subject).", f.ClientEmail),
				"the contacts of "+f.ClientEmail, f.ClientEmail,
				option.WithTokenSource(conf.TokenSource(context.WithoutCancel(ctx)))), nil
		}
		conf.Subject = subject
		return onGoogle(fmt.Sprintf("Importing into the Google Contacts of %s, as the service account %s (domain-wide delegation).", subject, f.ClientEmail),
			"the Google Contacts of "+subject, subject,
			option.WithTokenSource(conf.TokenSource(context.WithoutCancel(ctx)))), nil
	case "authorized_user":
		if subject != "" {
			return nil, fmt.Errorf("%s: -subject needs a service-account key, not an authorized-user file", file)
		}
		creds, err := google.CredentialsFromJSONWithTypeAndParams(context.WithoutCancel(ctx), b, google.AuthorizedUser,
			google.CredentialsParams{Scopes: []string{people.Scope}})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return onGoogle("Importing into Google Contacts with the authorized-user credentials of "+file+".",
			"Google Contacts ("+file+")", "me", option.WithCredentials(creds)), nil
	}
	return nil, fmt.Errorf("%s: credentials of type %q are not supported: use a service-account key or an authorized-user file", file, f.Type)
}

// fromTokenFile reads a stored OAuth token, as golang.org/x/oauth2 writes it ({"access_token":
// ..., "refresh_token": ..., "expiry": ...}). With the OAuth client's secret file, an expired
// token is refreshed; without it, the token is used as it is until it expires.
func fromTokenFile(ctx context.Context, file, secretFile string) (*target, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var tok oauth2.Token
	if err := json.Unmarshal(b, &tok); err != nil {
		return nil, fmt.Errorf("%s: not an OAuth token JSON file: %w", file, err)
	}
	if tok.AccessToken == "" && tok.RefreshToken == "" {
		return nil, fmt.Errorf("%s: the token has neither an access_token nor a refresh_token", file)
	}
	var ts oauth2.TokenSource
	if secretFile != "" {
		secret, err := os.ReadFile(secretFile)
		if err != nil {
			return nil, err
		}
		conf, err := google.ConfigFromJSON(secret, people.Scope)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", secretFile, err)
		}
		ts = conf.TokenSource(context.WithoutCancel(ctx), &tok)
	} else {
		if !tok.Valid() {
			return nil, fmt.Errorf("%s: the access token expired at %s; pass -client-secret with the OAuth client's JSON file to refresh it",
				file, tok.Expiry.Format(time.RFC3339))
		}
		ts = oauth2.StaticTokenSource(&tok)
	}
	return onGoogle("Importing into Google Contacts with the OAuth token in "+file+".",
		"Google Contacts (token "+file+")", "me", option.WithTokenSource(ts)), nil
}
