// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fixtureStatus is the HTTP status of each wire fixture (testdata/fixtures/README.md).
var fixtureStatus = map[string]int{
	"request.json":                   200,
	"success.json":                   200,
	"success-empty-readmask.json":    200,
	"error-batch-contacts.json":      400,
	"error-bad-readmask-400.json":    400,
	"error-too-many-400.json":        400,
	"error-quota-429.json":           429,
	"error-quota-retryinfo-429.json": 429,
	"error-quota-fbs-429.json":       429,
	"error-unauthenticated-401.json": 401,
	"error-scope-403.json":           403,
	"error-unavailable-503.json":     503,
	"error-internal-500.json":        500,
	"error-legacy-400.json":          400,
	"error-unknown-detail.json":      409,
	"proxy-502.html":                 502,
}

// fuzzFixtures returns every fixture file by name; fixtureStatus gives its HTTP status.
func fuzzFixtures(f *testing.F) map[string][]byte {
	f.Helper()
	dir := filepath.Join("testdata", "fixtures")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	out := map[string][]byte{}
	for _, name := range files {
		if strings.HasSuffix(name, ".md") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		out[filepath.Base(name)] = b
	}
	if len(out) != len(fixtureStatus) {
		f.Fatalf("%d fixtures in %s, want the %d of fixtureStatus", len(out), dir, len(fixtureStatus))
	}
	return out
}

// Header values that must never appear in error text.
const (
	fuzzSecret1 = "Bearer ya29.a0Fuzz-Secret-Token-1111"
	fuzzSecret2 = "Bearer ya29.b0Other-Secret-Token-2222"
)

func fuzzHeader(secret string) http.Header {
	return http.Header{
		"Authorization":    {secret},
		"Set-Cookie":       {"SID=" + secret[len(secret)-8:] + "cookie"},
		"X-Goog-Api-Key":   {"AIzaFuzz" + secret[len(secret)-4:]},
		"Content-Type":     {"application/x-fuzz-" + secret[len(secret)-4:]},
		"X-Debug-Tracking": {"trace-" + secret[len(secret)-4:]},
	}
}

// detailCmpOpts compares decoded details: an unknown detail's Raw by JSON value, since
// encoding/json compacts the output of a nested MarshalJSON.
var detailCmpOpts = cmp.Options{
	cmp.AllowUnexported(BatchCreateContactsErrorDetails{}),
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b *UnknownDetail) bool {
		if a == nil || b == nil {
			return a == b
		}
		if a.Type != b.Type {
			return false
		}
		var va, vb any
		if json.Unmarshal(a.Raw, &va) != nil || json.Unmarshal(b.Raw, &vb) != nil {
			return bytes.Equal(a.Raw, b.Raw)
		}
		return reflect.DeepEqual(va, vb)
	}),
}

