// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

/*
Package people creates Google Contacts in bulk through the People API method
[people.batchCreateContacts], for any number of contacts, without losing track of one.

	c, err := people.NewClient(ctx) // Application Default Credentials, contacts scope
	if err != nil { ... }
	defer c.Close()
	res, err := c.BatchCreateContacts(ctx, contacts, people.ReadMask(people.MaskNames), nil)

BatchCreateContacts validates every contact first, then sends them in requests of at most
200 (MaxContactsPerRequest), in input order, strictly one request at a time for the client's
user, as the API asks of mutations. Clients in one process that write for the same user
share a Sequencer and a Config.User; clients for different users run in parallel.

Every input contact ends with one Outcome, reported in the Result at its input index:
created (with the server's PersonResponse), failed (with its reason), not sent (safe to send
again), or unknown (sent, but the reply was lost: the contact may exist). The streaming form
BatchCreateContactsSeq yields the result of each request as it comes and reads its input as
it goes, so that memory stays at one request's worth of contacts.

# Authentication

NewClient and NewClientWithConfig take the options of google.golang.org/api/option, as
Google's own clients do. Without any, the client uses Application Default Credentials with
Scope. A service account acting for a user of its Workspace domain (domain-wide delegation)
needs the user as subject; golang.org/x/oauth2/google makes the token source:

	jwt, _ := google.JWTConfigFromJSON(keyJSON, people.Scope)
	jwt.Subject = "user@example.com"
	c, _ := people.NewClientWithConfig(ctx, &people.Config{User: "user@example.com"},
		option.WithTokenSource(jwt.TokenSource(ctx)))

Set Config.User to the same user, so that clients writing for that user share its turn.

option.WithTokenSource takes a stored OAuth token, and option.WithHTTPClient a client that
authenticates by itself: that option bypasses all of the others' authentication.

Plain http:// endpoints are refused except on loopback addresses and when the environment
variable PEOPLE_EMULATOR_HOST names an emulator, as Google Cloud clients do with theirs.

# Errors

A call that did not create every contact returns a *BatchError beside its Result. Inspect it
with errors.As:

  - *Error is what the server answered: HTTP status, google.rpc Code, message, the legacy
    errors list, headers, and the typed Details (ErrorInfo, RetryInfo, QuotaFailure,
    BadRequest, ..., BatchCreateContactsErrorDetails; unknown detail types stay raw).
  - *ContactError is one contact the server refused, at the caller's input index.
  - *RequestError is one failed request of the call, with its input range.
  - *RetryError says that retries ran out, or that the server asked to wait past
    RetryPolicy.MaxServerWait, and when to come back.
  - *InputError and *ValidationError name the contact index and field that validation
    refused before anything was sent.

Error messages start with "people:"; they never hold tokens, request headers or contact data.

# Retries

batchCreateContacts is not idempotent, and the API has no idempotency key: sending a request
again after the server may have applied it creates its contacts twice. So the client retries
only what certainly created nothing: attempts that never left the machine (refused
connections, DNS failures, nothing written; net/http/httptrace tells), replies 429
RESOURCE_EXHAUSTED and 409 ABORTED. It waits with exponential backoff and jitter (keeping at
least half of each step after a refusal, so that retries outlast a per-minute quota window),
never less than the server asks (RetryInfo, Retry-After) and never more than
RetryPolicy.MaxServerWait. A 5xx reply, a reset connection or a timeout after the request went
out makes its contacts OutcomeUnknown: they are never re-sent blindly. Redirects are never
followed.

Pacing (Config.WritesPerMinute, Pacer) spaces requests per user just below the quota; when the
quota is not configured, it is learned from each user's first throttled replies. Set
Config.Reconcile to resolve unknown outcomes by reading the user's contacts back.

# Telemetry

A client records OpenTelemetry traces and metrics through Config.TracerProvider and
Config.MeterProvider, the global providers when they are nil (so nothing unless the program
installs an SDK). Each call is a span, people.BatchCreateContacts or
people.BatchCreateContactsSeq, with one child span people.batchCreateContacts per request
(its attempts, last HTTP status, whether it was throttled, its outcome counts) and events
people.retry, people.pacing and people.reconcile; the HTTP spans of
google.golang.org/api/transport/http, made by the global TracerProvider, nest under the
request's span. The metrics are people.contacts (by people.outcome), people.requests and
people.request.duration (by people.response.status_class), people.pacing.wait,
people.throttled, people.calls.active and people.reconcile.lookups. No span, event or metric
holds a token, a header or contact data; the user appears only as people.user.hash, a prefix
of the SHA-256 of Config.User.

# Testing

Package peopletest is an in-memory emulator of the API. Point a client at it:

	srv := peopletest.NewServer()
	defer srv.Close()
	c, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)

[people.batchCreateContacts]: https://developers.google.com/people/api/rest/v1/people/batchCreateContacts
*/
package people
