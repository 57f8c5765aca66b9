// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// This file writes Google's JSON error envelope: a google.rpc.Status inside "error", whose
// details are google.protobuf.Any values in JSON (an "@type" URL and the fields inline).

const (
	contentTypeJSON = "application/json; charset=UTF-8"
	contentTypeHTML = "text/html; charset=UTF-8"
	typePrefix      = "type.googleapis.com/"
)

type errorEnvelope struct {
	Error errorStatus `json:"error"`
}

type errorStatus struct {
	Code    int           `json:"code"`
	Message string        `json:"message"`
	Errors  []legacyError `json:"errors,omitempty"`
	Status  string        `json:"status"`
	Details []any         `json:"details,omitempty"`
}

// legacyError is an entry of the legacy "errors" list some front ends still add.
type legacyError struct {
	Message      string `json:"message"`
	Domain       string `json:"domain"`
	Reason       string `json:"reason"`
	Location     string `json:"location,omitempty"`
	LocationType string `json:"locationType,omitempty"`
}

// rpcStatus is a google.rpc.Status outside the envelope, as in contactErrors.
type rpcStatus struct {
	Code    int    `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	Details []any  `json:"details,omitempty"`
}

type badRequest struct {
	Type            string           `json:"@type"`
	FieldViolations []fieldViolation `json:"fieldViolations"`
}

type fieldViolation struct {
	Field       string `json:"field,omitempty"`
	Description string `json:"description"`
}

type errorInfo struct {
	Type     string            `json:"@type"`
	Reason   string            `json:"reason"`
	Domain   string            `json:"domain"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

type retryInfo struct {
	Type       string `json:"@type"`
	RetryDelay string `json:"retryDelay"`
}

type helpLinks struct {
	Type  string     `json:"@type"`
	Links []helpLink `json:"links"`
}

type helpLink struct {
	Description string `json:"description"`
	URL         string `json:"url"`
}

type quotaFailure struct {
	Type       string             `json:"@type"`
	Violations []quotaViolationPB `json:"violations"`
}

type quotaViolationPB struct {
	Subject     string `json:"subject"`
	Description string `json:"description"`
}

type preconditionFailure struct {
	Type       string                  `json:"@type"`
	Violations []preconditionViolation `json:"violations"`
}

type preconditionViolation struct {
	Type        string `json:"type"`
	Subject     string `json:"subject"`
	Description string `json:"description"`
}

type requestInfo struct {
	Type      string `json:"@type"`
	RequestID string `json:"requestId"`
}

type batchErrorDetails struct {
	Type          string               `json:"@type"`
	ContactErrors map[string]rpcStatus `json:"contactErrors"`
}

func newBadRequest(v ...fieldViolation) badRequest {
	return badRequest{Type: typePrefix + "google.rpc.BadRequest", FieldViolations: v}
}

// invalidArgument is a request-level 400 INVALID_ARGUMENT with one field violation.
func invalidArgument(field, message string) errorStatus {
	return errorStatus{
		Code:    http.StatusBadRequest,
		Message: message,
		Status:  "INVALID_ARGUMENT",
		Details: []any{newBadRequest(fieldViolation{Field: field, Description: message})},
	}
}

// rpcCodeName maps an HTTP status to the google.rpc.Code name the contract pairs with it.
func rpcCodeName(httpStatus int) string {
	switch httpStatus {
	case 400:
		return "INVALID_ARGUMENT"
	case 401:
		return "UNAUTHENTICATED"
	case 403:
		return "PERMISSION_DENIED"
	case 404:
		return "NOT_FOUND"
	case 409:
		return "ABORTED"
	case 429:
		return "RESOURCE_EXHAUSTED"
	case 499:
		return "CANCELLED"
	case 500:
		return "INTERNAL"
	case 501:
		return "UNIMPLEMENTED"
	case 503:
		return "UNAVAILABLE"
	case 504:
		return "DEADLINE_EXCEEDED"
	}
	return "UNKNOWN"
}

// reply is a complete HTTP answer, built before it is delivered so that a fault can alter it.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// jsonReply encodes v the way Google front ends do: indented unless the request asked for
// prettyPrint=false, and ending in a newline.
func jsonReply(r *http.Request, status int, v any) reply {
	var (
		b   []byte
		err error
	)
	if pretty(r) {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil { // cannot happen with the emulator's own types
		b = []byte(`{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}`)
		status = http.StatusInternalServerError
	}
	h := http.Header{}
	h.Set("Content-Type", contentTypeJSON)
	return reply{status: status, header: h, body: append(b, '\n')}
}

func errorReply(r *http.Request, st errorStatus) reply {
	return jsonReply(r, st.Code, errorEnvelope{Error: st})
}

func htmlReply(status int, body string) reply {
	h := http.Header{}
	h.Set("Content-Type", contentTypeHTML)
	return reply{status: status, header: h, body: []byte(body)}
}

func pretty(r *http.Request) bool {
	if r == nil {
		return true
	}
	v := r.URL.Query().Get("prettyPrint")
	if v == "" {
		return true
	}
	b, err := strconv.ParseBool(v)
	return err != nil || b
}

// googleErrorPage is the HTML page Google front ends answer with when no JSON is available,
// like fixtures/proxy-502.html.
func googleErrorPage(status int) string {
	title := http.StatusText(status)
	text := "The requested URL was not found on this server."
	if status >= 500 {
		title = "Server Error"
		text = "The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds."
	} else if status != http.StatusNotFound {
		text = "Your client has issued a malformed or illegal request."
	}
	if title == "" {
		title = "Error"
	}
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <title>Error %d (%s)!!1</title>
  <p><b>%d.</b> <ins>That's an error.</ins>
  <p>%s  <ins>That's all we know.</ins>
`, status, title, status, text)
}

// metadataFor is the ErrorInfo metadata Google adds naming the service and the method.
func metadataFor(method string) map[string]string {
	return map[string]string{"service": "people.googleapis.com", "method": method}
}

const batchCreateMethod = "google.people.v1.PeopleService.BatchCreateContacts"
