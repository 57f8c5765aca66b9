// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/internal/pipenet"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// pipeListener is an in-memory network for tests inside testing/synctest.Test.
type pipeListener = pipenet.Listener

var newPipeListener = pipenet.New

// newPipeServer starts a server on a pipeListener, for a test inside synctest.Test, and
// returns it with a client that reaches it and the listener, for raw connections. Both are
// closed at the end of the test.
func newPipeServer(t *testing.T, opts ...peopletest.Option) (*peopletest.Server, *http.Client, *pipeListener) {
	t.Helper()
	l := newPipeListener()
	srv := peopletest.NewServer(append(slices.Clip(opts), peopletest.WithListener(l))...)
	hc := &http.Client{Transport: &http.Transport{DialContext: l.DialContext}}
	t.Cleanup(srv.Close)
	t.Cleanup(hc.CloseIdleConnections)
	return srv, hc, l
}
