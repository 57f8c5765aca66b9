// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// listPages returns how many connections.list pages srv served.
func listPages(srv *peopletest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodGet {
			n++
		}
	}
	return n
}

func TestFindMarkedStopsPagingWhenEveryMarkerIsFound(t *testing.T) {
	t.Parallel()
	srv := peopletest.NewServer()
	t.Cleanup(srv.Close)
	c, err := people.NewClient(t.Context(), srv.ClientOptions("pager")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	in := contacts(2500) // three pages of connections
	for i, p := range in {
		p.ClientData = []*people.ClientData{{Key: "k", Value: fmt.Sprintf("m%d", i)}}
	}
	if _, err := c.BatchCreateContacts(t.Context(), in, "", nil); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		markers   []string
		wantFound int
		wantPages int
	}{
		// Newest first: the first page holds m2499 down to m1500.
		"all on the first page": {[]string{"m2499", "m1500"}, 2, 1},
		"one on the last page":  {[]string{"m2499", "m0"}, 2, 3},
		"one missing":           {[]string{"m2499", "absent"}, 1, 3},
		"nothing wanted":        {nil, 0, 0},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			before := listPages(srv)
			found, err := c.FindMarked(t.Context(), "k", tt.markers)
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != tt.wantFound {
				t.Errorf("found %d markers, want %d", len(found), tt.wantFound)
			}
			if got := listPages(srv) - before; got != tt.wantPages {
				t.Errorf("read %d pages, want %d", got, tt.wantPages)
			}
		})
	}
}
