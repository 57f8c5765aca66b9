// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"errors"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// accountFull reports whether err says that the account holds as many contacts as Google
// Contacts allows (25,000): every further request fails the same way.
func accountFull(err error) bool {
	var full *people.AccountFullError
	return errors.As(err, &full)
}
