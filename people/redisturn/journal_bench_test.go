// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/internal/redistest"
	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// The journal benchmarks compare, in the same run, a Redis journal on loopback with a file
// journal on the same machine: Redis without persistence (as redistest starts it) and Redis
// with appendonly yes and appendfsync always (as durable as the file). Run them with
//
//	go test -run '^$' -bench Journal -benchtime 20x ./people/redisturn/

// journalKinds are the journals compared, in the order each iteration runs them.
var journalKinds = []string{"file", "redis", "redis-aof-always"}

// closingJournal is a journal to close after use.
type closingJournal interface {
	people.Journal
	Close() error
}

// benchJournals returns a function that opens a new journal of each kind, named n.
func benchJournals(b *testing.B) func(kind string, n int) closingJournal {
	b.Helper()
	plain := redis.NewClient(&redis.Options{Addr: redistest.StartForTest(b).Addr})
	b.Cleanup(func() { plain.Close() })
	durable := redis.NewClient(&redis.Options{Addr: redistest.StartForTest(b).Addr})
	b.Cleanup(func() { durable.Close() })
	ctx := b.Context()
	for _, kv := range [][2]string{{"appendonly", "yes"}, {"appendfsync", "always"}} {
		if err := durable.ConfigSet(ctx, kv[0], kv[1]).Err(); err != nil {
			b.Fatal(err)
		}
	}
	for { // until the AOF that appendonly yes starts is written
		info := durable.Info(ctx, "persistence").Val()
		if strings.Contains(info, "aof_enabled:1") && strings.Contains(info, "aof_rewrite_in_progress:0") &&
			!strings.Contains(info, "aof_rewrite_scheduled:1") {
			break
		}
		select {
		case <-ctx.Done():
			b.Fatal(ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
	dir := b.TempDir()
	return func(kind string, n int) closingJournal {
		var j closingJournal
		var err error
		switch kind {
		case "file":
			j, err = filejournal.Open(filepath.Join(dir, strconv.Itoa(n)))
		case "redis":
			j, err = redisturn.OpenJournal(ctx, plain, "bench", strconv.Itoa(n), nil)
		default:
			j, err = redisturn.OpenJournal(ctx, durable, "bench", strconv.Itoa(n), nil)
		}
		if err != nil {
			b.Fatal(err)
		}
		return j
	}
}

// BenchmarkJournalPerRequest measures a journal's cost per request two ways, each kind in
// turn in each iteration so that the load of the machine weighs on all alike:
//
//   - "appends-of-one-request": the two appends of one 200-contact request (sending, then
//     the outcomes with resource names), alone;
//   - "call": a call of 10 requests of 200 contacts on the emulator with keys and the
//     clientData read mask, without a journal ("none") and with a new journal of each kind.
//
// It reports the median time per request of each kind and the ratios to the file journal.
func BenchmarkJournalPerRequest(b *testing.B) {
	needRedis(b)
	b.Run("appends-of-one-request", func(b *testing.B) {
		newJournal := benchJournals(b)
		js := map[string]closingJournal{}
		for _, kind := range journalKinds {
			js[kind] = newJournal(kind, 0)
			defer js[kind].Close()
		}
		batch := make([]people.JournalEntry, people.MaxContactsPerRequest)
		spent := map[string][]time.Duration{}
		n := 0
		for b.Loop() {
			for k := range journalKinds {
				kind := journalKinds[(n+k)%len(journalKinds)]
				for i := range batch {
					batch[i] = people.JournalEntry{Marker: people.KeyMarker(strconv.Itoa(n*len(batch) + i)), State: people.JournalSending}
				}
				start := time.Now()
				if err := js[kind].Append(b.Context(), batch); err != nil {
					b.Fatal(err)
				}
				for i := range batch {
					batch[i].State, batch[i].ResourceName = people.JournalCreated, "people/c1234567890123456789"
				}
				if err := js[kind].Append(b.Context(), batch); err != nil {
					b.Fatal(err)
				}
				spent[kind] = append(spent[kind], time.Since(start))
			}
			n++
		}
		reportKinds(b, spent, journalKinds, 1)
	})
	b.Run("call", func(b *testing.B) {
		const requests = 10
		newJournal := benchJournals(b)
		srv := peopletest.NewServer()
		b.Cleanup(srv.Close)
		c, err := people.NewClientWithConfig(b.Context(), nil, srv.ClientOptions("bench")...)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.Close() })
		in := make([]*people.Person, requests*people.MaxContactsPerRequest)
		for i := range in {
			in[i] = &people.Person{Names: []*people.Name{{GivenName: "Bench", FamilyName: strconv.Itoa(i)}}}
		}
		key := func(i int, _ *people.Person) string { return strconv.Itoa(i) }
		kinds := append([]string{"none"}, journalKinds...)
		spent := map[string][]time.Duration{}
		n := 0
		for b.Loop() {
			for k := range kinds {
				kind := kinds[(n+k)%len(kinds)]
				srv.Reset()
				start := time.Now()
				opts := []people.CallOption{people.WithKeys(key)}
				var j closingJournal
				if kind != "none" {
					j = newJournal(kind, n)
					opts = append(opts, people.WithJournal(j))
				}
				if _, err := c.BatchCreateContacts(b.Context(), in, string(people.MaskClientData), nil, opts...); err != nil {
					b.Fatal(err)
				}
				if j != nil {
					j.Close()
				}
				spent[kind] = append(spent[kind], time.Since(start))
			}
			n++
		}
		reportKinds(b, spent, kinds, requests)
	})
}

// reportKinds reports the median time per request of each kind (over the iterations, each
// of which ran requests requests of each kind: the median resists the pauses of a loaded
// machine) and the ratio of each Redis journal's to the file journal's: of their times, or
// with "none", of their overheads over it.
func reportKinds(b *testing.B, spent map[string][]time.Duration, kinds []string, requests int) {
	per := func(kind string) float64 {
		ts := slices.Clone(spent[kind])
		slices.Sort(ts)
		return float64(ts[len(ts)/2].Microseconds()) / float64(requests)
	}
	for _, kind := range kinds {
		b.ReportMetric(per(kind), "µs/request-"+kind)
	}
	cost, ratio := per, "/file"
	if _, ok := spent["none"]; ok {
		cost, ratio = func(kind string) float64 { return per(kind) - per("none") }, "-overhead/file-overhead"
	}
	for _, kind := range journalKinds[1:] {
		b.ReportMetric(cost(kind)/cost("file"), kind+ratio)
	}
}
