// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"crypto/sha256"
	"encoding/hex"
)

// userKeys names the Redis keys of one user. They share one hash tag, a hash of the user
// key, so that a Redis Cluster keeps them in one slot and the user key never reaches Redis.
type userKeys struct {
	lease, queue, alive, seq string
	// wake is the pub/sub channel on which a release names the next holder.
	wake string
}

func keysFor(prefix, user string) userKeys {
	sum := sha256.Sum256([]byte(user))
	base := prefix + "{" + hex.EncodeToString(sum[:16]) + "}:"
	return userKeys{
		lease: base + "lease",
		queue: base + "queue",
		alive: base + "alive",
		seq:   base + "seq",
		wake:  base + "wake",
	}
}
