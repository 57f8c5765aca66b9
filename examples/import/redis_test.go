// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/redistest"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestImportersShareTheTurn runs two importers for the same user at once, each with -redis:
// their requests never overlap, and each creates its file's contacts.
func TestImportersShareTheTurn(t *testing.T) {
	t.Parallel()
	rs := redistest.StartForTest(t)
	srv, tgt := emulator(t, peopletest.WithLatency(20*time.Millisecond, 0))
	var wg sync.WaitGroup
	runs := make([]run, 2)
	for i := range runs {
		path := sample(t, "contacts.csv")
		wg.Go(func() {
			runs[i] = runImport(t, t.Context(), tgt, options{In: path, ChunkSize: 50, Redis: "redis://" + rs.Addr}, nil, nil)
		})
	}
	wg.Wait()
	for i, r := range runs {
		if r.sum.Created != csvValid {
			t.Errorf("importer %d created %d, want %d:\n%s", i, r.sum.Created, csvValid, r.out)
		}
	}
	if o := srv.Overlaps(testUser); o != 0 {
		t.Errorf("%d requests overlapped another of the same user", o)
	}
}

// TestImportRedisUnreachable checks that an unreachable Redis sends nothing, and says which
// Redis, without its password.
func TestImportRedisUnreachable(t *testing.T) {
	t.Parallel()
	addr := redistest.UnusedAddr(t)
	srv, tgt := emulator(t)
	path := sample(t, "contacts.vcf")
	r := runImport(t, t.Context(), tgt, options{In: path, Redis: "redis://importer:s3cr3t-pw@" + addr + "/0?dial_timeout=100ms&max_retries=-1"}, nil, nil)
	if r.sum.ok() || r.sum.Created != 0 || mutations(srv) != 0 {
		t.Errorf("created %d, %d requests sent; want nothing sent:\n%s", r.sum.Created, mutations(srv), r.out)
	}
	all := r.out + r.err
	if !strings.Contains(all, addr) || strings.Contains(all, "s3cr3t") {
		t.Errorf("output should name %s, never the password:\n%s", addr, all)
	}
}
