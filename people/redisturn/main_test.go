// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/internal/redistest"
)

// sharedRedis is the address of the redis-server that TestMain starts for the package, ""
// when redis-server is not installed (the tests that need it skip then).
var sharedRedis string

// roleEnv, when set, makes the test binary play a part in a multi-process test (see roles).
const roleEnv = "REDISTURN_TEST_ROLE"

func TestMain(m *testing.M) {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(runRole(role))
	}
	srv, err := redistest.Start(0)
	switch {
	case err == nil:
		sharedRedis = srv.Addr
	case errors.Is(err, redistest.ErrNotInstalled) && os.Getenv("CI") != "true":
		fmt.Fprintln(os.Stderr, "redisturn: skipping the tests that need Redis:", err)
	default:
		fmt.Fprintln(os.Stderr, "redisturn:", err)
		os.Exit(1)
	}
	code := m.Run()
	if srv != nil {
		srv.Stop()
	}
	os.Exit(code)
}

// needRedis returns the shared server's address, or skips t without redis-server.
// needLongRedis is needRedis for the tests that take seconds of real time (a quota's windows,
// several lease TTLs): they run under CI=true, as CI runs them, or with PEOPLEBATCH_LONG=1,
// so that a developer's go test ./... stays quick.
func needLongRedis(t testing.TB) string {
	t.Helper()
	if os.Getenv("CI") != "true" && os.Getenv("PEOPLEBATCH_LONG") != "1" {
		t.Skip("takes seconds of real time: set PEOPLEBATCH_LONG=1 (CI=true runs it)")
	}
	return needRedis(t)
}

func needRedis(t testing.TB) string {
	t.Helper()
	if sharedRedis == "" {
		t.Skip("redis-server not installed (Debian package redis-server)")
	}
	return sharedRedis
}
