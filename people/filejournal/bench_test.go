// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package filejournal_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/filejournal"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// The benchmarks of resumable imports: the journal's cost per request, the skip-existing
// lookup over a full account, and a reconciliation round. Run them with
//
//	go test -run '^$' -bench . -benchtime 20x ./people/filejournal/

// benchPeople returns n contacts keyed from "from".
func benchPeople(from, n int) []*people.Person {
	out := make([]*people.Person, n)
	for i := range out {
		out[i] = &people.Person{
			Names:          []*people.Name{{GivenName: "Bench", FamilyName: strconv.Itoa(from + i)}},
			EmailAddresses: []*people.EmailAddress{{Value: fmt.Sprintf("b%d@example.com", from+i)}},
		}
	}
	return out
}

func emailKey(_ int, p *people.Person) string { return p.EmailAddresses[0].Value }

// benchClient returns an emulator and a client of the default user.
func benchClient(b *testing.B, cfg *people.Config, opts ...peopletest.Option) (*peopletest.Server, *people.Client) {
	b.Helper()
	srv := peopletest.NewServer(opts...)
	b.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(b.Context(), cfg, srv.ClientOptions("bench")...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return srv, c
}

// reads returns how many connections.list pages srv served.
func reads(srv *peopletest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodGet {
			n++
		}
	}
	return n
}