// FuzzDecodeError feeds any status and body to decodeError: it never panics, its text is
// short, valid UTF-8 and free of the response headers, and what it decodes survives a
// MarshalJSON round trip.
func FuzzDecodeError(f *testing.F) {
	for name, b := range fuzzFixtures(f) {
		f.Add(fixtureStatus[name], b)
	}
	f.Add(0, []byte(nil))
	f.Add(-1, []byte("null"))
	f.Add(999, []byte(`{"error":{"code":"x"}}`))
	f.Add(429, []byte(`{"error":{"status":" RESOURCE_EXHAUSTED ","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1e9s"}]}}`))
	f.Add(400, []byte(`{"error":{"details":[5,null,"x",{"@type":"BatchCreateContactsErrorDetails","contactErrors":{"1":null}}]}}`))
	f.Add(502, []byte("<html>"+strings.Repeat("€ <b>x</b> ", 100)))
	f.Add(401, []byte(`{"error":{"message":"`+strings.Repeat("é", 400)+`"}}`))

	f.Fuzz(func(t *testing.T, status int, body []byte) {
		h1, h2 := fuzzHeader(fuzzSecret1), fuzzHeader(fuzzSecret2)
		e := decodeError(status, h1, body)
		if e == nil {
			t.Fatal("decodeError returned nil")
		}
		if e.HTTPStatus != status {
			t.Errorf("HTTPStatus = %d, want %d", e.HTTPStatus, status)
		}
		msg := e.Error()
		if len(msg) > 1000 {
			t.Errorf("len(Error()) = %d, want at most 1000", len(msg))
		}
		if !utf8.ValidString(msg) {
			t.Errorf("Error() = %q is not valid UTF-8", msg)
		}
		if !strings.HasPrefix(msg, "people: HTTP "+strconv.Itoa(status)+" ") {
			t.Errorf("Error() = %q", msg)
		}

		// The headers do not reach the text: the same reply with other header values gives
		// the same text, and a header value in it is one that the body alone produces.
		if msg2 := decodeError(status, h2, body).Error(); msg2 != msg {
			t.Errorf("Error() depends on the headers:\n%q\n%q", msg, msg2)
		}
		bare := decodeError(status, nil, body).Error()
		for name, vs := range h1 {
			for _, v := range vs {
				if strings.Contains(msg, v) && !strings.Contains(bare, v) {
					t.Errorf("Error() = %q holds the %s header", msg, name)
				}
			}
		}

		// The header is a copy.
		if !reflect.DeepEqual(e.Header, h1) {
			t.Errorf("Header = %v, want %v", e.Header, h1)
		}
		e.Header.Set("Authorization", "changed")
		if h1.Get("Authorization") != fuzzSecret1 {
			t.Error("decodeError shares the caller's header map")
		}

		// Envelope or excerpt, never both.
		var env errorEnvelope
		isEnvelope := json.Unmarshal(body, &env) == nil && env.Error != nil
		if isEnvelope {
			if e.Body != "" {
				t.Errorf("Body = %q for a JSON envelope", e.Body)
			}
			if want := strings.TrimSpace(env.Error.Status); e.Status != want {
				t.Errorf("Status = %q, want %q", e.Status, want)
			}
		} else if e.Status != "" || e.Message != "" || e.Details != nil || e.Errors != nil {
			t.Errorf("decoded %+v from a body that is no envelope", e)
		}
		if c, ok := codeOf(e.Status); ok {
			if e.Code != c {
				t.Errorf("Code = %v, want %v named by the body", e.Code, c)
			}
		} else if e.Code != codeForHTTP(status) {
			t.Errorf("Code = %v, want %v for HTTP %d", e.Code, codeForHTTP(status), status)
		}
		// Body is an excerpt: no tags, bounded (maxExcerpt plus an ellipsis; see
		// TestErrorBodyExcerptCapped for the exact bound).
		if len(e.Body) > maxExcerpt+len("…") || strings.Contains(e.Body, "<") || !utf8.ValidString(e.Body) {
			t.Errorf("Body = %q (%d bytes)", e.Body, len(e.Body))
		}

		// Details are never nil and survive a round trip.
		for i, d := range e.Details {
			if d == nil || reflect.ValueOf(d).IsNil() {
				t.Fatalf("Details[%d] is nil", i)
			}
			_ = d.TypeURL()
		}
		if e.Details == nil {
			return
		}
		b, err := e.Details.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if !json.Valid(b) {
			t.Fatalf("MarshalJSON = %s, not JSON", b)
		}
		var back Details
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", b, err)
		}
		if diff := cmp.Diff(e.Details, back, detailCmpOpts); diff != "" {
			t.Errorf("Details round trip (-before +after):\n%s\nJSON: %s", diff, b)
		}
	})
}

