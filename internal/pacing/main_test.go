// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import (
	"context"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// t0 starts every fake clock.
var t0 = time.Unix(1_700_000_000, 0)

// fakeClock is a Config.Now and Config.Sleep pair: Sleep records each wait
// and moves the clock forward by it instead of blocking.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration

	// onSleep, if set, runs at the start of each Sleep; a non-nil result
	// is returned by Sleep without advancing the clock.
	onSleep func(d time.Duration) error
}

func newFakeClock() *fakeClock { return &fakeClock{now: t0} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c.onSleep != nil {
		if err := c.onSleep(d); err != nil {
			return err
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Slept returns the waits so far and forgets them.
func (c *fakeClock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slept
	c.slept = nil
	return s
}

// newPacer returns a Pacer for cfg, on clock if it is not nil.
func newPacer(t *testing.T, cfg Config, clock *fakeClock) *Pacer {
	t.Helper()
	if clock != nil {
		cfg.Now, cfg.Sleep = clock.Now, clock.Sleep
	}
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v) = %v", cfg, err)
	}
	return p
}

// spaced returns the interval between turns for a quota of perMinute, as the Pacer computes it.
func spaced(perMinute float64) time.Duration {
	return time.Duration(float64(time.Minute) / (Margin * perMinute))
}

// take waits for user's turn and fails the test if Wait fails.
func take(t *testing.T, p *Pacer, user string) Turn {
	t.Helper()
	turn, err := p.Wait(t.Context(), user)
	if err != nil {
		t.Fatalf("Wait(%s) = %v", user, err)
	}
	return turn
}
