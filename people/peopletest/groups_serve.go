// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// This file serves contactGroups.list (GET /v1/contactGroups), contactGroups.get
// (GET /v1/contactGroups/{id}) and contactGroups.create (POST /v1/contactGroups). The reads fire
// no fault and take no write quota; create is a mutation like batchCreateContacts.

const groupsDoc = "Valid fields are documented at https://developers.google.com/people/api/rest/v1/contactGroups."

var (
	// readGroupFields are the paths a list or get groupFields mask may name.
	readGroupFields = []string{"clientData", "groupType", "memberCount", "metadata", "name"}
	// createGroupFields are the paths a create readGroupFields mask may name.
	createGroupFields = []string{"clientData", "groupType", "metadata", "name"}
	// defaultGroupFields is what list and get return for an empty groupFields mask.
	defaultGroupFields = []string{"metadata", "groupType", "memberCount", "name"}
	// defaultCreateFields is what create returns for an empty readGroupFields mask.
	defaultCreateFields = []string{"metadata", "groupType", "name"}
)

type listGroupsResponse struct {
	ContactGroups []contactGroup `json:"contactGroups,omitempty"`
	NextPageToken string         `json:"nextPageToken,omitempty"`
	TotalItems    int            `json:"totalItems,omitempty"`
}

type createGroupRequest struct {
	ContactGroup    *contactGroup `json:"contactGroup"`
	ReadGroupFields string        `json:"readGroupFields"`
}

// groupID returns the id of a contactGroups.get path "/v1/contactGroups/{id}", "" for any
// other path.
func groupID(path string) string {
	id, ok := strings.CutPrefix(path, groupsPath+"/")
	if !ok || strings.ContainsAny(id, "/:") {
		return ""
	}
	return id
}

// parseGroupMask parses a group field mask whose valid paths are valid; blank means defaults.
func parseGroupMask(mask, param string, valid, defaults []string) ([]string, *errorStatus) {
	if strings.TrimSpace(mask) == "" {
		return defaults, nil
	}
	var paths []string
	for p := range strings.SplitSeq(mask, ",") {
		p = strings.TrimSpace(p)
		if !slices.Contains(valid, p) {
			st := invalidArgument(snake(param), fmt.Sprintf("Invalid %s mask path: %q. %s", param, p, groupsDoc))
			return nil, &st
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// intParam parses the integer query parameter name of r, between lo and hi; absent means def.
func intParam(r *http.Request, name string, lo, hi, def int) (int, *errorStatus) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		st := invalidArgument(snake(name), fmt.Sprintf("%s must be an integer between %d and %d.", name, lo, hi))
		return 0, &st
	}
	return n, nil
}

// waitRead applies the per-request latency to a read; false means the handler is done.
func (s *Server) waitRead(w http.ResponseWriter, r *http.Request, rec *Request) bool {
	if err := s.sleep(r.Context(), s.cfg.perRequest); err != nil {
		if rep, _, answer := s.interrupted(r, err); answer {
			rec.Status = write(w, rep)
		}
		return false
	}
	return true
}

func (s *Server) handleListGroups(w http.ResponseWriter, r *http.Request, rec *Request) {
	if !s.waitRead(w, r, rec) {
		return
	}
	q := r.URL.Query()
	mask, st := parseGroupMask(q.Get("groupFields"), "groupFields", readGroupFields, defaultGroupFields)
	size, st2 := intParam(r, "pageSize", 0, maxPageSize, 0)
	if st == nil {
		st = st2
	}
	if st == nil && q.Get("syncToken") != "" {
		unsupported := invalidArgument("sync_token", "Sync tokens are not supported by the emulator.")
		st = &unsupported
	}
	if st != nil {
		rec.Status = write(w, errorReply(r, *st))
		return
	}
	if size == 0 {
		size = defaultGroupPage
	}
	groups := s.groupViews(rec.User)
	offset, ok := parsePageToken(q.Get("pageToken"))
	if !ok || offset > len(groups) {
		rec.Status = write(w, errorReply(r, invalidArgument("page_token", "Page token is not valid.")))
		return
	}
	end := min(offset+size, len(groups))
	resp := listGroupsResponse{TotalItems: len(groups)}
	for _, g := range groups[offset:end] {
		resp.ContactGroups = append(resp.ContactGroups, g.render(mask, 0))
	}
	if end < len(groups) {
		resp.NextPageToken = pageToken(end)
	}
	rec.Status = write(w, jsonReply(r, http.StatusOK, resp))
}

func (s *Server) handleGetGroup(w http.ResponseWriter, r *http.Request, rec *Request) {
	if !s.waitRead(w, r, rec) {
		return
	}
	mask, st := parseGroupMask(r.URL.Query().Get("groupFields"), "groupFields", readGroupFields, defaultGroupFields)
	maxMembers, st2 := intParam(r, "maxMembers", 0, 1<<31-1, 0)
	if st == nil {
		st = st2
	}
	if st != nil {
		rec.Status = write(w, errorReply(r, *st))
		return
	}
	rn := groupPrefix + groupID(r.URL.Path)
	groups := s.groupViews(rec.User)
	i := slices.IndexFunc(groups, func(g groupView) bool { return g.resourceName == rn })
	if i < 0 {
		rec.Status = write(w, errorReply(r, errorStatus{Code: http.StatusNotFound, Message: "Requested entity was not found.", Status: "NOT_FOUND"}))
		return
	}
	rec.Status = write(w, jsonReply(r, http.StatusOK, groups[i].render(mask, maxMembers)))
}

func (s *Server) handleCreateGroup(w http.ResponseWriter, r *http.Request, rec *Request) {
	s.handleMutation(w, r, rec, MutationCreateContactGroup, s.applyCreateGroup)
}

// applyCreateGroup validates and commits a contactGroups.create request.
func (s *Server) applyCreateGroup(r *http.Request, user string, body []byte) (reply, int) {
	var req createGroupRequest
	if st := decodeStrict(body, &req); st != nil {
		return errorReply(r, *st), 0
	}
	mask, st := parseGroupMask(req.ReadGroupFields, "readGroupFields", createGroupFields, defaultCreateFields)
	if st == nil {
		st = checkNewGroup(req.ContactGroup)
	}
	if st != nil {
		return errorReply(r, *st), 0
	}
	g, st := s.createGroup(user, req.ContactGroup.Name, slices.Clone(req.ContactGroup.ClientData))
	if st != nil {
		return errorReply(r, *st), 0
	}
	return jsonReply(r, http.StatusOK, g.render(mask, 0)), 0
}

// checkNewGroup applies the rules of a group to create: a name, and no output-only field.
func checkNewGroup(g *contactGroup) *errorStatus {
	var field, msg string
	switch {
	case g == nil:
		field, msg = "contact_group", "A contact group is required."
	case g.ResourceName != "":
		field, msg = "contact_group.resource_name", "Resource name is assigned by the server and must not be set."
	case g.Etag != "":
		field, msg = "contact_group.etag", "Etag is assigned by the server and must not be set."
	case g.Metadata != nil, g.GroupType != "", g.FormattedName != "", g.MemberResourceNames != nil, g.MemberCount != 0:
		field, msg = "contact_group", "Output-only fields of a contact group must not be set."
	case strings.TrimSpace(g.Name) == "":
		field, msg = "contact_group.name", "A contact group must have a name."
	default:
		return nil
	}
	st := invalidArgument(field, msg)
	return &st
}
