// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// This file holds the error bodies the emulator answers with for conditions other than bad
// input: authentication, routing, quota, concurrency, the contact limit and status faults. Each
// follows a wire fixture of testdata/fixtures where one exists.

// cannedError is the body of a status fault without a Body: the shape the real service (or its
// front end) is known to answer with for that status.
func cannedError(status int) errorStatus {
	switch status {
	case http.StatusBadRequest: // fixtures/error-legacy-400.json
		const msg = "Request contains an invalid argument."
		return errorStatus{Code: status, Message: msg, Status: "INVALID_ARGUMENT",
			Errors: []legacyError{{Message: msg, Domain: "global", Reason: "badRequest"}}}
	case http.StatusUnauthorized: // fixtures/error-unauthenticated-401.json
		return unauthenticated("ACCESS_TOKEN_EXPIRED")
	case http.StatusForbidden: // fixtures/error-scope-403.json
		return errorStatus{Code: status, Message: "Request had insufficient authentication scopes.",
			Status: "PERMISSION_DENIED", Details: []any{errorInfo{Type: typePrefix + "google.rpc.ErrorInfo",
				Reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", Domain: "googleapis.com", Metadata: metadataFor(batchCreateMethod)}}}
	case http.StatusNotFound:
		return errorStatus{Code: status, Message: "Requested entity was not found.", Status: "NOT_FOUND"}
	case http.StatusConflict:
		return aborted()
	case http.StatusTooManyRequests: // fixtures/error-quota-fbs-429.json
		return errorStatus{Code: status, Message: "Resource has been exhausted (e.g. check quota).",
			Status: "RESOURCE_EXHAUSTED", Details: []any{quotaFailure{Type: typePrefix + "google.rpc.QuotaFailure",
				Violations: []quotaViolationPB{{Subject: "QUOTA_EXCEEDED", Description: "FBS quota limit exceeded"}}}}}
	case http.StatusInternalServerError: // fixtures/error-internal-500.json
		return internalError()
	case http.StatusServiceUnavailable: // fixtures/error-unavailable-503.json
		return unavailable("The service is currently unavailable.")
	case http.StatusGatewayTimeout:
		return errorStatus{Code: status, Message: "Deadline expired before operation could complete.", Status: "DEADLINE_EXCEEDED"}
	}
	msg := http.StatusText(status)
	if msg == "" {
		msg = "Unknown error."
	}
	return errorStatus{Code: status, Message: msg, Status: rpcCodeName(status)}
}

func internalError() errorStatus {
	return errorStatus{Code: http.StatusInternalServerError, Message: "Internal error encountered.", Status: "INTERNAL"}
}

func unavailable(msg string) errorStatus {
	return errorStatus{Code: http.StatusServiceUnavailable, Message: msg, Status: "UNAVAILABLE"}
}

func aborted() errorStatus {
	return errorStatus{Code: http.StatusConflict, Message: "The operation was aborted.", Status: "ABORTED"}
}

// unauthenticated follows fixtures/error-unauthenticated-401.json, legacy errors list included.
func unauthenticated(reason string) errorStatus {
	return errorStatus{
		Code:    http.StatusUnauthorized,
		Message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
		Errors: []legacyError{{Message: "Invalid Credentials", Domain: "global", Reason: "authError",
			Location: "Authorization", LocationType: "header"}},
		Status: "UNAUTHENTICATED",
		Details: []any{errorInfo{Type: typePrefix + "google.rpc.ErrorInfo", Reason: reason,
			Domain: "googleapis.com", Metadata: metadataFor(batchCreateMethod)}},
	}
}

func notFound() errorStatus {
	return errorStatus{Code: http.StatusNotFound, Message: "Method not found.", Status: "NOT_FOUND"}
}

// methodNotAllowed has no google.rpc.Code of its own; UNIMPLEMENTED is the closest name.
func methodNotAllowed(method, path string) errorStatus {
	return errorStatus{Code: http.StatusMethodNotAllowed, Status: "UNIMPLEMENTED",
		Message: fmt.Sprintf("Method %s is not allowed on %s.", method, path)}
}

// quotaExceeded follows fixtures/error-quota-429.json, and with RetryInfo
// fixtures/error-quota-retryinfo-429.json, for the per-user quota q or the project's.
func quotaExceeded(wait time.Duration, q *Quota, project bool) errorStatus {
	limit, name := userQuotaLimit, "Critical write requests per minute per user"
	if project {
		limit, name = projectQuotaLimit, "Critical write requests per minute"
	}
	if q.Limit != "" {
		limit, name = q.Limit, q.Limit
	}
	st := errorStatus{
		Code: http.StatusTooManyRequests,
		Message: "Quota exceeded for quota metric 'Critical write requests' and limit '" + name + "' " +
			"of service 'people.googleapis.com' for consumer 'project_number:" + emulatorProject + "'.",
		Status: "RESOURCE_EXHAUSTED",
		Details: []any{errorInfo{
			Type:   typePrefix + "google.rpc.ErrorInfo",
			Reason: "RATE_LIMIT_EXCEEDED",
			Domain: "googleapis.com",
			Metadata: map[string]string{
				"service":      "people.googleapis.com",
				"consumer":     "projects/" + emulatorProject,
				"quota_metric": "people.googleapis.com/critical_write_requests",
				"quota_limit":  limit,
			},
		}},
	}
	if q.RetryInfo {
		st.Details = append(st.Details,
			retryInfo{Type: typePrefix + "google.rpc.RetryInfo", RetryDelay: protoDuration(wait)},
			helpLinks{Type: typePrefix + "google.rpc.Help", Links: []helpLink{{
				Description: "Request a higher quota limit.",
				URL:         "https://cloud.google.com/docs/quotas/help/request_increase"}}})
	}
	return st
}

// emulatorProject is the Cloud project number the emulator's quota errors name.
const emulatorProject = "123456789012"

// protoDuration formats d as a google.protobuf.Duration in JSON ("12.5s"), rounded up to the
// millisecond so that waiting that long is always enough.
func protoDuration(d time.Duration) string {
	ms := (d + time.Millisecond - 1) / time.Millisecond
	s := strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
	return s + "s"
}

// retryAfterSeconds is d in whole seconds, rounded up, at least 1.
func retryAfterSeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// contactLimitExceeded reports an account over its contact limit. No captured body exists; the
// message names MY_CONTACTS_OVERFLOW_COUNT as the real one is known to.
func contactLimitExceeded(limit, stored, adding int) errorStatus {
	desc := fmt.Sprintf("The account holds %d contacts; adding %d would exceed the limit of %d.", stored, adding, limit)
	return errorStatus{
		Code:    http.StatusBadRequest,
		Message: "Precondition check failed: MY_CONTACTS_OVERFLOW_COUNT. " + desc,
		Status:  "FAILED_PRECONDITION",
		Details: []any{preconditionFailure{Type: typePrefix + "google.rpc.PreconditionFailure",
			Violations: []preconditionViolation{{Type: "MY_CONTACTS_OVERFLOW_COUNT", Subject: "people/me", Description: desc}}}},
	}
}
