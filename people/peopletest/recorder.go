// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"bufio"
	"net"
	"net/http"
	"sync"
)

// recorder records a request's Request as its answer starts out (its status line, or the
// connection taken to be reset or cut), so that a client that has read the answer finds the
// request in Requests, even if it stopped reading before the handler returned.
type recorder struct {
	http.ResponseWriter
	rec  *Request
	once sync.Once
	s    *Server
}

// done records rec once: at the answer's start, or when the handler returns without one.
func (w *recorder) done() { w.once.Do(func() { w.s.record(*w.rec) }) }

func (w *recorder) WriteHeader(code int) {
	w.start(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	w.start(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// start records rec with the answer's status, unless it is recorded already.
func (w *recorder) start(code int) {
	w.once.Do(func() {
		w.rec.Status = code
		w.s.record(*w.rec)
	})
}

// Hijack records rec as it stands (a reset answers nothing; a cut body has set its status)
// and hands the connection over.
func (w *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.done()
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// Unwrap lets http.ResponseController reach the server's writer.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