// FuzzDecodeSuccess feeds any body to created as the 2xx reply of a request of n contacts:
// it never panics, every contact sent ends created, Err is set exactly when the body is
// not one JSON document that lists a person for each contact sent (with a read mask), and
// each Response is what encoding/json decodes into new objects, a Person or Status that
// decodes to its zero value made nil.
func FuzzDecodeSuccess(f *testing.F) {
	for name, b := range fuzzFixtures(f) {
		f.Add(uint8(2), true, false, b)
		f.Add(uint8(5), name == "success.json", false, b)
	}
	f.Add(uint8(0), true, false, []byte(`{}`))
	f.Add(uint8(1), true, false, []byte(`{"createdPeople":[{"person":{"resourceName":"people/c1"}}]}`))
	f.Add(uint8(2), true, true, []byte(`{"createdPeople":[`+
		`{"person":{"clientData":[{"key":"peoplebatch.id","value":"m1"}]}},`+
		`{"person":{"clientData":[{"key":"peoplebatch.id","value":"m0"}]}}]}`))
	f.Add(uint8(17), true, false, []byte(`{"createdPeople":[{},{}]}`))
	f.Add(uint8(3), false, false, []byte(`{"createdPeople":null}`))
	f.Add(uint8(4), true, false, []byte(`{"createdPeople":[{"person":{},"status":{}},{"status":{"code":0,"message":""}},`+
		`{"person":null,"status":null},{"person":{"names":[]},"status":{"code":5}}]}`))
	f.Add(uint8(2), true, false, []byte(`{"createdPeople":[{"person":{"etag":"a"},"person":null,"person":{"resourceName":"r"}},`+
		`{"person":{"etag":"b"},"person":{"resourceName":"s"}}]}`))
	f.Add(uint8(1), true, false, []byte(`{"createdPeople":[{"person":{"etag":"a"}}],"createdPeople":[{"status":{"message":"m"}}]}`))

	f.Fuzz(func(t *testing.T, n uint8, withMask, withMarkers bool, body []byte) {
		// n encodes the chunk: n%8 contacts sent and, before each of the first n/8%4 of
		// them, one that validation refused and that must stay as it was.
		sent, refused := int(n%8), int(n/8%4)
		cfg := Config{MaxResponseBytes: 1 << 30}
		if withMarkers {
			cfg.Reconcile = &ReconcileConfig{}
		}
		mask := ""
		if withMask {
			mask = "names"
		}
		cl := &call{c: &Client{cfg: cfg}, ctx: context.Background(), readMask: mask, reqMask: mask}
		br := &BatchResult{}
		var pending []int
		var markers []string
		failedErr := &InputError{}
		for j := range max(sent, refused) {
			if j < refused {
				br.Contacts = append(br.Contacts, ContactResult{Outcome: OutcomeFailed, Err: failedErr})
				markers = append(markers, "")
			}
			if j < sent {
				pending = append(pending, len(br.Contacts))
				br.Contacts = append(br.Contacts, ContactResult{})
				markers = append(markers, "m"+strconv.Itoa(len(markers)))
			}
		}
		for i := range br.Contacts {
			br.Contacts[i].Index = i
		}
		resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		ch := &chunk{br: br, reply: cl.c.readReply(resp), created: pending}
		if withMarkers {
			ch.markers = markers
		}
		for _, i := range pending {
			br.Contacts[i].Outcome = OutcomeCreated
		}
		cl.decode(ch)

		// The oracle: the whole body is one JSON document; with a read mask it lists one
		// non-null person response per contact sent. As PersonResponse documents, a person
		// or status that decodes to its zero value is nil.
		var want batchCreateResponse
		ok := json.Unmarshal(body, &want) == nil
		for _, pr := range want.CreatedPeople {
			if pr == nil {
				continue
			}
			if pr.Person != nil && reflect.DeepEqual(*pr.Person, Person{}) {
				pr.Person = nil
			}
			if pr.Status != nil && reflect.DeepEqual(*pr.Status, Status{}) {
				pr.Status = nil
			}
		}
		if ok && mask != "" {
			ok = len(want.CreatedPeople) == len(pending)
			for _, pr := range want.CreatedPeople {
				ok = ok && pr != nil
			}
		}
		if ok && mask != "" && withMarkers {
			want.CreatedPeople = expectByMarker(want.CreatedPeople, pending, markers)
		}

		isPending := map[int]int{}
		for k, i := range pending {
			isPending[i] = k
		}
		for i, r := range br.Contacts {
			k, sentNow := isPending[i]
			if !sentNow {
				if r.Outcome != OutcomeFailed || r.Err != failedErr || r.Response != nil {
					t.Errorf("contact %d, not sent, became %+v", i, r)
				}
				continue
			}
			if r.Outcome != OutcomeCreated {
				t.Errorf("contact %d: Outcome = %v, want created", i, r.Outcome)
			}
			if (r.Err == nil) != ok {
				t.Errorf("contact %d: Err = %v, want an error = %v (mask %q, %d sent, body %q)", i, r.Err, !ok, mask, len(pending), body)
			}
			if r.Err != nil {
				if r.Response != nil {
					t.Errorf("contact %d: Response set with Err %v", i, r.Err)
				}
				if !strings.HasPrefix(r.Err.Error(), "people: contacts created, but ") {
					t.Errorf("contact %d: Err = %q", i, r.Err)
				}
				continue
			}
			if mask == "" {
				continue
			}
			if r.Response == nil {
				t.Errorf("contact %d: no Response with a read mask and no error", i)
			} else if diff := cmp.Diff(want.CreatedPeople[k], r.Response, detailCmpOpts); diff != "" {
				t.Errorf("contact %d: Response (-want +got):\n%s", i, diff)
			}
		}
	})
}

