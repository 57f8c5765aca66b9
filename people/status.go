// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "strconv"

// Status is a google.rpc.Status: the outcome of a request or of one contact in it.
// A nil *Status, or one whose Code is OK, means success.
type Status struct {
	// Code is the google.rpc code.
	Code Code `json:"code,omitempty"`
	// Message is the server's developer-facing English message.
	Message string `json:"message,omitempty"`
	// Details holds the typed detail messages; see Detail.
	Details Details `json:"details,omitempty"`
}

// OK reports whether s means success.
func (s *Status) OK() bool { return s == nil || s.Code == OK }

// FieldViolations returns the field violations of every google.rpc.BadRequest in s.Details.
func (s *Status) FieldViolations() []FieldViolation {
	if s == nil {
		return nil
	}
	return s.Details.FieldViolations()
}

// Code is a google.rpc.Code, the canonical error code of Google APIs.
type Code int32

// The google.rpc codes.
const (
	OK                 Code = 0
	Canceled           Code = 1
	Unknown            Code = 2
	InvalidArgument    Code = 3
	DeadlineExceeded   Code = 4
	NotFound           Code = 5
	AlreadyExists      Code = 6
	PermissionDenied   Code = 7
	ResourceExhausted  Code = 8
	FailedPrecondition Code = 9
	Aborted            Code = 10
	OutOfRange         Code = 11
	Unimplemented      Code = 12
	Internal           Code = 13
	Unavailable        Code = 14
	DataLoss           Code = 15
	Unauthenticated    Code = 16
)

var codeNames = [...]string{
	"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
	"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
	"ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
	"UNAUTHENTICATED",
}

// String returns the code's canonical name, such as "INVALID_ARGUMENT", or "Code(N)" for a
// code outside google.rpc.Code.
func (c Code) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "Code(" + strconv.Itoa(int(c)) + ")"
}

// codeOf returns the code named name (such as "RESOURCE_EXHAUSTED"), or Unknown and false.
func codeOf(name string) (Code, bool) {
	for i, n := range codeNames {
		if n == name {
			return Code(i), true
		}
	}
	return Unknown, false
}

// codeForHTTP guesses a code from an HTTP status when the body names none.
func codeForHTTP(status int) Code {
	switch status {
	case 200:
		return OK
	case 400:
		return InvalidArgument
	case 401:
		return Unauthenticated
	case 403:
		return PermissionDenied
	case 404:
		return NotFound
	case 409:
		return Aborted
	case 429:
		return ResourceExhausted
	case 499:
		return Canceled
	case 501:
		return Unimplemented
	case 502, 503:
		return Unavailable
	case 504:
		return DeadlineExceeded
	}
	if status >= 500 {
		return Internal
	}
	return Unknown
}
