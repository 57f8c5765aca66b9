// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// This file serves GET /v1/people/me/connections (people.connections.list), so that a test or a
// person can read back what was stored. It is a read: it fires no fault, takes no write quota
// and does not count as a mutation. sortOrder=LAST_MODIFIED_DESCENDING lists the newest contacts
// first (the emulator never modifies a contact, so last modified is last created); any other
// sortOrder lists them in creation order.

const (
	defaultPageSize = 100
	maxPageSize     = 1000
	connectionsDoc  = "Valid paths are documented at https://developers.google.com/people/api/rest/v1/people.connections/list."
)

type listConnectionsResponse struct {
	Connections   []*people.Person `json:"connections,omitempty"`
	NextPageToken string           `json:"nextPageToken,omitempty"`
	TotalPeople   int              `json:"totalPeople,omitempty"`
	TotalItems    int              `json:"totalItems,omitempty"`
}

func (s *Server) handleConnections(w http.ResponseWriter, r *http.Request, rec *Request) {
	if err := s.sleep(r.Context(), s.cfg.perRequest); err != nil {
		if rep, _, answer := s.interrupted(r, err); answer {
			rec.Status = write(w, rep)
		}
		return
	}
	q := r.URL.Query()
	fields := q.Get("personFields")
	if strings.TrimSpace(fields) == "" {
		rec.Status = write(w, errorReply(r, invalidArgument("person_fields",
			"personFields mask is required. Please specify one or more valid paths. "+connectionsDoc)))
		return
	}
	mask, bad, ok := parseMask(fields)
	if !ok {
		rec.Status = write(w, errorReply(r, invalidArgument("person_fields",
			fmt.Sprintf("Invalid personFields mask path: %q. %s", bad, connectionsDoc))))
		return
	}
	size := defaultPageSize
	if v := q.Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxPageSize {
			rec.Status = write(w, errorReply(r, invalidArgument("page_size",
				fmt.Sprintf("Page size must be between 1 and %d.", maxPageSize))))
			return
		}
		if n > 0 {
			size = n
		}
	}
	if st := checkSources(q["sources"]); st != nil {
		rec.Status = write(w, errorReply(r, *st))
		return
	}

	s.mu.Lock()
	var stored []*people.Person
	if a := s.accounts[rec.User]; a != nil {
		stored = a.contacts[:len(a.contacts):len(a.contacts)] // stored people are never modified
	}
	s.mu.Unlock()
	if q.Get("sortOrder") == "LAST_MODIFIED_DESCENDING" {
		stored = slices.Clone(stored)
		slices.Reverse(stored)
	}

	offset, ok := parsePageToken(q.Get("pageToken"))
	if !ok || offset > len(stored) {
		rec.Status = write(w, errorReply(r, invalidArgument("page_token", "Page token is not valid.")))
		return
	}
	end := min(offset+size, len(stored))
	resp := listConnectionsResponse{TotalPeople: len(stored), TotalItems: len(stored)}
	for _, p := range stored[offset:end] {
		resp.Connections = append(resp.Connections, maskPerson(p, mask))
	}
	if end < len(stored) {
		resp.NextPageToken = pageToken(end)
	}
	rec.Contacts = len(resp.Connections)
	rec.Status = write(w, jsonReply(r, http.StatusOK, resp))
}

// pageToken is an opaque token for the page starting at offset.
func pageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset)))
}

func parsePageToken(tok string) (int, bool) {
	if tok == "" {
		return 0, true
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), "offset:"))
	if err != nil || n < 0 || !strings.HasPrefix(string(b), "offset:") {
		return 0, false
	}
	return n, true
}
