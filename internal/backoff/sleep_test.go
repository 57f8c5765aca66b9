// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSleepReturnsAtOnce(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	tests := map[string]struct {
		ctx     context.Context
		d       time.Duration
		wantErr error
	}{
		"zero":                          {t.Context(), 0, nil},
		"negative":                      {t.Context(), -time.Hour, nil},
		"cancelled context, long sleep": {cancelled, time.Hour, context.Canceled},
		"cancelled context, zero sleep": {cancelled, 0, context.Canceled},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// An hour-long sleep that does not return at once fails the
			// test by its timeout, so no timing bound is needed here.
			if err := Sleep(tc.ctx, tc.d); !errors.Is(err, tc.wantErr) {
				t.Errorf("Sleep(%v) = %v, want %v", tc.d, err, tc.wantErr)
			}
		})
	}
}

func TestSleepWaitsFullDuration(t *testing.T) {
	t.Parallel()
	const d = 20 * time.Millisecond
	start := time.Now()
	if err := Sleep(t.Context(), d); err != nil {
		t.Fatalf("Sleep(%v) = %v, want nil", d, err)
	}
	if elapsed := time.Since(start); elapsed < d {
		t.Errorf("Sleep(%v) returned after %v", d, elapsed)
	}
}

// TestSleepCancelled proves that a cancel during a 30 s sleep ends it within
// 100 ms.
func TestSleepCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- Sleep(ctx, 30*time.Second) }()

	time.Sleep(20 * time.Millisecond) // let Sleep start waiting
	cancelled := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Sleep = %v, want context.Canceled", err)
		}
		if elapsed := time.Since(cancelled); elapsed > 100*time.Millisecond {
			t.Errorf("Sleep returned %v after cancel, want within 100ms", elapsed)
		}
	case <-time.After(time.Second):
		t.Fatal("Sleep still waiting 1s after cancel")
	}
}

func TestSleepDeadline(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := Sleep(ctx, 30*time.Second); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Sleep = %v, want context.DeadlineExceeded", err)
	}
}
