// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"errors"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// accountFull reports whether err says that the account holds as many contacts as Google
// Contacts allows (25,000): every further request fails the same way. The People API answers
// 400 FAILED_PRECONDITION with a message naming MY_CONTACTS_OVERFLOW_COUNT.
func accountFull(err error) bool {
	var pe *people.Error
	return errors.As(err, &pe) && pe.Status == "FAILED_PRECONDITION" && strings.Contains(pe.Message, "MY_CONTACTS_OVERFLOW_COUNT")
}