// BenchmarkJournalPerRequest runs a call of 10 requests of 200 contacts three ways in turn
// in each iteration, so that the load of the machine weighs on all three alike: plain, with
// keys (markers sent, each reply decoded before the next request), with keys and the
// clientData read mask, and with keys and a new file journal (open, header, two synced
// appends per request). It reports the time per request of each and the ratios. It also times the two synced appends of one request alone.
func BenchmarkJournalPerRequest(b *testing.B) {
	const requests = 10
	in := benchPeople(0, requests*people.MaxContactsPerRequest)
	b.Run("call", func(b *testing.B) {
		srv, c := benchClient(b, nil)
		dir := b.TempDir()
		// "readback" is "keys" with the read mask a journaled call sends (clientData): the
		// difference between it and "journal" is the journal's own cost.
		modes := []string{"plain", "keys", "readback", "journal"}
		spent := map[string]time.Duration{}
		n := 0
		for b.Loop() {
			for k := range modes {
				mode := modes[(n+k)%len(modes)]
				srv.Reset()
				start := time.Now()
				var opts []people.CallOption
				var j *filejournal.Journal
				if mode != "plain" {
					opts = append(opts, people.WithKeys(emailKey))
				}
				if mode == "journal" {
					var err error
					if j, err = filejournal.Open(filepath.Join(dir, strconv.Itoa(n))); err != nil {
						b.Fatal(err)
					}
					opts = append(opts, people.WithJournal(j))
				}
				mask := ""
				if mode == "readback" {
					mask = string(people.MaskClientData)
				}
				if _, err := c.BatchCreateContacts(b.Context(), in, mask, nil, opts...); err != nil {
					b.Fatal(err)
				}
				j.Close()
				spent[mode] += time.Since(start)
			}
			n++
		}
		per := func(mode string) float64 { return float64(spent[mode].Microseconds()) / float64(n*requests) }
		for _, mode := range modes {
			b.ReportMetric(per(mode), "µs/request-"+mode)
		}
		b.ReportMetric(per("keys")/per("plain"), "keys/plain")
		b.ReportMetric(per("journal")/per("readback"), "journal/readback")
	})
	b.Run("appends-of-one-request", func(b *testing.B) {
		j, err := filejournal.Open(filepath.Join(b.TempDir(), "j"))
		if err != nil {
			b.Fatal(err)
		}
		defer j.Close()
		batch := make([]people.JournalEntry, people.MaxContactsPerRequest)
		n := 0
		for b.Loop() {
			for i := range batch {
				batch[i] = people.JournalEntry{Marker: people.KeyMarker(strconv.Itoa(n*len(batch) + i)), State: people.JournalSending}
			}
			n++
			if err := j.Append(b.Context(), batch); err != nil {
				b.Fatal(err)
			}
			for i := range batch {
				batch[i].State, batch[i].ResourceName = people.JournalCreated, "people/c1234567890123456789"
			}
			if err := j.Append(b.Context(), batch); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// seeded returns an emulator whose default account holds n contacts keyed by email, created
// through the client, and the client.
func seeded(b *testing.B, n int, cfg *people.Config, opts ...peopletest.Option) (*peopletest.Server, *people.Client, []*people.Person) {
	b.Helper()
	srv, c := benchClient(b, cfg, opts...)
	in := benchPeople(0, n)
	if _, err := c.BatchCreateContacts(b.Context(), in, "", nil, people.WithKeys(emailKey)); err != nil {
		b.Fatal(err)
	}
	return srv, c, in
}

// BenchmarkSkipExisting25000 re-runs an input of 25,000 contacts that all exist, with
// SkipExisting, in both forms, and looks 200 absent markers up in the same account.
func BenchmarkSkipExisting25000(b *testing.B) {
	const n = 25000
	srv, c, in := seeded(b, n, nil)
	b.Run("rerun/slice", func(b *testing.B) {
		before := reads(srv)
		for b.Loop() {
			res, err := c.BatchCreateContacts(b.Context(), in, "", nil, people.WithKeys(emailKey), people.SkipExisting())
			if err != nil || res.Counts().Created != n {
				b.Fatal(res.Counts(), err)
			}
		}
		b.ReportMetric(float64(reads(srv)-before)/float64(b.N), "reads/op")
	})
	b.Run("rerun/seq", func(b *testing.B) {
		before := reads(srv)
		for b.Loop() {
			for br, err := range c.BatchCreateContactsSeq(b.Context(), func(yield func(*people.Person) bool) {
				for _, p := range in {
					if !yield(p) {
						return
					}
				}
			}, "", nil, people.WithKeys(emailKey), people.SkipExisting()) {
				if err != nil || br.Counts().Created != len(br.Contacts) {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(reads(srv)-before)/float64(b.N), "reads/op")
	})
	b.Run("lookup-200-absent", func(b *testing.B) {
		markers := make([]string, 200)
		for i := range markers {
			markers[i] = people.KeyMarker("absent" + strconv.Itoa(i))
		}
		before := reads(srv)
		for b.Loop() {
			if found, err := c.FindMarked(b.Context(), "peoplebatch.id", markers); err != nil || len(found) != 0 {
				b.Fatal(found, err)
			}
		}
		b.ReportMetric(float64(reads(srv)-before)/float64(b.N), "reads/op")
	})
	if d := srv.Duplicates("bench"); d != 0 {
		b.Fatalf("%d duplicates", d)
	}
}

// BenchmarkReconcileRound sends one request of 200 contacts whose reply is lost, to an
// account of 25,000 contacts, and reconciles it: one listing, newest first, that stops when
// the 200 are found. Before, a round listed every contact: the lookup of a missing marker
// over the same account, "full-listing", costs what each round cost.
func BenchmarkReconcileRound(b *testing.B) {
	const n = 25000
	cfg := &people.Config{Reconcile: &people.ReconcileConfig{Delay: time.Microsecond}}
	srv, c, _ := seeded(b, n, cfg, peopletest.WithContactLimit(1<<30))
	b.Run("round", func(b *testing.B) {
		before, i := reads(srv), 0
		for b.Loop() {
			b.StopTimer()
			srv.AddFaults(peopletest.Fault{Kind: peopletest.FaultResetAfterCommit})
			in := benchPeople(n+i*200, 200)
			i++
			b.StartTimer()
			res, err := c.BatchCreateContacts(b.Context(), in, "", nil)
			if err != nil || res.Counts().Created != 200 {
				b.Fatal(res.Counts(), err)
			}
		}
		b.ReportMetric(float64(reads(srv)-before)/float64(b.N), "reads/op")
	})
	b.Run("full-listing", func(b *testing.B) {
		before := reads(srv)
		for b.Loop() {
			if _, err := c.FindMarked(b.Context(), "peoplebatch.id", []string{"absent"}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(reads(srv)-before)/float64(b.N), "reads/op")
	})
	if d := srv.Duplicates("bench"); d != 0 {
		b.Fatalf("%d duplicates", d)
	}
}
