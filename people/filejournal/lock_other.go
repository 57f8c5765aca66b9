// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

//go:build !unix

package filejournal

import (
	"errors"
	"os"
)

// lock fails: without a lock two processes could resume one journal at once.
func lock(*os.File) (bool, error) {
	return false, errors.New("filejournal: file locking is not supported on this system")
}
