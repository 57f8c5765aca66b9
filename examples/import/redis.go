// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"flag"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// addRedisFlag registers -redis, which makes importer processes share the user's turn.
func addRedisFlag(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.Redis, "redis", "", "take the user's turns through the Redis at `URL` (redis:// or rediss://), so that "+
		"importers writing for the same user, on this machine or others, never send at the same time")
}

// shareTurns gives cfg a Sequencer on the Redis at url, when url is set, and returns what
// closes it. An unreachable Redis shows at the first request: its contacts are not sent, and
// the error names the Redis address.
func shareTurns(url string, cfg *people.Config) (closeTurns func(), err error) {
	if url == "" {
		return func() {}, nil
	}
	seq, err := redisturn.NewFromURL(url, nil)
	if err != nil {
		return nil, err
	}
	cfg.Sequencer = seq
	return func() { seq.Close() }, nil
}
