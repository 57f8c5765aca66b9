// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// Journal is a [people.Journal] kept in Redis, beside the user's turn, so that an import job
// that a machine started and did not finish (it crashed, or was stopped) resumes on any
// machine that makes the same call with the same user and job name. Open it with
// [Sequencer.OpenJournal] or [OpenJournal], pass it to [people.WithJournal], and Close it
// when the call returns. It is safe for concurrent use.
//
// # Keys
//
// A job has three keys, under the hash tag of its user's turn (so that a Redis Cluster keeps
// them in the turn's slot) and named by a hash of the job name: a header (a string), the
// entries (a list, one JSON element per entry, each Append one RPUSH in one script, so that
// a batch is recorded whole or not at all) and an owner lease. They hold markers, states and
// resource names, never contact data. The header and the entries stay in Redis until
// [Journal.Delete]: delete a job once its call has succeeded.
//
// # One journal per job
//
// Only one Journal at a time holds a job, in one process or across machines: OpenJournal
// takes the job's owner lease (SET NX PX with a random token) and fails with a
// [*JobLockedError] while another Journal holds it. The lease is renewed every third of
// Options.LeaseTTL until Close, as a turn's lease is; a process that dies holding a job frees
// it after LeaseTTL (JobLockedError.RetryAfter says how long), and another machine can then
// open it and resume. Every read and write checks, in the same Redis script, that the
// Journal's token still holds the lease, so two Journals never both write one job: one that
// lost its lease (a pause longer than LeaseTTL, a Redis restart) fails with a
// JobLockedError whose Lost is true, and the call stops before sending anything more. The
// limits are those of the turn (see the package documentation): a request already on its
// way when the lease is lost cannot be called back, and a resumed call looks its contacts
// up in the account before sending them again.
//
// # Durability
//
// An entry is as durable as Redis makes its writes. With appendonly yes and appendfsync
// always, Redis writes each script to its append-only file and syncs it before it replies,
// and the journal is as durable as a file journal. With appendfsync everysec (Redis's
// default when the AOF is on), a crash of the Redis machine loses up to a second of
// entries; without persistence, a Redis restart loses every job. Replication is
// asynchronous: a failover can lose the last entries too. A job whose journal was lost
// starts again as a new job: contacts created before are then found only by the lookups of
// people.SkipExisting (or Config.Reconcile, for a request in flight), if the call has them;
// without them they are created again.
//
// # Errors
//
// Load fails with a [*JournalCorruptError] naming the key and the entry's index when a value
// in Redis does not check out. A job written for another user, endpoint, marker key or input
// is the SDK's to refuse ([people.JournalMismatchError]): the journal stores and returns the
// header as it was given. An exchange with Redis that fails is an [*Error].
type Journal struct {
	s     *Sequencer
	job   string
	keys  jobKeys
	token string

	stop chan struct{} // closed by Close to end the renewal
	done chan struct{} // closed when the renewal has ended
	once sync.Once
}

var _ people.Journal = (*Journal)(nil)

// OpenJournal opens the journal of job for user, on client, with opts (nil means the
// defaults) as a Sequencer uses them: a process that also takes turns through a Sequencer
// should use [Sequencer.OpenJournal] instead. See [Sequencer.OpenJournal].
func OpenJournal(ctx context.Context, client redis.UniversalClient, user, job string, opts *Options) (*Journal, error) {
	if client == nil {
		return nil, errNoClient
	}
	return New(client, opts).OpenJournal(ctx, user, job)
}

// OpenJournal opens the journal of job, a name the caller chooses (non-empty; it is stored
// only as a hash), for user, the Config.User of the calls that will use it. Its keys sit
// under s's key prefix beside user's turn. It fails with a [*JobLockedError] when another
// Journal holds the job, and with an [*Error] when Redis cannot be reached. Close it when done.
func (s *Sequencer) OpenJournal(ctx context.Context, user, job string) (*Journal, error) {
	if s == nil || s.rdb == nil {
		return nil, errNoClient
	}
	if job == "" {
		return nil, errors.New("redisturn: OpenJournal: empty job name")
	}
	j := &Journal{s: s, job: job, keys: jobKeysFor(s.prefix, user, job), token: rand.Text(),
		stop: make(chan struct{}), done: make(chan struct{})}
	left, err := jobOpenScript.Run(ctx, s.rdb, []string{j.keys.owner}, j.token, s.ttl.Milliseconds()).Int64()
	if err != nil {
		return nil, &Error{Op: "open journal", Addr: s.addr, Err: err}
	}
	if left > 0 {
		return nil, &JobLockedError{Job: job, Key: j.keys.owner, RetryAfter: time.Duration(left) * time.Millisecond}
	}
	go j.renew()
	return j, nil
}

// errJournalClosed is the error of a closed, nil or zero Journal.
var errJournalClosed = errors.New("redisturn: journal closed, nil, or not made by OpenJournal")

