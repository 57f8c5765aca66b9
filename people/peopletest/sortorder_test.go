// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConnectionsNewestFirst(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	create(t, srv, "alice", batch("", person("P0"), person("P1"), person("P2")))
	list := func(q string) result { return mustDo(t, srv, "alice", http.MethodGet, connPath+"?"+q, nil) }
	tests := map[string]struct {
		sort string
		want []string
	}{
		"newest first":   {"&sortOrder=LAST_MODIFIED_DESCENDING", []string{"P2", "P1"}},
		"oldest first":   {"&sortOrder=LAST_MODIFIED_ASCENDING", []string{"P0", "P1"}},
		"creation order": {"", []string{"P0", "P1"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := listPage(t, list, "personFields=names&pageSize=2"+tt.sort)
			var got []string
			for _, c := range p.Connections {
				got = append(got, c.Names[0].GivenName)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("first page (-want +got):\n%s", diff)
			}
			if tt.sort != "" && p.NextPageToken != "" {
				next := listPage(t, list, "personFields=names&pageSize=2&pageToken="+p.NextPageToken+tt.sort)
				if len(next.Connections) != 1 {
					t.Errorf("second page: %d connections, want 1", len(next.Connections))
				}
			}
		})
	}
}
