// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

// This file delivers answers to the client, spoiled by a fault when one fired.

// statusReply is the answer of a FaultStatus.
func (f *Fault) statusReply(r *http.Request) reply {
	status := f.Status
	if status == 0 {
		status = http.StatusServiceUnavailable
	}
	var rep reply
	switch {
	case f.Body != nil:
		rep = reply{status: status, header: http.Header{}, body: bytes.Clone(f.Body)}
		ct := f.ContentType
		if ct == "" {
			ct = contentTypeJSON
		}
		rep.header.Set("Content-Type", ct)
	case status < 400 && !isHTML(f.ContentType):
		rep = jsonReply(r, status, struct{}{})
		if f.ContentType != "" {
			rep.header.Set("Content-Type", f.ContentType)
		}
	case isHTML(f.ContentType):
		rep = htmlReply(status, googleErrorPage(status))
		rep.header.Set("Content-Type", f.ContentType)
	default:
		st := cannedError(status)
		st.Code = status
		rep = errorReply(r, st)
		if f.ContentType != "" {
			rep.header.Set("Content-Type", f.ContentType)
		}
	}
	for k, v := range f.Header {
		rep.header[k] = append([]string(nil), v...)
	}
	return rep
}

func isHTML(contentType string) bool {
	return bytes.Contains(bytes.ToLower([]byte(contentType)), []byte("html"))
}

// write sends rep as is and returns its status.
func write(w http.ResponseWriter, rep reply) int {
	h := w.Header()
	for k, v := range rep.header {
		h[k] = v
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
	return rep.status
}

// deliver sends rep spoiled by f, a fault acting after commit (or nil), and returns the
// status the client received, 0 when it received none.
func (s *Server) deliver(w http.ResponseWriter, r *http.Request, rep reply, f *Fault) int {
	if f == nil {
		return write(w, rep)
	}
	switch f.Kind {
	case FaultResetAfterCommit:
		resetConn(w)
		return 0
	case FaultInternalAfterCommit:
		return write(w, errorReply(r, internalError()))
	case FaultSlowResponse:
		if err := s.sleep(r.Context(), f.Delay); err != nil && !errors.Is(err, errClosing) {
			return 0 // the client gave up
		}
		return write(w, rep)
	case FaultTruncatedBody:
		return truncate(w, rep)
	case FaultMalformedJSON:
		body := append([]byte("{,,"), bytes.TrimPrefix(rep.body, []byte("{"))...)
		rep.header.Set("Content-Type", contentTypeJSON)
		return write(w, reply{status: rep.status, header: rep.header, body: body})
	case FaultHugeBody:
		return s.hugeBody(w, r, f)
	case FaultWrongContentType:
		return write(w, htmlReply(http.StatusOK, portalPage))
	}
	return write(w, rep)
}

// portalPage is what a captive portal or a proxy's login page answers with status 200.
const portalPage = `<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <title>Sign in to continue</title>
  <p>Please sign in to the network to continue.
`

// resetConn closes the client's connection with a TCP reset, without an answer.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // the server closes the connection
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// truncate sends the status line, the headers (announcing the full Content-Length) and half of
// the body of rep, then closes the connection.
func truncate(w http.ResponseWriter, rep reply) int {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	h := rep.header.Clone()
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", rep.status, http.StatusText(rep.status))
	_ = h.Write(buf)
	_, _ = buf.WriteString("\r\n")
	_, _ = buf.Write(rep.body[:len(rep.body)/2])
	_ = buf.Flush()
	return rep.status
}

// hugeBody streams f.Size bytes of valid JSON, a list of empty PersonResponses or a long error
// message, stopping early when the client goes away or the server closes.
func (s *Server) hugeBody(w http.ResponseWriter, r *http.Request, f *Fault) int {
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	size := f.Size
	if size <= 0 {
		size = DefaultHugeBodySize
	}
	prefix, elem, sep, suffix := `{"createdPeople":[`, `{"status":{}}`, ",", "]}\n"
	if status >= 300 {
		prefix = fmt.Sprintf(`{"error":{"code":%d,"status":%q,"message":"`, status, rpcCodeName(status))
		elem, sep, suffix = "x", "", "\"}}\n"
	}
	w.Header().Set("Content-Type", contentTypeJSON)
	w.WriteHeader(status)
	const chunk = 64 << 10
	var b bytes.Buffer
	b.WriteString(prefix)
	remaining := size - len(prefix) - len(suffix)
	first := true
	for remaining > 0 {
		piece := elem
		if !first {
			piece = sep + elem
		}
		if len(piece) > remaining {
			piece = string(bytes.Repeat([]byte(" "), remaining)) // JSON whitespace
		}
		first = false
		b.WriteString(piece)
		remaining -= len(piece)
		if b.Len() >= chunk {
			if _, err := w.Write(b.Bytes()); err != nil || s.stopped(r) {
				return status
			}
			b.Reset()
		}
	}
	b.WriteString(suffix)
	_, _ = w.Write(b.Bytes())
	return status
}

// stopped reports whether the client went away or the server is closing.
func (s *Server) stopped(r *http.Request) bool {
	select {
	case <-r.Context().Done():
		return true
	case <-s.closing.Done():
		return true
	default:
		return false
	}
}