// createdWith decodes body as the reply to n contacts with the read mask "names".
func createdWith(body string, n int) *BatchResult {
	cl := &call{c: &Client{cfg: Config{MaxResponseBytes: 1 << 20}}, ctx: context.Background(), readMask: "names", reqMask: "names"}
	br := &BatchResult{Contacts: make([]ContactResult, n)}
	pending := make([]int, n)
	for i := range pending {
		pending[i], br.Contacts[i].Index = i, i
	}
	for _, i := range pending {
		br.Contacts[i].Outcome = OutcomeCreated
	}
	cl.decode(&chunk{br: br, created: pending, reply: cl.c.readReply(&http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(body))})})
	return br
}

// TestCreatedNullPersonResponse: a reply that lists null for a contact has not told what
// was created. ContactResult documents that Response is nil only with an empty read mask or
// when the reply could not be read, and then Err says why; here Err must be set.
func TestCreatedNullPersonResponse(t *testing.T) {
	t.Parallel()
	br := createdWith(`{"createdPeople":[{"person":{"resourceName":"people/c1"}},null]}`, 2)
	r := br.Contacts[1]
	if r.Outcome != OutcomeCreated {
		t.Errorf("Outcome = %v, want created", r.Outcome)
	}
	if r.Response == nil && r.Err == nil {
		t.Error("contact 1: no Response and no Err with a non-empty read mask")
	}
}

// TestCreatedTrailingData: a 2xx body that holds more than one JSON document is not a reply
// that could be read; found by FuzzDecodeSuccess (testdata/fuzz/FuzzDecodeSuccess).
func TestCreatedTrailingData(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"createdPeople":[{"person":{}}]}0`,
		`{"createdPeople":[{"person":{}}]}{"error":{"code":500}}`,
		`{"createdPeople":[{"person":{}}]}}`,
	} {
		if r := createdWith(body, 1).Contacts[0]; r.Err == nil {
			t.Errorf("body %q: Err = nil, want the reply reported unreadable", body)
		}
	}
	// Trailing white space is fine.
	if r := createdWith("{\"createdPeople\":[{\"person\":{}}]}\n\t ", 1).Contacts[0]; r.Err != nil || r.Response == nil {
		t.Errorf("trailing white space: %+v", r)
	}
}

// expectByMarker orders created by the markers of the contacts sent, as reconciliation
// does, or keeps the server's order when the markers do not match one to one.
func expectByMarker(created []*PersonResponse, pending []int, markers []string) []*PersonResponse {
	pos := map[string]int{}
	for k, i := range pending {
		pos[markers[i]] = k
	}
	out := make([]*PersonResponse, len(pending))
	for _, pr := range created {
		k, ok := pos[Marker(pr.Person, defaultMarkerKey)]
		if !ok || out[k] != nil {
			return created
		}
		out[k] = pr
	}
	return out
}
