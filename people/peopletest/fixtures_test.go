// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// comparison says how an answer of the emulator is held against a fixture.
type comparison int

const (
	sameValue   comparison = iota // equal JSON values
	sameBytes                     // equal bytes
	sameShape                     // the same key paths with the same JSON types
	fixtureFits                   // every key path of the fixture is in the answer, with its type
	answerFits                    // every key path of the answer is in the fixture, with its type
	statusOnly                    // only the status
)

// TestFixtures holds every file of testdata/fixtures against what the emulator answers for an
// equivalent request. A new fixture without a check fails the test.
func TestFixtures(t *testing.T) {
	t.Parallel()
	dir := fixturesDir
	request := readFixture(t, "request.json")
	withMask := func(mask string) []byte {
		var req map[string]any
		if err := json.Unmarshal(request, &req); err != nil {
			t.Fatal(err)
		}
		req["readMask"] = mask
		b, _ := json.Marshal(req)
		return b
	}
	post := func(body []byte) func(*testing.T, *peopletest.Server) result {
		return func(t *testing.T, srv *peopletest.Server) result {
			return mustDo(t, srv, "", http.MethodPost, batchPath, body)
		}
	}
	fault := func(f peopletest.Fault) func(*testing.T, *peopletest.Server) result {
		return func(t *testing.T, srv *peopletest.Server) result {
			srv.AddFaults(f)
			return mustDo(t, srv, "", http.MethodPost, batchPath, request)
		}
	}
	type check struct {
		produce func(*testing.T, *peopletest.Server) result
		status  int
		compare comparison
	}
	checks := map[string][]check{
		"README.md":                   nil,
		"request.json":                {{post(request), 200, statusOnly}}, // its answer is success.json
		"success.json":                {{post(request), 200, sameShape}},
		"success-empty-readmask.json": {{post(withMask("")), 200, sameBytes}},
		"error-batch-contacts.json": {{post([]byte(batch("names",
			person("A"), `{"names":[{"givenName":"B"},{"givenName":"B2"}]}`, person("C"), person("D"),
			`{"birthdays":[{"date":{"year":1815,"month":13,"day":10}}]}`))), 400, sameShape}},
		"error-bad-readmask-400.json": {{post(withMask("adresy")), 400, sameValue}},
		"error-too-many-400.json": {{post([]byte(`{"contacts":[` + strings.Repeat(`{"contactPerson":{}},`, 200) + `{"contactPerson":{}}],"readMask":""}`)),
			400, sameValue}},
		"error-quota-429.json": {{func(t *testing.T, srv *peopletest.Server) result {
			srv2 := newServer(t, peopletest.WithWriteQuota(peopletest.Quota{Requests: 1}))
			mustDo(t, srv2, "", http.MethodPost, batchPath, request)
			return mustDo(t, srv2, "", http.MethodPost, batchPath, request)
		}, 429, sameValue}},
		"error-quota-retryinfo-429.json": {{func(t *testing.T, srv *peopletest.Server) result {
			clock := newFakeClock()
			srv2 := newServer(t, peopletest.WithWriteQuota(peopletest.Quota{Requests: 1, RetryInfo: true}), peopletest.WithClock(clock.Now))
			mustDo(t, srv2, "", http.MethodPost, batchPath, request)
			clock.Advance(47500 * time.Millisecond) // the window frees in 12.5s
			return mustDo(t, srv2, "", http.MethodPost, batchPath, request)
		}, 429, fixtureFits}},
		"error-quota-fbs-429.json":       {{fault(peopletest.Fault{Status: 429}), 429, sameValue}},
		"error-unauthenticated-401.json": {{fault(peopletest.Fault{Status: 401}), 401, sameValue}, {basicAuth(request), 401, sameShape}},
		"error-scope-403.json":           {{fault(peopletest.Fault{Status: 403}), 403, sameValue}},
		"error-unavailable-503.json":     {{fault(peopletest.Fault{}), 503, sameValue}},
		"error-internal-500.json":        {{fault(peopletest.Fault{Kind: peopletest.FaultInternalAfterCommit}), 500, sameValue}},
		"error-legacy-400.json":          {{fault(peopletest.Fault{Status: 400}), 400, sameValue}},
		"error-unknown-detail.json": {
			{fault(peopletest.Fault{Status: 409}), 409, answerFits},
			{fault(peopletest.Fault{Status: 409, Body: readFixture(t, "error-unknown-detail.json")}), 409, sameBytes},
		},
		"proxy-502.html": {{fault(peopletest.Fault{Status: 502, ContentType: "text/html; charset=UTF-8"}), 502, sameBytes}},
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		cs, ok := checks[name]
		if !ok {
			t.Errorf("fixture %s has no check: add one", name)
			continue
		}
		for i, c := range cs {
			t.Run(fmt.Sprintf("%s#%d", name, i), func(t *testing.T) {
				t.Parallel()
				want := readFixture(t, name)
				got := c.produce(t, newServer(t))
				if got.status != c.status {
					t.Fatalf("status %d, want %d: %s", got.status, c.status, got.body)
				}
				compare(t, c.compare, want, got.body)
			})
		}
	}
}

func basicAuth(body []byte) func(*testing.T, *peopletest.Server) result {
	return func(t *testing.T, srv *peopletest.Server) result {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+batchPath, bytes.NewReader(body))
		req.Header.Set("Authorization", "Basic YTpi")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return result{status: resp.StatusCode, header: resp.Header, body: b.Bytes()}
	}
}

func compare(t *testing.T, how comparison, want, got []byte) {
	t.Helper()
	switch how {
	case sameBytes:
		if !bytes.Equal(want, got) {
			t.Errorf("body differs:\nwant %q\ngot  %q", want, got)
		}
	case sameValue:
		var w, g any
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("answer is not JSON: %v", err)
		}
		if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("answer differs from the fixture (-fixture +emulator):\n%s", diff)
		}
	case sameShape, fixtureFits, answerFits:
		w, g := shapeOf(t, want), shapeOf(t, got)
		if how == fixtureFits {
			g = only(g, w)
		}
		if how == answerFits {
			w = only(w, g)
		}
		if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("shape differs from the fixture (-fixture +emulator):\n%s", diff)
		}
	}
}

// only keeps the paths of m that are in keys.
func only(m, keys map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if _, ok := keys[k]; ok {
			out[k] = v
		}
	}
	return out
}

// shapeOf maps every key path of a JSON document to the JSON type found there. Array elements
// share the path "[]"; the keys of contactErrors, request indices, become "*".
func shapeOf(t *testing.T, b []byte) map[string]string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	out := map[string]string{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case map[string]any:
			out[path] = "object"
			for k, e := range x {
				if strings.HasSuffix(path, ".contactErrors") {
					k = "*"
				}
				walk(e, path+"."+k)
			}
		case []any:
			out[path] = "array"
			for _, e := range x {
				walk(e, path+"[]")
			}
		case string:
			out[path] = "string"
		case float64:
			out[path] = "number"
		case bool:
			out[path] = "bool"
		case nil:
			out[path] = "null"
		}
	}
	walk(v, "")
	return out
}
