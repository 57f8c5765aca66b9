// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// jobKeys names the keys of one job.
type jobKeys struct {
	owner, header, entries string
}

// jobKeysFor returns the keys of job, beside the turn of user: under the same hash tag.
func jobKeysFor(prefix, user, job string) jobKeys {
	sum := sha256.Sum256([]byte(job))
	base := strings.TrimSuffix(keysFor(prefix, user).lease, "lease") + "job:" + hex.EncodeToString(sum[:16]) + ":"
	return jobKeys{owner: base + "owner", header: base + "header", entries: base + "entries"}
}

// lost is the error of an operation that found j's lease gone.
func (j *Journal) lost() error {
	return &JobLockedError{Job: j.job, Key: j.keys.owner, Lost: true}
}

// renew extends the owner lease every third of the TTL until Close, or until a renewal
// finds it gone: the scripts then refuse j's reads and writes.
func (j *Journal) renew() {
	defer close(j.done)
	ttl := j.s.ttl
	t := time.NewTimer(ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-j.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), ttl/3)
		held, err := renewScript.Run(ctx, j.s.rdb, []string{j.keys.owner}, j.token, ttl.Milliseconds()).Int64()
		cancel()
		next := ttl / 3
		switch {
		case err != nil:
			next = ttl / 10 // try again soon, while the lease lasts
		case held != 1:
			return
		}
		t.Reset(next)
	}
}
