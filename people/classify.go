// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// verdict is what one attempt of a mutate request says about its write: for
// batchCreateContacts, about its contacts.
type verdict uint8

const (
	// verdictCreated: a 2xx JSON reply; the write was applied (every contact sent was
	// created, the group created, the photo set).
	verdictCreated verdict = iota
	// verdictRefused: 429 or 409 ABORTED; nothing applied, the same request may succeed later.
	// (409 ALREADY_EXISTS, a contact group's name taken, is verdictRejected.)
	verdictRefused
	// verdictNotSent: no byte of the request left the machine.
	verdictNotSent
	// verdictRejected: another 4xx; nothing applied, and the same request would fail again.
	verdictRejected
	// verdictAccountFull: the user's account holds the most contacts it may; nothing applied,
	// and no request for the user can succeed until contacts are deleted.
	verdictAccountFull
	// verdictUnknown: the request may or may not have been applied.
	verdictUnknown
)

// classify judges one attempt from its reply or transport error, and from whether any of its
// request was written (wrote). It reads and closes the body of every reply but a created
// one, whose body is left unread for the caller; the decoded error reply, when there is one,
// is returned beside the verdict.
func classify(resp *http.Response, err error, wrote bool) (verdict, *Error) {
	if err != nil {
		if wrote {
			return verdictUnknown, nil
		}
		return verdictNotSent, nil
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if jsonReply(resp.Header) {
			return verdictCreated, nil
		}
		// The People API always answers JSON. A 2xx page of another type comes from
		// something in between, such as a captive portal, which may or may not have passed
		// the request on.
		discard(resp)
		return verdictUnknown, nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
	discard(resp)
	e := decodeError(resp.StatusCode, resp.Header, b)
	switch {
	case e.accountFull():
		return verdictAccountFull, e
	case resp.StatusCode == http.StatusTooManyRequests || (resp.StatusCode == http.StatusConflict && aborted(e)):
		return verdictRefused, e
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout:
		return verdictRejected, e
	}
	// 5xx, 3xx, 408 and anything else: the request may have been applied.
	return verdictUnknown, e
}

// aborted reports whether a 409 reply is the API's ABORTED (a concurrent mutation: nothing
// applied), named so or with no status at all, rather than ALREADY_EXISTS or a status that a
// retry of this non-idempotent call must not guess about.
func aborted(e *Error) bool {
	return e.Code == Aborted && (e.Status == "" || e.Status == Aborted.String())
}

// retryable reports whether an attempt judged v, with transport error err, may be tried
// again: it certainly applied nothing and another try may fare otherwise, or, for an
// idempotent request, applying it again changes nothing.
func retryable(v verdict, err error, idempotent bool) bool {
	switch v {
	case verdictRefused:
		return true
	case verdictUnknown:
		return idempotent
	case verdictNotSent:
		return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) && !permanentTransportError(err)
	}
	return false
}

// jsonReply reports whether a reply's Content-Type is JSON, or absent.
func jsonReply(h http.Header) bool {
	ct := h.Get("Content-Type")
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// discard reads a little of a reply that is not used, so that its connection can be reused,
// and closes it.
func discard(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
}
