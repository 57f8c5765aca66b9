// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package backoff

import (
	"context"
	"time"
)

// Sleep waits for d or until ctx is done, whichever comes first. It returns
// nil after a full wait and ctx.Err() otherwise; a context that is already
// done returns its error at once, even for d ≤ 0. The timer is stopped on
// every path, so an abandoned sleep holds no resources.
func Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
