// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

// errorEnvelope is Google's JSON error envelope.
type errorEnvelope struct {
	Error *struct {
		Code    int           `json:"code"`
		Message string        `json:"message"`
		Status  string        `json:"status"`
		Details Details       `json:"details"`
		Errors  []LegacyError `json:"errors"`
	} `json:"error"`
}

// maxExcerpt caps Error.Body.
const maxExcerpt = 200

// decodeError turns a non-2xx reply into an *Error. body holds what was read of the body,
// already capped by the caller. It never fails: what is not an envelope becomes an excerpt.
func decodeError(status int, header http.Header, body []byte) *Error {
	e := &Error{HTTPStatus: status, Code: codeForHTTP(status), Header: header.Clone()}
	var env errorEnvelope
	if err := json.Unmarshal(body, &env); err != nil || env.Error == nil {
		e.Body = excerpt(body)
		return e
	}
	env.Error.Status = strings.TrimSpace(env.Error.Status)
	e.Status = env.Error.Status
	if c, ok := codeOf(e.Status); ok {
		e.Code = c
	}
	e.Message = env.Error.Message
	e.Details = env.Error.Details
	e.Errors = env.Error.Errors
	return e
}

// excerpt makes a short printable summary of a body that was not an error envelope: the text
// of an HTML page without its tags, white space folded, capped at maxExcerpt bytes.
func excerpt(body []byte) string {
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	var b strings.Builder
	inTag, space := false, false
	for _, r := range string(bytes.ToValidUTF8(body, []byte("?"))) {
		switch {
		case r == '<':
			inTag = true
			continue
		case r == '>' && inTag:
			inTag = false
			r = ' '
		case inTag:
			continue
		}
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		if b.Len() >= maxExcerpt {
			break
		}
	}
	return truncate(b.String(), maxExcerpt-len("…"))
}

// retryHint returns the wait a reply asks for: a RetryInfo detail first, then Retry-After.
func retryHint(ds Details, h http.Header, now time.Time) (time.Duration, bool) {
	if ri := ds.RetryInfo(); ri != nil && ri.RawRetryDelay != "" {
		if d, ok := backoff.ParseDuration(ri.RawRetryDelay); ok {
			return d, true
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		return backoff.ParseRetryAfter(v, now)
	}
	return 0, false
}
