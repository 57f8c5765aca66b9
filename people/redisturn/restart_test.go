// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/redistest"
	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// TestRedisRestartMidImport restarts Redis (without persistence: every lease and queue is
// lost) while three clients, each with a Sequencer of its own as in three processes, import
// for one user with reconciliation on. Every contact is accounted for (created, not sent, or
// unknown, none failed), none is created twice, and once Redis is back the same clients
// create the rest.
func TestRedisRestartMidImport(t *testing.T) {
	t.Parallel()
	needRedis(t)
	srv, err := redistest.Start(0)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if srv != nil {
			srv.Stop()
		}
	}()
	emu := peopletest.NewServer(peopletest.WithLatency(20*time.Millisecond, 0))
	t.Cleanup(emu.Close)

	const clients, each = 3, 400
	var cs []*people.Client
	for range clients {
		seq, err := redisturn.NewFromURL("redis://"+srv.Addr+"/0?dial_timeout=100ms&max_retries=-1", &redisturn.Options{LeaseTTL: 500 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { seq.Close() })
		c, err := people.NewClientWithConfig(t.Context(), &people.Config{Sequencer: seq, ChunkSize: 20,
			Reconcile: &people.ReconcileConfig{Delay: time.Millisecond}}, emu.ClientOptions("")...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		cs = append(cs, c)
	}
	batches := make([][]*people.Person, clients)
	for i := range batches {
		for j := range each {
			batches[i] = append(batches[i], &people.Person{Names: []*people.Name{{GivenName: fmt.Sprintf("c%d-%d", i, j)}}})
		}
	}
	// Restart Redis once the clients are well into the import.
	restarted := make(chan struct{})
	go func() {
		defer close(restarted)
		for len(emu.Requests()) < 10 {
			time.Sleep(5 * time.Millisecond) // polling the emulator's progress, not asserting anything
		}
		port := srv.Port()
		srv.Stop()
		time.Sleep(time.Second) // Redis stays down for longer than a lease
		if srv, err = redistest.Start(port); err != nil {
			t.Error(err)
		}
	}()
	results := make([]*people.Result, clients)
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Go(func() { results[i], _ = c.BatchCreateContacts(t.Context(), batches[i], "", nil) })
	}
	wg.Wait()
	<-restarted
	if t.Failed() {
		return
	}
	var created, again int
	for i, res := range results {
		n := res.Counts()
		t.Logf("client %d during the restart: %+v", i, n)
		if n.Total() != each || n.Failed != 0 {
			t.Errorf("client %d: %+v, want %d contacts accounted for, none failed", i, n, each)
		}
		created += n.Created
		// Send again what was not created; reconciliation settles what was unknown.
		var rest []*people.Person
		for _, r := range res.Contacts {
			if r.Outcome != people.OutcomeCreated {
				rest = append(rest, batches[i][r.Index])
			}
		}
		again += len(rest)
		res2, err := cs[i].BatchCreateContacts(t.Context(), rest, "", nil)
		if err != nil {
			t.Errorf("client %d, once Redis is back: %v", i, err)
		}
		created += res2.Counts().Created
	}
	if again == 0 {
		t.Error("the restart did not interrupt the import")
	}
	if got, dup := len(emu.Contacts("")), emu.Duplicates(""); got != clients*each || dup != 0 || created != clients*each {
		t.Errorf("emulator holds %d contacts with %d duplicates, clients report %d created; want %d, 0, %d",
			got, dup, created, clients*each, clients*each)
	}
}
