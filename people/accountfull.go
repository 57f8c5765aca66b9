// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"net/http"
	"strings"
)

// contactLimitViolation is how the People API names a full account: the precondition
// violation type, also named in the message.
const contactLimitViolation = "MY_CONTACTS_OVERFLOW_COUNT"

// AccountFullError reports that the user's account holds the most contacts Google Contacts
// allows (about 25,000): no contact can be created for the user until some are deleted. A
// call that meets it sends no further request, even with [ContinueOnError]: the contacts not
// yet sent are reported [OutcomeNotSent]. Delete contacts from the account, or import into
// another account, then send the contacts not created again.
type AccountFullError struct {
	// Err is the server's reply: HTTP 400 FAILED_PRECONDITION naming
	// MY_CONTACTS_OVERFLOW_COUNT.
	Err *Error
}

// Error says what happened and what the user can do.
func (e *AccountFullError) Error() string {
	return "people: the account is full (Google Contacts holds about 25,000 contacts per account): " +
		"delete contacts or import into another account, then send the contacts not created again"
}

// Unwrap returns the server's reply.
func (e *AccountFullError) Unwrap() error { return e.Err }

// accountFull reports whether e is the People API's refusal of a create into a full account:
// HTTP 400 FAILED_PRECONDITION whose message or details name MY_CONTACTS_OVERFLOW_COUNT.
func (e *Error) accountFull() bool {
	if e.HTTPStatus != http.StatusBadRequest || e.Code != FailedPrecondition {
		return false
	}
	if strings.Contains(e.Message, contactLimitViolation) {
		return true
	}
	if pf := find[*PreconditionFailure](e.Details); pf != nil {
		for _, v := range pf.Violations {
			if v.Type == contactLimitViolation {
				return true
			}
		}
	}
	return false
}
