// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// newEmulator starts the emulator with opts and a contact limit that no run reaches.
func newEmulator(tb testing.TB, opts ...peopletest.Option) *peopletest.Server {
	tb.Helper()
	srv := peopletest.NewServer(append([]peopletest.Option{peopletest.WithContactLimit(1 << 30)}, opts...)...)
	tb.Cleanup(srv.Close)
	return srv
}

// newEmulatorClient returns a client of this SDK that writes for user on srv, with cfg.User
// set to user.
func newEmulatorClient(tb testing.TB, srv *peopletest.Server, user string, cfg people.Config) *people.Client {
	tb.Helper()
	cfg.User = user
	c, err := people.NewClientWithConfig(context.Background(), &cfg, srv.ClientOptions(user)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// checkSequenced fails the test unless the emulator saw at most one request of each user in
// flight at any time, as the API asks of mutations.
func checkSequenced(t *testing.T, srv *peopletest.Server, users ...string) {
	t.Helper()
	for _, u := range users {
		if got := srv.MaxInFlight(u); got != 1 {
			t.Errorf("user %s: %d requests in flight at once, want 1", u, got)
		}
		if got := srv.Overlaps(u); got != 0 {
			t.Errorf("user %s: %d overlapping requests, want 0", u, got)
		}
	}
}

// requestsFor returns how many requests of size importing n contacts takes.
func requestsFor(n, size int) int { return (n + size - 1) / size }