// usable returns errJournalClosed if j cannot be used.
func (j *Journal) usable() error {
	if j == nil || j.s == nil {
		return errJournalClosed
	}
	select {
	case <-j.stop:
		return errJournalClosed
	default:
		return nil
	}
}

// loadPage is how many entries Load reads a round trip.
const loadPage = 4096

// Load returns the header and every entry, in the order they were appended.
func (j *Journal) Load(ctx context.Context) (*people.JournalHeader, []people.JournalEntry, error) {
	if err := j.usable(); err != nil {
		return nil, nil, err
	}
	rdb := j.s.rdb
	res, err := jobLoadScript.Run(ctx, rdb, []string{j.keys.owner, j.keys.header, j.keys.entries}, j.token).Slice()
	if err != nil {
		return nil, nil, &Error{Op: "load journal", Addr: j.s.addr, Err: err}
	}
	if len(res) == 3 && res[0] == int64(2) {
		key, _ := res[1].(string)
		typ, _ := res[2].(string)
		return nil, nil, &JournalCorruptError{Key: key, Index: -1, Reason: "a Redis " + typ + " in place of a journal's"}
	}
	if len(res) != 4 || res[0] != int64(1) {
		return nil, nil, j.lost()
	}
	var h *people.JournalHeader
	if res[1] == int64(1) {
		raw, _ := res[2].(string)
		if h, err = decodeHeader(raw); err != nil {
			return nil, nil, &JournalCorruptError{Key: j.keys.header, Index: -1, Reason: err.Error()}
		}
	}
	n, _ := res[3].(int64)
	entries := make([]people.JournalEntry, 0, n)
	for from := int64(0); from < n; from += loadPage {
		vals, err := rdb.LRange(ctx, j.keys.entries, from, min(from+loadPage, n)-1).Result()
		if err != nil {
			return nil, nil, &Error{Op: "load journal", Addr: j.s.addr, Err: err}
		}
		for i, v := range vals {
			e, err := decodeEntry(v)
			if err != nil {
				return nil, nil, &JournalCorruptError{Key: j.keys.entries, Index: from + int64(i), Reason: err.Error()}
			}
			entries = append(entries, e)
		}
	}
	return h, entries, nil
}

// Start records h as the job's header, in place of any earlier one.
func (j *Journal) Start(ctx context.Context, h people.JournalHeader) error {
	if err := j.usable(); err != nil {
		return err
	}
	raw, err := encodeHeader(h)
	if err != nil {
		return fmt.Errorf("redisturn: journal header: %w", err)
	}
	ok, err := jobStartScript.Run(ctx, j.s.rdb, []string{j.keys.owner, j.keys.header}, j.token, j.s.ttl.Milliseconds(), raw).Int64()
	if err != nil {
		return &Error{Op: "start journal", Addr: j.s.addr, Err: err}
	}
	if ok != 1 {
		return j.lost()
	}
	return nil
}

// Append records entries as one batch after those already recorded: one script that
// pushes them all, or none when j no longer holds the job.
func (j *Journal) Append(ctx context.Context, entries []people.JournalEntry) error {
	if err := j.usable(); err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	vals, err := encodeEntries(entries)
	if err != nil {
		return err
	}
	args := append([]any{j.token, j.s.ttl.Milliseconds()}, vals...)
	ok, err := jobAppendScript.Run(ctx, j.s.rdb, []string{j.keys.owner, j.keys.entries}, args...).Int64()
	if err != nil {
		return &Error{Op: "append to journal", Addr: j.s.addr, Err: err}
	}
	if ok != 1 {
		return j.lost()
	}
	return nil
}

// Delete removes the job's header and entries from Redis, for a job that is done. j stays
// open and holds the job, empty, until Close.
func (j *Journal) Delete(ctx context.Context) error {
	if err := j.usable(); err != nil {
		return err
	}
	ok, err := jobDeleteScript.Run(ctx, j.s.rdb, []string{j.keys.owner, j.keys.header, j.keys.entries}, j.token).Int64()
	if err != nil {
		return &Error{Op: "delete journal", Addr: j.s.addr, Err: err}
	}
	if ok != 1 {
		return j.lost()
	}
	return nil
}

// String names the job, as errors of the SDK show it.
func (j *Journal) String() string {
	if j == nil {
		return "<nil>"
	}
	return fmt.Sprintf("redis job %q", j.job)
}

// Close stops renewing the job's owner lease and gives it up, so that another Journal can
// open the job at once. The job's data stays (see Delete). Closing twice does nothing.
func (j *Journal) Close() error {
	if j == nil || j.s == nil {
		return nil
	}
	var err error
	j.once.Do(func() {
		close(j.stop)
		<-j.done
		ctx, cancel := context.WithTimeout(context.Background(), j.s.ttl)
		defer cancel()
		if rerr := jobCloseScript.Run(ctx, j.s.rdb, []string{j.keys.owner}, j.token).Err(); rerr != nil {
			err = &Error{Op: "close journal", Addr: j.s.addr, Err: rerr}
		}
	})
	return err
}
