// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

/*
Package people creates Google Contacts in bulk through the People API method
[people.batchCreateContacts], for any number of contacts, without losing track of one.

	c, err := people.NewClient(ctx) // Application Default Credentials, contacts scope
	if err != nil { ... }
	defer c.Close()
	res, err := c.BatchCreateContacts(ctx, contacts, people.ReadMask(people.MaskNames), nil)

[Client.BatchCreateContacts] validates every contact first, then sends them in requests of at
most 200 ([MaxContactsPerRequest]), in input order, strictly one request at a time for the
client's user, as the API asks of mutations. Clients that write for the same user share a
[Sequencer] and a [Config].User; clients for different users run in parallel. Workers in
several processes or machines share the turn, and the user's pacing with it (a
[PacingSequencer]), through Redis with the Sequencer of package
[github.com/peoplebatch/peoplebatch-go/people/redisturn].

Every input contact ends with one Outcome, reported in the Result at its input index:
created (with the server's PersonResponse), failed (with its reason), not sent (safe to send
again), or unknown (sent, but the reply was lost: the contact may exist). The streaming form
[Client.BatchCreateContactsSeq] yields the result of each request as it comes and reads its input as
it goes, so that memory stays at one request's worth of contacts.

# Architecture

Both forms of the call drive one engine, a request at a time (chunk.go, send.go):

	validate     validateContacts: every contact, before its request is made
	mark         call.newChunk: invalid contacts fail; markers (Reconcile); encode the body
	(resume)     keyedCall.prepare, for WithKeys, WithJournal, SkipExisting: markers from
	               keys; the first request loads the journal and looks up what it left in
	               flight (and the input, for SkipExisting) in one listing; known contacts
	               are skipped; the rest are journaled as sending, synced, before encoding
	send         Client.sendRequest: Client.takeTurn (Sequencer.Acquire; from a PacingSequencer,
	               the user's pacing state into the Pacer), then for each attempt:
	               turn still held? → Pacer wait → try (one request) → classify → retry wait
	             Sequencer release (with the Pacer's state); the created reply is read, not decoded
	record       call.sendContacts: the verdict becomes each contact's Outcome
	(reconcile)  call.reconcile: look the unknown markers up (lookupMarkers: newest first,
	               clientData only, stops when all are found), send again what is missing
	decode       call.decode: the created people, after the turn is given back
	(journal)    keyedCall.record: each outcome, with its resource name, once decoded
	report       call.report: counts, WithProgress, the debug log

The slice form decodes a reply and makes the next request in a second goroutine while the
calling goroutine sends, unless it reconciles or has keys; the streaming form does each
step in turn.

The other mutations of the user, contactGroups.create and updateContactPhoto, take the same
path (mutate.go): Client.mutate encodes the body, Client.sendRequest sends it as above (one
turn, one pacing and one write quota with the creates, one classification), and the reply is
decoded into its type; a failure is a [*MutationError]. Reads (connections.list,
contactGroups.list) go through Client.fetch: neither sequenced nor paced.

# Contact groups and photos

A contact joins contact groups on create, through its Memberships
([ContactGroupMembership]). [Client.ResolveContactGroups] turns label names into group
resource names, creating the groups that are missing, once, even across retries and
concurrent runs; [AddToGroups] adds the memberships to a copy of a contact:

	groups, err := c.ResolveContactGroups(ctx, []string{"Family", "Friends"})
	contact = people.AddToGroups(contact, groups.ResourceNames["Family"])

Photos are set after creation, one request per contact: [Client.UpdateContactPhoto], or
[Client.SetContactPhotos] for many, with an outcome for each as for creations.

# Authentication

[NewClient] and [NewClientWithConfig] take the options of google.golang.org/api/option, as
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

A call that did not create every contact returns a [*BatchError] beside its [Result]. Inspect
it with errors.As:

  - [*Error] is what the server answered: HTTP status, google.rpc Code, message, the legacy
    errors list, headers, and the typed Details (ErrorInfo, RetryInfo, QuotaFailure,
    BadRequest, ..., BatchCreateContactsErrorDetails; unknown detail types stay raw). It also
    matches a *googleapi.Error, for code written for Google's own clients.
  - [*AccountFullError] says that the user's account holds the most contacts it may: the call
    stops there, whatever [ContinueOnError] says.
  - [*ContactError] is one contact the server refused, at the caller's input index.
  - [*RequestError] is one failed request of the call, with its input range.
  - [*RetryError] says that retries ran out, that the server asked to wait past
    RetryPolicy.MaxServerWait, and when to come back, or that the call's context ended while
    the request waited to be retried (or its deadline would come before the retry's turn):
    then it also matches the context's error (errors.Is(err, context.Canceled)).
  - [*InputError] and [*ValidationError] name the contact index and field that validation
    refused before anything was sent; an unknown read mask path has an [*UnknownPathError]
    with the nearest valid path.

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

contactGroups.create follows the same rules; a name that the user's groups hold already is
refused with 409 ALREADY_EXISTS, which is not the retried 409 ABORTED, and
[Client.ResolveContactGroups] settles it, and a lost reply, by listing the groups.
updateContactPhoto replaces the contact's photo: applying it twice leaves what applying it
once does, so it is also retried after an attempt whose outcome is unknown.

Pacing ([Config].WritesPerMinute, [Pacer]) spaces requests per user just below the quota; when the
quota is not configured, it is learned from each user's first throttled replies. Set
[Config].Reconcile to resolve unknown outcomes by reading the user's contacts back.

# Resuming and re-running

WithKeys gives each contact a stable identity, from which its marker (in clientData) derives.
With it, a call can be made safe to repeat:

  - WithJournal records each request's markers before it is sent and each outcome once it
    is known, in a Journal (package filejournal keeps one in a file). Made again with the
    same input and journal after a crash, the call reports what was created without sending
    it, looks up what was in flight in one listing, and sends the rest. A journal written
    for another job is refused; [Client.CheckJournal] tells so before the call, for work
    that must not happen when the call is refused.
  - SkipExisting, without a journal, looks the input's markers up in the account before
    sending, so that a re-run of the same data, from anywhere, creates nothing twice. It
    costs one read per 1,000 contacts of the account.

Contacts not sent because they exist are reported created, with ContactResult.Existing set.

# Telemetry

A client records OpenTelemetry traces and metrics through Config.TracerProvider and
Config.MeterProvider, the global providers when they are nil (so nothing unless the program
installs an SDK). Each call is a span, people.BatchCreateContacts or
people.BatchCreateContactsSeq, with one child span people.batchCreateContacts per request
(its attempts, last HTTP status, whether it was throttled, its outcome counts) and events
people.retry, people.pacing and people.reconcile; the HTTP spans of
google.golang.org/api/transport/http, made by the global TracerProvider, nest under the
request's span. [Client.ResolveContactGroups] and [Client.SetContactPhotos] are spans too,
people.ResolveContactGroups (how many names, how many groups created) and
people.SetContactPhotos (how many updates, their outcome counts), and each group create or
photo update is a span, people.contactGroups.create or people.updateContactPhoto, with its
attempts, last HTTP status, whether it was throttled, its outcome and events people.retry
and people.pacing; they hold no group name, resource name or photo. The metrics are
people.contacts (by people.outcome), people.requests and people.request.duration (by
people.response.status_class), people.throttled (replies 429 to batchCreateContacts),
people.pacing.wait (every write's attempts), people.calls.active and
people.reconcile.lookups. No span, event or metric holds a token, a header or contact data;
the user appears only as people.user.hash, a prefix of the SHA-256 of Config.User.

# Testing

Package [github.com/peoplebatch/peoplebatch-go/people/peopletest] is an in-memory emulator of the API. Point a client at it:

	srv := peopletest.NewServer()
	defer srv.Close()
	c, err := people.NewClient(ctx, srv.ClientOptions("alice@example.com")...)

[people.batchCreateContacts]: https://developers.google.com/people/api/rest/v1/people/batchCreateContacts
*/
package people
