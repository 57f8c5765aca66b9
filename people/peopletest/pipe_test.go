// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"context"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// pipeListener is an in-memory network for tests inside testing/synctest.Test: the server
// accepts, and the client dials, the two ends of a net.Pipe. A goroutine waiting on a pipe
// blocks durably, which a loopback socket does not, so the bubble's fake clock can move on
// while a request waits for the server's latency or for a client that stalls.
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept returns the server end of the next dialled pipe.
func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept; it is safe to call more than once.
func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr returns an address that names no real host.
func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// DialContext returns the client end of a new pipe whose server end Accept returns; it
// ignores the address.
func (l *pipeListener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe.invalid:80" }

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
