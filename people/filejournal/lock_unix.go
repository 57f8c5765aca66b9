// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

//go:build unix

package filejournal

import (
	"errors"
	"os"
	"syscall"
)

// lock takes an exclusive lock on f without waiting; it reports busy when another open
// file holds it.
func lock(f *os.File) (busy bool, err error) {
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	return false, err
}
