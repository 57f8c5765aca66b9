// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// start runs the emulator with args and returns its URL and a function that stops it and
// returns the rest of its output.
func start(t *testing.T, args ...string) (url string, stop func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-port", "0"}, args...), pw, io.Discard)
		pw.Close()
		done <- err
	}()
	out := bufio.NewReader(pr)
	line, err := out.ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no address printed: %v (run: %v)", err, <-done)
	}
	url = strings.TrimSpace(strings.TrimPrefix(line, "peopletest emulator listening on "))
	if env, _ := out.ReadString('\n'); !strings.HasPrefix(env, "export PEOPLE_EMULATOR_HOST=127.0.0.1:") {
		t.Errorf("second line = %q", env)
	}
	return url, func() string {
		cancel()
		rest, _ := io.ReadAll(out)
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		return string(rest)
	}
}

func post(t *testing.T, url, user, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url+"/v1/people:batchCreateContacts", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

const oneContact = `{"contacts":[{"contactPerson":{"names":[{"givenName":"Ada"}]}}],"readMask":"names"}`

func TestServesAndStops(t *testing.T) {
	t.Parallel()
	url, stop := start(t)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url = %q", url)
	}
	if resp := post(t, url, "alice", oneContact); resp.StatusCode != 200 {
		t.Errorf("got %d", resp.StatusCode)
	}
	if rest := stop(); rest != "emulator stopped after 1 requests\n" {
		t.Errorf("output after stop = %q", rest)
	}
}

