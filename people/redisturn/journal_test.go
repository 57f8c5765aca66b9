// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

var testHeader = people.JournalHeader{User: "ann", Endpoint: "http://127.0.0.1/", Input: "f1", MarkerKey: "peoplebatch.id"}

// journalSeq returns a Sequencer on the shared Redis whose keys are the test's own, and its
// client.
func journalSeq(t *testing.T) (*redisturn.Sequencer, *redis.Client, string) {
	t.Helper()
	addr := needRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	prefix := "test:" + t.Name() + ":"
	return redisturn.New(rdb, &redisturn.Options{KeyPrefix: prefix, LeaseTTL: 2 * time.Second}), rdb, prefix
}

// openJob opens job for user "ann" and closes it at the end of the test.
func openJob(t *testing.T, s *redisturn.Sequencer, job string) *redisturn.Journal {
	t.Helper()
	j, err := s.OpenJournal(t.Context(), "ann", job)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

// writeJob records the header and two batches in job, and closes it.
func writeJob(t *testing.T, s *redisturn.Sequencer, job string) {
	t.Helper()
	j := openJob(t, s, job)
	ctx := t.Context()
	if err := j.Start(ctx, testHeader); err != nil {
		t.Fatal(err)
	}
	if err := j.Append(ctx, []people.JournalEntry{{Marker: "a", State: people.JournalSending}, {Marker: "b", State: people.JournalSending}}); err != nil {
		t.Fatal(err)
	}
	if err := j.Append(ctx, []people.JournalEntry{{Marker: "a", State: people.JournalCreated, ResourceName: "people/c1"}, {Marker: "b", State: people.JournalUnknown}}); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
}

// jobKey returns the job's key of the given kind ("header", "entries", "owner").
func jobKey(t *testing.T, rdb *redis.Client, prefix, kind string) string {
	t.Helper()
	keys, err := rdb.Keys(t.Context(), prefix+"*:"+kind).Result()
	if err != nil || len(keys) != 1 {
		t.Fatalf("keys %s*:%s: %v %v", prefix, kind, keys, err)
	}
	return keys[0]
}

func TestJournalReadsBackWhatItRecorded(t *testing.T) {
	t.Parallel()
	s, _, _ := journalSeq(t)
	writeJob(t, s, "job")
	h, es, err := openJob(t, s, "job").Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []people.JournalEntry{
		{Marker: "a", State: people.JournalSending}, {Marker: "b", State: people.JournalSending},
		{Marker: "a", State: people.JournalCreated, ResourceName: "people/c1"}, {Marker: "b", State: people.JournalUnknown},
	}
	if diff := cmp.Diff(&testHeader, h); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, es); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	// Another job, or the same job name of another user, is another journal.
	for _, other := range []struct{ user, job string }{{"ann", "job2"}, {"bob", "job"}} {
		j, err := s.OpenJournal(t.Context(), other.user, other.job)
		if err != nil {
			t.Fatal(err)
		}
		if h, es, err := j.Load(t.Context()); h != nil || len(es) != 0 || err != nil {
			t.Errorf("%+v: Load = %v, %v, %v; want an empty journal", other, h, es, err)
		}
		j.Close()
	}
}

