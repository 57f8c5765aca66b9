// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "encoding/json"

// UnmarshalJSON decodes a JSON string as encoding/json decodes it into a string, except that
// the value of one of the SourceType constants, written without escapes, becomes that
// constant without allocating: a reply repeats the type of a source for every field it
// returns. null leaves t unchanged, and anything but a string or null is an error, as for a
// string.
func (t *SourceType) UnmarshalJSON(b []byte) error {
	if n := len(b); n >= 2 && b[0] == '"' && b[n-1] == '"' {
		// The constants hold no quote or backslash: the bytes between the quotes are the
		// value itself when they match one.
		if v, ok := knownSourceType(b[1 : n-1]); ok {
			*t = v
			return nil
		}
	}
	return json.Unmarshal(b, (*string)(t))
}