func TestFlagsReachTheServer(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		args []string
		want []int // statuses of three requests by alice
	}{
		"defaults":      {want: []int{200, 200, 200}},
		"quota":         {args: []string{"-quota", "2", "-retry-after", "-retry-info"}, want: []int{200, 200, 429}},
		"token bucket":  {args: []string{"-quota", "1", "-quota-window", "1h", "-quota-burst", "2"}, want: []int{200, 200, 429}},
		"project quota": {args: []string{"-project-quota", "1", "-project-quota-burst", "1", "-project-quota-limit", "X"}, want: []int{200, 429, 429}},
		"contact limit": {args: []string{"-contact-limit", "2"}, want: []int{200, 200, 400}},
		"faults": {args: []string{"-fault", "status,status=502,request=2", "-fault", "internal-after-commit,user=alice,request=3"},
			want: []int{200, 502, 500}},
		"certain probabilistic fault": {args: []string{"-fault", "status,p=1", "-seed", "3"}, want: []int{503, 503, 503}},
		"latency and concurrency": {args: []string{"-latency", "1ms", "-latency-per-contact", "1ms", "-concurrency", "abort"},
			want: []int{200, 200, 200}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url, stop := start(t, tc.args...)
			defer stop()
			var got []int
			for range 3 {
				got = append(got, post(t, url, "alice", oneContact).StatusCode)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		args []string
		want string
	}{
		"unknown kind":    {args: []string{"-fault", "explode"}, want: `unknown fault kind "explode"`},
		"unknown key":     {args: []string{"-fault", "status,colour=red"}, want: `unknown key "colour"`},
		"not key=value":   {args: []string{"-fault", "status,503"}, want: "is not key=value"},
		"bad number":      {args: []string{"-fault", "status,status=abc"}, want: "status:"},
		"bad duration":    {args: []string{"-fault", "slow-response,delay=soon"}, want: "delay:"},
		"bad mutation":    {args: []string{"-fault", "status,mutation=contactGroups.delete"}, want: `mutation: "contactGroups.delete" is not one of`},
		"bad concurrency": {args: []string{"-concurrency", "panic"}, want: "want count, abort or delay"},
		"stray argument":  {args: []string{"extra"}, want: "unexpected arguments"},
		"negative port":   {args: []string{"-port", "-1"}, want: "invalid port"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := run(t.Context(), tc.args, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
	if err := run(t.Context(), []string{"-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
}

func TestParseFault(t *testing.T) {
	t.Parallel()
	got, err := parseFault("slow-response, delay=2s, request=4, user=bob, p=0.25, status=201, size=10, content-type=text/plain, mutation=*")
	if err != nil {
		t.Fatal(err)
	}
	want := peopletest.Fault{Kind: peopletest.FaultSlowResponse, Delay: 2 * time.Second, Request: 4, User: "bob",
		Probability: 0.25, Status: 201, Size: 10, ContentType: "text/plain", Mutation: peopletest.AnyMutation}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseFault (-want +got):\n%s", diff)
	}
	var l faultList
	_ = l.Set("huge-body")
	_ = l.Set("status")
	if s := l.String(); s != "huge-body status" {
		t.Errorf("String = %q", s)
	}
}

// send sends method path with body as alice and returns the status and body of the answer.
func send(t *testing.T, method, url, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer alice")
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestServesGroupsAndPhotos creates a group (after a fault aimed at group creation), a
// contact in it and its photo, and reads them back, photo bytes included.
func TestServesGroupsAndPhotos(t *testing.T) {
	t.Parallel()
	url, stop := start(t, "-fault", "status,status=503,mutation=contactGroups.create")
	defer stop()

	if code, _ := send(t, http.MethodPost, url+"/v1/people:batchCreateContacts", oneContact); code != 200 {
		t.Fatalf("batchCreateContacts: %d, the group fault fired on it", code)
	}
	groupBody := `{"contactGroup":{"name":"Family"}}`
	if code, _ := send(t, http.MethodPost, url+"/v1/contactGroups", groupBody); code != 503 {
		t.Errorf("first group create: %d, want the fault's 503", code)
	}
	code, b := send(t, http.MethodPost, url+"/v1/contactGroups", groupBody)
	var g struct{ ResourceName string }
	if code != 200 || json.Unmarshal(b, &g) != nil {
		t.Fatalf("group create: %d %s", code, b)
	}
	code, b = send(t, http.MethodPost, url+"/v1/people:batchCreateContacts",
		`{"contacts":[{"contactPerson":{"names":[{"givenName":"Bo"}],"memberships":[{"contactGroupMembership":{"contactGroupResourceName":"`+g.ResourceName+`"}}]}}],"readMask":"names"}`)
	var created struct {
		CreatedPeople []struct{ Person struct{ ResourceName string } }
	}
	if code != 200 || json.Unmarshal(b, &created) != nil {
		t.Fatalf("create member: %d %s", code, b)
	}
	rn := created.CreatedPeople[0].Person.ResourceName

	photo := append([]byte("\x89PNG\r\n\x1a\n"), "rest of a PNG"...)
	code, b = send(t, http.MethodPatch, url+"/v1/"+rn+":updateContactPhoto",
		`{"photoBytes":"`+base64.StdEncoding.EncodeToString(photo)+`","personFields":"photos"}`)
	var updated struct {
		Person struct{ Photos []struct{ URL string } }
	}
	if code != 200 || json.Unmarshal(b, &updated) != nil || len(updated.Person.Photos) != 1 {
		t.Fatalf("updateContactPhoto: %d %s", code, b)
	}
	if code, b = send(t, http.MethodGet, updated.Person.Photos[0].URL, ""); code != 200 || !bytes.Equal(b, photo) {
		t.Errorf("photo download: %d, %d bytes", code, len(b))
	}
	code, b = send(t, http.MethodGet, url+"/v1/"+g.ResourceName+"?maxMembers=5", "")
	var got struct {
		MemberCount         int
		MemberResourceNames []string
	}
	if code != 200 || json.Unmarshal(b, &got) != nil || got.MemberCount != 1 || len(got.MemberResourceNames) != 1 || got.MemberResourceNames[0] != rn {
		t.Errorf("group get: %d %s", code, b)
	}
}
