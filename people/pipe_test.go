// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"net/http"
	"testing"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/internal/pipenet"
	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// pipeListener is an in-memory network for tests inside testing/synctest.Test.
type pipeListener = pipenet.Listener

var newPipeListener = pipenet.New

// bearer adds "Authorization: Bearer user", naming the emulator's user, as
// peopletest.Server.ClientOptions does, and passes CloseIdleConnections on.
type bearer struct {
	user string
	base *http.Transport
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.user)
	return b.base.RoundTrip(r)
}

func (b bearer) CloseIdleConnections() { b.base.CloseIdleConnections() }

// pipeEmulator starts an emulator on in-memory pipes, closed when the test ends, and returns
// it with an HTTP client of it that acts as user.
func pipeEmulator(t *testing.T, user string, opts ...peopletest.Option) (*peopletest.Server, *http.Client) {
	t.Helper()
	srv, tr := pipeServer(t, opts...)
	return srv, &http.Client{Transport: bearer{user: user, base: tr}}
}

// pipeServer starts an emulator on in-memory pipes and returns it with a transport that
// dials it, both closed when the test ends. The transport sends no Authorization header.
func pipeServer(t *testing.T, opts ...peopletest.Option) (*peopletest.Server, *http.Transport) {
	t.Helper()
	l := newPipeListener()
	srv := peopletest.NewServer(append(opts, peopletest.WithListener(l))...)
	t.Cleanup(srv.Close)
	tr := &http.Transport{DialContext: l.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return srv, tr
}

// pipeClient returns a client of an emulator started by pipeEmulator, closed when the test
// ends.
func pipeClient(t *testing.T, srv *peopletest.Server, hc *http.Client, cfg *people.Config) *people.Client {
	t.Helper()
	c, err := people.NewClientWithConfig(t.Context(), cfg, option.WithEndpoint(srv.URL+"/"), option.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
