// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"encoding/json"

	"google.golang.org/api/googleapi"
)

// As fills target when it is a **[googleapi.Error], so that code written for Google's own
// clients (errors.As(err, &gerr) and then gerr.Code) works with this package's errors too.
// The *googleapi.Error is a copy: Code is the HTTP status; Message, Header and Errors are
// the server's; Details are the decoded detail messages as JSON objects; Body is the error
// envelope re-encoded, or the excerpt of a body that was not one.
func (e *Error) As(target any) bool {
	t, ok := target.(**googleapi.Error)
	if !ok {
		return false
	}
	g := &googleapi.Error{Code: e.HTTPStatus, Message: e.Message, Header: e.Header, Body: e.Body}
	for _, le := range e.Errors {
		g.Errors = append(g.Errors, googleapi.ErrorItem{Reason: le.Reason, Message: le.Message})
	}
	if len(e.Details) > 0 {
		if b, err := json.Marshal(e.Details); err == nil {
			json.Unmarshal(b, &g.Details)
		}
	}
	if e.Body == "" {
		env := map[string]any{"error": map[string]any{
			"code": e.HTTPStatus, "message": e.Message, "status": e.Status, "details": g.Details,
		}}
		if b, err := json.Marshal(env); err == nil {
			g.Body = string(b)
		}
	}
	*t = g
	return true
}