func TestJournalLoadsManyPages(t *testing.T) {
	t.Parallel()
	s, _, _ := journalSeq(t)
	j := openJob(t, s, "big")
	batch := make([]people.JournalEntry, 2500) // more than Lua's unpack takes at once
	var want []people.JournalEntry
	for round := range 4 {
		for i := range batch {
			batch[i] = people.JournalEntry{Marker: people.KeyMarker(string(rune('a'+round)) + strings.Repeat("x", i%7) + string(rune(i))), State: people.JournalSending}
		}
		if err := j.Append(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
		want = append(want, batch...)
	}
	_, got, err := j.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestJournalOfAJobHeldElsewhereIsRefused(t *testing.T) {
	t.Parallel()
	s, rdb, prefix := journalSeq(t)
	first := openJob(t, s, "job")
	// A second Journal on another client, as another process makes it.
	rdb2 := redis.NewClient(&redis.Options{Addr: needRedis(t)})
	defer rdb2.Close()
	_, err := redisturn.OpenJournal(t.Context(), rdb2, "ann", "job", &redisturn.Options{KeyPrefix: prefix})
	var le *redisturn.JobLockedError
	if !errors.As(err, &le) || le.Lost || le.RetryAfter <= 0 || le.RetryAfter > 2*time.Second || le.Job != "job" {
		t.Fatalf("second OpenJournal = %v (%+v); want a *JobLockedError with 0 < RetryAfter <= 2s", err, le)
	}
	if !strings.Contains(le.Key, "{") || strings.Contains(err.Error(), "ann") {
		t.Errorf("error %q names the user, or key %q has no hash tag", err, le.Key)
	}
	// The first renews its lease while it is open: its remaining time goes back up.
	owner := jobKey(t, rdb, prefix, "owner")
	for prev := rdb.PTTL(t.Context(), owner).Val(); ; {
		p := rdb.PTTL(t.Context(), owner).Val()
		if p > prev {
			break
		}
		if p <= 0 {
			t.Fatalf("owner lease gone (PTTL %v) while its journal is open", p)
		}
		prev = p
		select {
		case <-t.Context().Done():
			t.Fatal("the owner lease was never renewed")
		case <-time.After(10 * time.Millisecond): // polling Redis for the renewal
		}
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second, err := redisturn.OpenJournal(t.Context(), rdb2, "ann", "job", &redisturn.Options{KeyPrefix: prefix})
	if err != nil {
		t.Fatalf("OpenJournal after Close: %v", err)
	}
	defer second.Close()
	if err := first.Append(t.Context(), []people.JournalEntry{{Marker: "a", State: people.JournalSending}}); err == nil {
		t.Error("Append on a closed journal succeeded")
	}
}

func TestJournalThatLostItsJobWritesNothing(t *testing.T) {
	t.Parallel()
	s, rdb, prefix := journalSeq(t)
	j := openJob(t, s, "job")
	if err := j.Start(t.Context(), testHeader); err != nil {
		t.Fatal(err)
	}
	// The lease expired (a long pause) and another process took the job.
	owner := jobKey(t, rdb, prefix, "owner")
	if err := rdb.Set(t.Context(), owner, "someone-else", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	entries := strings.TrimSuffix(owner, "owner") + "entries"
	for name, op := range map[string]func() error{
		"Append": func() error {
			return j.Append(t.Context(), []people.JournalEntry{{Marker: "a", State: people.JournalSending}})
		},
		"Start":  func() error { return j.Start(t.Context(), testHeader) },
		"Load":   func() error { _, _, err := j.Load(t.Context()); return err },
		"Delete": func() error { return j.Delete(t.Context()) },
	} {
		var le *redisturn.JobLockedError
		if err := op(); !errors.As(err, &le) || !le.Lost {
			t.Errorf("%s = %v; want a *JobLockedError, Lost", name, err)
		}
	}
	if n := rdb.LLen(t.Context(), entries).Val(); n != 0 {
		t.Errorf("%d entries written by a journal that lost its job", n)
	}
	if v := rdb.Get(t.Context(), owner).Val(); v != "someone-else" {
		t.Errorf("owner = %q after the loser's operations", v)
	}
}

func TestJournalCorruptDataIsAnError(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		kind  string // the key to spoil
		index int64
		value string
		want  int64 // JournalCorruptError.Index
	}{
		"entry not JSON":      {kind: "entries", index: 2, value: "garbage", want: 2},
		"entry unknown state": {kind: "entries", index: 1, value: `{"m":"a","s":"gone"}`, want: 1},
		"entry no marker":     {kind: "entries", index: 3, value: `{"s":"created"}`, want: 3},
		"entry extra field":   {kind: "entries", index: 0, value: `{"m":"a","s":"created","x":1}`, want: 0},
		"entry trailing data": {kind: "entries", index: 0, value: `{"m":"a","s":"created"} {}`, want: 0},
		"header":              {kind: "header", value: `null`, want: -1},
		"header of a list":    {kind: "header", value: "list", want: -1},
		"entries of a string": {kind: "entries", value: "string", want: -1},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, rdb, prefix := journalSeq(t)
			writeJob(t, s, "job")
			key := jobKey(t, rdb, prefix, tc.kind)
			var err error
			switch {
			case tc.value == "list":
				err = rdb.Del(t.Context(), key).Err()
				if err == nil {
					err = rdb.RPush(t.Context(), key, "x").Err()
				}
			case tc.kind == "header" || tc.value == "string":
				err = rdb.Set(t.Context(), key, tc.value, 0).Err()
			default:
				err = rdb.LSet(t.Context(), key, tc.index, tc.value).Err()
			}
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = openJob(t, s, "job").Load(t.Context())
			var ce *redisturn.JournalCorruptError
			if !errors.As(err, &ce) || ce.Key != key || ce.Index != tc.want {
				t.Fatalf("Load = %v; want a *JournalCorruptError for %s at %d", err, key, tc.want)
			}
			if !strings.Contains(err.Error(), key) {
				t.Errorf("error %q does not name the key", err)
			}
		})
	}
}

func TestJournalKeysShareTheTurnsSlot(t *testing.T) {
	t.Parallel()
	s, rdb, prefix := journalSeq(t)
	_, release, err := s.Acquire(t.Context(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	writeJob(t, s, "job")
	j := openJob(t, s, "job")
	lease := jobKey(t, rdb, prefix, "lease")
	release()
	tag := lease[strings.IndexByte(lease, '{') : strings.IndexByte(lease, '}')+1]
	for _, kind := range []string{"header", "entries", "owner"} {
		if key := jobKey(t, rdb, prefix, kind); !strings.HasPrefix(key, prefix+tag+":job:") || strings.Contains(key, "job:job") {
			t.Errorf("key %s: not under the turn's tag %s, or names the job in clear", key, tag)
		}
	}
	j.Close()
}

func TestJournalBadArgumentsAreErrors(t *testing.T) {
	t.Parallel()
	s, _, _ := journalSeq(t)
	var nilJournal *redisturn.Journal
	var zero redisturn.Journal
	var nilSeq *redisturn.Sequencer
	ctx := t.Context()
	for name, op := range map[string]func() error{
		"nil client":    func() error { _, err := redisturn.OpenJournal(ctx, nil, "ann", "job", nil); return err },
		"nil sequencer": func() error { _, err := nilSeq.OpenJournal(ctx, "ann", "job"); return err },
		"empty job":     func() error { _, err := s.OpenJournal(ctx, "ann", ""); return err },
		"nil Load":      func() error { _, _, err := nilJournal.Load(ctx); return err },
		"zero Append": func() error {
			return zero.Append(ctx, []people.JournalEntry{{Marker: "a", State: people.JournalSending}})
		},
		"nil Start":     func() error { return nilJournal.Start(ctx, testHeader) },
		"invalid state": func() error { return openJob(t, s, "bad").Append(ctx, []people.JournalEntry{{Marker: "a", State: 9}}) },
		"no marker": func() error {
			return openJob(t, s, "bad2").Append(ctx, []people.JournalEntry{{State: people.JournalCreated}})
		},
		"closed Load": func() error { j := openJob(t, s, "closed"); j.Close(); _, _, err := j.Load(ctx); return err },
	} {
		if err := op(); err == nil || !strings.HasPrefix(err.Error(), "redisturn: ") {
			t.Errorf("%s: %v; want a redisturn error", name, err)
		}
	}
	if err := nilJournal.Close(); err != nil {
		t.Errorf("nil Close: %v", err)
	}
}

func TestJournalDelete(t *testing.T) {
	t.Parallel()
	s, rdb, prefix := journalSeq(t)
	writeJob(t, s, "job")
	j := openJob(t, s, "job")
	if err := j.Delete(t.Context()); err != nil {
		t.Fatal(err)
	}
	if h, es, err := j.Load(t.Context()); h != nil || len(es) != 0 || err != nil {
		t.Errorf("Load after Delete = %v, %v, %v", h, es, err)
	}
	j.Close()
	if keys := rdb.Keys(t.Context(), prefix+"*").Val(); len(keys) != 0 {
		t.Errorf("keys left after Delete and Close: %v", keys)
	}
}

// A job written for another user is refused by the SDK, from the header the journal kept.
func TestJournalOfAnotherUserIsRefused(t *testing.T) {
	t.Parallel()
	s, _, _ := journalSeq(t)
	writeJob(t, s, "job") // header of user "ann"
	srv := peopletest.NewServer()
	defer srv.Close()
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{User: "bob"}, srv.ClientOptions("bob")...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	j := openJob(t, s, "job")
	_, err = c.BatchCreateContacts(t.Context(), []*people.Person{{Names: []*people.Name{{GivenName: "Ada"}}}}, "", nil,
		people.WithKeys(func(int, *people.Person) string { return "r1" }), people.WithJournal(j))
	var me *people.JournalMismatchError
	if !errors.As(err, &me) || me.Field != "user" || me.Recorded != "ann" || me.Journal != j.String() {
		t.Fatalf("call = %v; want a *people.JournalMismatchError on the user", err)
	}
	if n := len(srv.Contacts("bob")); n != 0 {
		t.Errorf("%d contacts created", n)
	}
}

// A Journal's renewal ends with Close: nothing of it outlives the journal.
func TestJournalCloseEndsItsGoroutine(t *testing.T) {
	// Not parallel: other tests' goroutines would come and go meanwhile.
	addr := needRedis(t)
	ignore := goleak.IgnoreCurrent()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	j, err := redisturn.OpenJournal(t.Context(), rdb, "ann", "leak", &redisturn.Options{KeyPrefix: "test:" + t.Name() + ":"})
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Append(t.Context(), []people.JournalEntry{{Marker: "a", State: people.JournalSending}}); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	rdb.Close()
	goleak.VerifyNone(t, ignore)
}
