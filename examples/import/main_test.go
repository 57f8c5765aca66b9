// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"flag"
	"os"
	"testing"
)

// TestMain bounds the minimization of the fuzz targets' new inputs (see boundMinimization),
// then runs the tests.
func TestMain(m *testing.M) {
	flag.Parse()
	boundMinimization()
	os.Exit(m.Run())
}
