// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/internal/backoff"
)

// Details is the list of detail messages of a Status. Decoding never fails on a detail: one
// of an unknown type, or of a known type in an unexpected shape, becomes an *UnknownDetail.
type Details []Detail

// ErrorInfo returns the first *ErrorInfo, or nil.
func (ds Details) ErrorInfo() *ErrorInfo { return find[*ErrorInfo](ds) }

// RetryInfo returns the first *RetryInfo, or nil.
func (ds Details) RetryInfo() *RetryInfo { return find[*RetryInfo](ds) }

// QuotaFailure returns the first *QuotaFailure, or nil.
func (ds Details) QuotaFailure() *QuotaFailure { return find[*QuotaFailure](ds) }

// BadRequest returns the first *BadRequest, or nil.
func (ds Details) BadRequest() *BadRequest { return find[*BadRequest](ds) }

// RequestInfo returns the first *RequestInfo, or nil.
func (ds Details) RequestInfo() *RequestInfo { return find[*RequestInfo](ds) }

// BatchCreateContactsErrorDetails returns the first [*BatchCreateContactsErrorDetails], or nil.
func (ds Details) BatchCreateContactsErrorDetails() *BatchCreateContactsErrorDetails {
	return find[*BatchCreateContactsErrorDetails](ds)
}

// FieldViolations returns the field violations of every *BadRequest, in order.
func (ds Details) FieldViolations() []FieldViolation {
	var out []FieldViolation
	for _, d := range ds {
		if br, ok := d.(*BadRequest); ok {
			out = append(out, br.FieldViolations...)
		}
	}
	return out
}

func find[T Detail](ds Details) T {
	for _, d := range ds {
		if t, ok := d.(T); ok {
			return t
		}
	}
	var zero T
	return zero
}

// UnmarshalJSON decodes a JSON array of google.protobuf.Any objects.
func (ds *Details) UnmarshalJSON(b []byte) error {
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		return err
	}
	out := make(Details, 0, len(raws))
	for _, raw := range raws {
		out = append(out, decodeDetail(raw))
	}
	*ds = out
	return nil
}

// decodeDetail decodes one Any. It never fails: what it cannot type stays raw.
func decodeDetail(raw json.RawMessage) Detail {
	var head struct {
		Type string `json:"@type"`
	}
	_ = json.Unmarshal(raw, &head) // a non-object keeps head.Type empty
	unknown := &UnknownDetail{Type: head.Type, Raw: bytes.Clone(raw)}
	var d Detail
	switch name := head.Type[strings.LastIndexByte(head.Type, '/')+1:]; name {
	case "google.rpc.ErrorInfo":
		d = new(ErrorInfo)
	case "google.rpc.RetryInfo":
		d = new(RetryInfo)
	case "google.rpc.QuotaFailure":
		d = new(QuotaFailure)
	case "google.rpc.BadRequest":
		d = new(BadRequest)
	case "google.rpc.PreconditionFailure":
		d = new(PreconditionFailure)
	case "google.rpc.ResourceInfo":
		d = new(ResourceInfo)
	case "google.rpc.RequestInfo":
		d = new(RequestInfo)
	case "google.rpc.Help":
		d = new(Help)
	case "google.rpc.LocalizedMessage":
		d = new(LocalizedMessage)
	case "google.rpc.DebugInfo":
		d = new(DebugInfo)
	default:
		// The package of this message is not certain: match its name only.
		if name == "BatchCreateContactsErrorDetails" || strings.HasSuffix(name, ".BatchCreateContactsErrorDetails") {
			bd, ok := decodeContactErrors(raw)
			if !ok {
				return unknown
			}
			bd.typeURL = head.Type
			return bd
		}
		return unknown
	}
	if json.Unmarshal(raw, d) != nil {
		return unknown
	}
	if ri, ok := d.(*RetryInfo); ok {
		ri.RetryDelay, _ = backoff.ParseDuration(ri.RawRetryDelay)
	}
	return d
}

func decodeContactErrors(raw json.RawMessage) (*BatchCreateContactsErrorDetails, bool) {
	var wire struct {
		ContactErrors map[string]*Status `json:"contactErrors"`
	}
	if json.Unmarshal(raw, &wire) != nil {
		return nil, false
	}
	d := &BatchCreateContactsErrorDetails{ContactErrors: make(map[int]*Status, len(wire.ContactErrors))}
	for k, st := range wire.ContactErrors {
		i, err := strconv.Atoi(strings.TrimSpace(k))
		if err != nil || i < 0 {
			return nil, false
		}
		if st == nil {
			st = &Status{}
		}
		d.ContactErrors[i] = st
	}
	return d, true
}

// MarshalJSON encodes the details as google.protobuf.Any objects, each with its "@type".
func (ds Details) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, d := range ds {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, err := marshalDetail(d)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

func marshalDetail(d Detail) ([]byte, error) {
	var body any = d
	switch d := d.(type) {
	case *UnknownDetail:
		if json.Valid(d.Raw) {
			return d.Raw, nil
		}
		body = struct{}{}
	case *BatchCreateContactsErrorDetails:
		m := make(map[string]*Status, len(d.ContactErrors))
		for i, st := range d.ContactErrors {
			m[strconv.Itoa(i)] = st
		}
		body = struct {
			ContactErrors map[string]*Status `json:"contactErrors"`
		}{m}
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	typ, _ := json.Marshal(d.TypeURL())
	out := make([]byte, 0, len(b)+len(typ)+12)
	out = append(out, `{"@type":`...)
	out = append(out, typ...)
	if len(b) > 2 {
		out = append(out, ',')
	}
	out = append(out, b[1:]...)
	return out, nil
}
