// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// FuzzJournalValues feeds arbitrary values to the decoders of a journal's entries and
// header: none panics, and what one accepts encodes back to a value it decodes the same.
func FuzzJournalValues(f *testing.F) {
	f.Add(`{"m":"a","s":"created","r":"people/c1"}`)
	f.Add(`{"m":"a","s":"not sent"}`)
	f.Add(`{"user":"ann","endpoint":"http://x/","input":"f1","key":"peoplebatch.id"}`)
	f.Add(`{"m":"a","s":"sending"} {}`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, s string) {
		if e, err := decodeEntry(s); err == nil {
			vals, err := encodeEntries([]people.JournalEntry{e})
			if err != nil {
				t.Fatalf("decoded %q to %+v, which does not encode: %v", s, e, err)
			}
			if again, err := decodeEntry(vals[0].(string)); err != nil || again != e {
				t.Fatalf("%q: %+v re-encoded decodes to %+v, %v", s, e, again, err)
			}
		}
		if h, err := decodeHeader(s); err == nil {
			raw, err := encodeHeader(*h)
			if err != nil {
				t.Fatal(err)
			}
			if again, err := decodeHeader(raw); err != nil || *again != *h {
				t.Fatalf("%q: %+v re-encoded decodes to %+v, %v", s, h, again, err)
			}
		}
	})
}
