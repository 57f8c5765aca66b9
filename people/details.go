// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"time"
)

// Detail is one entry of [Status].Details: a google.protobuf.Any decoded into its typed
// struct ([*ErrorInfo], [*RetryInfo], [*QuotaFailure], [*BadRequest], [*PreconditionFailure],
// [*ResourceInfo], [*RequestInfo], [*Help], [*LocalizedMessage], [*DebugInfo],
// [*BatchCreateContactsErrorDetails]) or, for a type this package does not know,
// [*UnknownDetail]. Use a type switch or the finder methods of [Details].
type Detail interface {
	// TypeURL returns the detail's "@type", such as
	// "type.googleapis.com/google.rpc.ErrorInfo".
	TypeURL() string
}

const typePrefix = "type.googleapis.com/"

// ErrorInfo is a google.rpc.ErrorInfo: the machine-readable reason of an error.
type ErrorInfo struct {
	Reason   string            `json:"reason,omitempty"`
	Domain   string            `json:"domain,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// RetryInfo is a google.rpc.RetryInfo: how long the server asks the client to wait.
type RetryInfo struct {
	// RetryDelay is the wait; zero when the server sent none or one that could not be parsed.
	RetryDelay time.Duration `json:"-"`
	// RawRetryDelay is the delay as sent, such as "12.5s".
	RawRetryDelay string `json:"retryDelay,omitempty"`
}

// QuotaFailure is a google.rpc.QuotaFailure: which quotas a request went over.
type QuotaFailure struct {
	Violations []QuotaViolation `json:"violations,omitempty"`
}

// QuotaViolation is one entry of QuotaFailure.
type QuotaViolation struct {
	Subject          string            `json:"subject,omitempty"`
	Description      string            `json:"description,omitempty"`
	APIService       string            `json:"apiService,omitempty"`
	QuotaMetric      string            `json:"quotaMetric,omitempty"`
	QuotaID          string            `json:"quotaId,omitempty"`
	QuotaDimensions  map[string]string `json:"quotaDimensions,omitempty"`
	QuotaValue       int64             `json:"quotaValue,string,omitempty"`
	FutureQuotaValue int64             `json:"futureQuotaValue,string,omitempty"`
}

// BadRequest is a google.rpc.BadRequest: the fields of a request that were invalid.
type BadRequest struct {
	FieldViolations []FieldViolation `json:"fieldViolations,omitempty"`
}

// FieldViolation is one invalid field of a BadRequest, such as
// "contacts[1].contact_person.names".
type FieldViolation struct {
	Field            string            `json:"field,omitempty"`
	Description      string            `json:"description,omitempty"`
	Reason           string            `json:"reason,omitempty"`
	LocalizedMessage *LocalizedMessage `json:"localizedMessage,omitempty"`
}

// PreconditionFailure is a google.rpc.PreconditionFailure.
type PreconditionFailure struct {
	Violations []PreconditionViolation `json:"violations,omitempty"`
}

// PreconditionViolation is one entry of PreconditionFailure.
type PreconditionViolation struct {
	Type        string `json:"type,omitempty"`
	Subject     string `json:"subject,omitempty"`
	Description string `json:"description,omitempty"`
}

// ResourceInfo is a google.rpc.ResourceInfo: the resource an error is about.
type ResourceInfo struct {
	ResourceType string `json:"resourceType,omitempty"`
	ResourceName string `json:"resourceName,omitempty"`
	Owner        string `json:"owner,omitempty"`
	Description  string `json:"description,omitempty"`
}

// RequestInfo is a google.rpc.RequestInfo: the server's identifier of the request, worth
// quoting to Google support.
type RequestInfo struct {
	RequestID   string `json:"requestId,omitempty"`
	ServingData string `json:"servingData,omitempty"`
}

// Help is a google.rpc.Help: links to documentation.
type Help struct {
	Links []HelpLink `json:"links,omitempty"`
}

// HelpLink is one link of Help.
type HelpLink struct {
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
}

// LocalizedMessage is a google.rpc.LocalizedMessage: an error message for end users.
type LocalizedMessage struct {
	Locale  string `json:"locale,omitempty"`
	Message string `json:"message,omitempty"`
}

// DebugInfo is a google.rpc.DebugInfo.
type DebugInfo struct {
	StackEntries []string `json:"stackEntries,omitempty"`
	Detail       string   `json:"detail,omitempty"`
}

// BatchCreateContactsErrorDetails is the People API detail that lists, by index in the
// request's contacts, the contacts that made a batchCreateContacts request fail. A contact
// absent from ContactErrors would have been created; none of the request was.
type BatchCreateContactsErrorDetails struct {
	// ContactErrors maps an index in the request (not the caller's input: see
	// ContactError.Index for that) to the contact's status.
	ContactErrors map[int]*Status `json:"contactErrors,omitempty"`
	typeURL       string
}

// UnknownDetail is a detail whose type this package does not know, kept as sent.
type UnknownDetail struct {
	// Type is the "@type" URL.
	Type string
	// Raw is the whole JSON object, "@type" included.
	Raw []byte
}

// TypeURL implements Detail.
func (*ErrorInfo) TypeURL() string { return typePrefix + "google.rpc.ErrorInfo" }

// TypeURL implements Detail.
func (*RetryInfo) TypeURL() string { return typePrefix + "google.rpc.RetryInfo" }

// TypeURL implements Detail.
func (*QuotaFailure) TypeURL() string { return typePrefix + "google.rpc.QuotaFailure" }

// TypeURL implements Detail.
func (*BadRequest) TypeURL() string { return typePrefix + "google.rpc.BadRequest" }

// TypeURL implements Detail.
func (*PreconditionFailure) TypeURL() string {
	return typePrefix + "google.rpc.PreconditionFailure"
}

// TypeURL implements Detail.
func (*ResourceInfo) TypeURL() string { return typePrefix + "google.rpc.ResourceInfo" }

// TypeURL implements Detail.
func (*RequestInfo) TypeURL() string { return typePrefix + "google.rpc.RequestInfo" }

// TypeURL implements Detail.
func (*Help) TypeURL() string { return typePrefix + "google.rpc.Help" }

// TypeURL implements Detail.
func (*LocalizedMessage) TypeURL() string { return typePrefix + "google.rpc.LocalizedMessage" }

// TypeURL implements Detail.
func (*DebugInfo) TypeURL() string { return typePrefix + "google.rpc.DebugInfo" }

// TypeURL implements Detail. It returns the URL the server sent, or the likeliest one.
func (d *BatchCreateContactsErrorDetails) TypeURL() string {
	if d.typeURL != "" {
		return d.typeURL
	}
	return typePrefix + "google.people.v1.BatchCreateContactsErrorDetails"
}

// TypeURL implements Detail.
func (d *UnknownDetail) TypeURL() string { return d.Type }
