// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"strconv"
	"strings"
)

// UnknownPathError is the cause of a [ValidationError] for a read mask path that is not one
// of the People API's, such as "emails".
type UnknownPathError struct {
	// Path is the path as given, trimmed.
	Path string
	// Suggestion is the valid path nearest to Path, such as [MaskEmailAddresses] for
	// "emails"; empty when none is near.
	Suggestion MaskPath
	// Valid lists every valid path, in alphabetical order.
	Valid []MaskPath
}

// Error names the path, the suggestion and the valid paths.
func (e *UnknownPathError) Error() string {
	var b strings.Builder
	b.WriteString("people: unknown read mask path ")
	b.WriteString(strconv.Quote(e.Path))
	if e.Suggestion != "" {
		b.WriteString("; did you mean ")
		b.WriteString(strconv.Quote(string(e.Suggestion)))
		b.WriteString("?")
	}
	b.WriteString(" (valid paths: ")
	for i, f := range e.Valid {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(f))
	}
	b.WriteString(")")
	return b.String()
}

// cleanReadMask returns the read mask to send, its paths trimmed of white space, and its
// problems. An empty or blank mask is sent empty.
func cleanReadMask(mask string) (string, []*ValidationError) {
	if strings.TrimSpace(mask) == "" {
		return "", nil
	}
	if problems := validateReadMask(mask); problems != nil {
		return "", problems
	}
	paths := strings.Split(mask, ",")
	for i, p := range paths {
		paths[i] = strings.TrimSpace(p)
	}
	return strings.Join(paths, ","), nil
}

// validateReadMask checks a read mask and returns its problems.
func validateReadMask(mask string) []*ValidationError {
	if strings.TrimSpace(mask) == "" {
		return nil
	}
	var problems []*ValidationError
	for path := range strings.SplitSeq(mask, ",") {
		path = strings.TrimSpace(path)
		if known(path) {
			continue
		}
		if path == "" {
			problems = append(problems, &ValidationError{Index: -1, Field: "readMask", Reason: "has an empty path"})
			continue
		}
		ue := &UnknownPathError{Path: path, Suggestion: nearestPath(path), Valid: AllMaskPaths()}
		reason := "unknown path " + strconv.Quote(path)
		if f, ok := polishFields[strings.ToLower(strings.TrimPrefix(path, "person."))]; ok {
			ue.Suggestion = f
			reason += ": that is the Polish translation of " + strconv.Quote(string(f)) + " on the translated reference page; use " + strconv.Quote(string(f))
		} else if ue.Suggestion != "" {
			reason += "; did you mean " + strconv.Quote(string(ue.Suggestion)) + "?"
		}
		problems = append(problems, &ValidationError{Index: -1, Field: "readMask", Reason: reason, Err: ue})
	}
	return problems
}

func known(path string) bool {
	path = strings.TrimPrefix(path, "person.")
	for _, f := range fields {
		if string(f) == path {
			return true
		}
	}
	return false
}

// nearestPath returns the valid path nearest to path, or "" when none is near: one equal to
// it but for case, else the one that shares the longest prefix of at least four letters with
// it ("emails": emailAddresses), else one within two edits ("adresses": addresses).
func nearestPath(path string) MaskPath {
	p := strings.ToLower(strings.TrimPrefix(path, "person."))
	best, bestLen := MaskPath(""), 3
	for _, f := range fields {
		lf := strings.ToLower(string(f))
		if lf == p {
			return f
		}
		n := 0
		for n < len(lf) && n < len(p) && lf[n] == p[n] {
			n++
		}
		if n > bestLen {
			best, bestLen = f, n
		}
	}
	if best != "" {
		return best
	}
	bestDist := 3
	for _, f := range fields {
		if d := editDistance(p, strings.ToLower(string(f))); d < bestDist {
			best, bestDist = f, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}
