// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestReadTry reads the replies acquireScript gives, and replies no script gives, as a
// broken or hostile server could send: none panics, and a grant's state is kept only when
// its age and data are as the script writes them.
func TestReadTry(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		reply []any
		grant *grant
		pttl  int64
		ok    bool
	}{
		"waiting":           {reply: []any{int64(0), int64(1500)}, pttl: 1500, ok: true},
		"granted, none":     {reply: []any{int64(1), int64(0), int64(-1), ""}, grant: &grant{}, ok: true},
		"granted, state":    {reply: []any{int64(1), int64(0), int64(2500), "s"}, grant: &grant{pacing: []byte("s"), age: 2500 * time.Microsecond}, ok: true},
		"granted, old":      {reply: []any{int64(1), int64(0)}, grant: &grant{}, ok: true},
		"age not a number":  {reply: []any{int64(1), int64(0), "x", "s"}, grant: &grant{}, ok: true},
		"data not a string": {reply: []any{int64(1), int64(0), int64(1), int64(2)}, grant: &grant{}, ok: true},
		"negative age":      {reply: []any{int64(1), int64(0), int64(-5), "s"}, grant: &grant{}, ok: true},
		"empty":             {reply: nil},
		"one":               {reply: []any{int64(1)}},
		"strings":           {reply: []any{"1", "0"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g, pttl, ok := readTry(tc.reply)
			if diff := cmp.Diff(tc.grant, g, cmp.AllowUnexported(grant{})); diff != "" || pttl != tc.pttl || ok != tc.ok {
				t.Errorf("readTry = %+v, %d, %v; want %+v, %d, %v (%s)", g, pttl, ok, tc.grant, tc.pttl, tc.ok, diff)
			}
		})
	}
}
