// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// userKey returns the Redis key of the test's user whose name ends in suffix (such as
// ":lease"), found by SCAN under the test's key prefix.
func userKey(t *testing.T, rdb *redis.Client, suffix string) string {
	t.Helper()
	keys, err := rdb.Keys(t.Context(), "test:"+t.Name()+":*"+suffix).Result()
	if err != nil || len(keys) != 1 {
		t.Fatalf("keys *%s: %v, %v", suffix, keys, err)
	}
	return keys[0]
}

// pacingOf takes and gives back user's turn through seq, returning the pacing state read.
func pacingOf(t *testing.T, seq *redisturn.Sequencer, user string) string {
	t.Helper()
	turn, err := seq.AcquirePacing(t.Context(), user)
	if err != nil {
		t.Fatal(err)
	}
	turn.Release(nil)
	return string(turn.Pacing)
}

// TestPacingTravelsWithTurn gives a turn back with a pacing state and reads it with the next
// turn, in another "process"; a turn given back without one keeps it; its age counts from
// when it was given back.
func TestPacingTravelsWithTurn(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	seqA, _ := process(t, addr, time.Second)
	seqB, _ := process(t, addr, time.Second)
	if got := pacingOf(t, seqA, "u"); got != "" {
		t.Fatalf("a new user's state = %q, want none", got)
	}
	turn, err := seqA.AcquirePacing(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	turn.Release([]byte("s1"))
	_, release, err := seqB.Acquire(t.Context(), "u") // a turn that knows no pacing
	if err != nil {
		t.Fatal(err)
	}
	release()
	time.Sleep(50 * time.Millisecond) // an age to measure: a lower bound, not a timing
	turn, err = seqB.AcquirePacing(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	defer turn.Release(nil)
	if string(turn.Pacing) != "s1" || turn.PacingAge < 50*time.Millisecond {
		t.Errorf("state %q, age %v; want \"s1\", at least 50ms", turn.Pacing, turn.PacingAge)
	}
}

// TestPacingNotWrittenAfterLeaseLost has Redis lose a holder's lease (its key deleted, as a
// restart or failover would) and another process take the turn: the first holder's release
// must not write its state over what the next holders read.
func TestPacingNotWrittenAfterLeaseLost(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	seqA, rdb := process(t, addr, time.Second)
	seqB, _ := process(t, addr, time.Second)
	turn, err := seqA.AcquirePacing(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	turn.Release([]byte("before"))
	turn, err = seqA.AcquirePacing(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	if err := rdb.Del(t.Context(), userKey(t, rdb, ":lease")).Err(); err != nil {
		t.Fatal(err)
	}
	turnB, err := seqB.AcquirePacing(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	<-turn.Held.Done() // the next renewal finds the lease taken
	var lost *redisturn.LeaseLostError
	if !errors.As(context.Cause(turn.Held), &lost) {
		t.Fatalf("held's cause = %v, want a *LeaseLostError", context.Cause(turn.Held))
	}
	turn.Release([]byte("lost"))
	turnB.Release(nil)
	if got := pacingOf(t, seqB, "u"); got != "before" {
		t.Errorf("state = %q, want \"before\": a holder that lost its lease wrote", got)
	}
}

// TestPacingStateUnreadable stores states that are not states (or lack a field) in Redis:
// a client's import through the Sequencer works, pacing afresh, and gives back a good state.
func TestPacingStateUnreadable(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	tests := map[string]map[string]any{
		"not a state":       {"s": 1, "us": 0, "lag": 0, "data": "garbage"},
		"not JSON":          {"s": 1, "us": 0, "lag": 0, "data": "\xff\x00"},
		"no time":           {"data": `{"v":1}`},
		"time not a number": {"s": "x", "us": 0, "lag": 0, "data": `{"v":1}`},
	}
	for name, fields := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seq, rdb := process(t, addr, time.Second)
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			c, err := people.NewClientWithConfig(t.Context(), &people.Config{User: "alice", Sequencer: seq, WritesPerMinute: 600},
				srv.ClientOptions("alice")...)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			one := []*people.Person{{Names: []*people.Name{{GivenName: "Ada"}}}}
			if _, err := c.BatchCreateContacts(t.Context(), one, "", nil); err != nil {
				t.Fatal(err)
			}
			key := userKey(t, rdb, ":pacing")
			if err := rdb.Del(t.Context(), key).Err(); err != nil {
				t.Fatal(err)
			}
			if err := rdb.HSet(t.Context(), key, fields).Err(); err != nil {
				t.Fatal(err)
			}
			res, err := c.BatchCreateContacts(t.Context(), one, "", nil)
			if err != nil || res.Counts().Created != 1 {
				t.Fatalf("with an unreadable state: %v, %+v", err, res.Counts())
			}
			var st struct{ V int }
			if err := json.Unmarshal([]byte(pacingOf(t, seq, "alice")), &st); err != nil || st.V != 1 {
				t.Errorf("the state given back is not a state: %v", err)
			}
		})
	}
}
