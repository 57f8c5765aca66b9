// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

// notUTF8 is the reason of a problem with a string that is not valid UTF-8.
const notUTF8 = "is not valid UTF-8"

// The path of the UTF-8 walk must fit in a fieldPath: this fails to compile when the model
// grows deeper than maxPathDepth.
var _ [maxPathDepth - personTextDepth]struct{}

// checkUTF8 reports every string of c that is not valid UTF-8, which the server would
// receive with U+FFFD in place of its bad bytes. The walk is generated from the discovery
// document with the model (validutf8_gen.go): a plain function per type that holds strings.
func checkUTF8(c *Person, p *fieldPath) {
	walkUTF8Person(c, p)
}
