// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// TestLeaseLostDuringLongRequest cuts a holder off Redis while its request is on the way
// and answers that request only once another process has the user's turn, with a 429 that
// would be retried. The holder must not retry (its lease is gone: the retry would overlap the
// other process's turn), and must report the contacts not sent because of a
// *LeaseLostError.
func TestLeaseLostDuringLongRequest(t *testing.T) {
	t.Parallel()
	addr := needRedis(t)
	const ttl = 300 * time.Millisecond
	seqA, rdbA := process(t, addr, ttl)
	seqB, _ := process(t, addr, ttl)

	arrived := make(chan struct{})
	answer := make(chan struct{})
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if attempts.Add(1) == 1 {
			close(arrived)
			<-answer
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota"}}`))
	}))
	t.Cleanup(srv.Close)
	c, err := people.NewClientWithConfig(t.Context(), &people.Config{User: "u", Sequencer: seqA,
		Retry: people.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: time.Millisecond}},
		option.WithEndpoint(srv.URL+"/"), option.WithoutAuthentication())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })

	type outcome struct {
		res *people.Result
		err error
	}
	done := make(chan outcome)
	go func() {
		res, err := c.BatchCreateContacts(t.Context(), []*people.Person{{Names: []*people.Name{{GivenName: "Ada"}}}}, "", nil)
		done <- outcome{res, err}
	}()
	<-arrived
	rdbA.Close() // A can no longer renew its lease
	_, releaseB, err := seqB.Acquire(t.Context(), "u")
	if err != nil {
		t.Fatal(err)
	}
	close(answer) // A's request ends (429) while B holds the turn
	o := <-done
	releaseB()
	if n := attempts.Load(); n != 1 {
		t.Errorf("the server saw %d attempts from A, want 1: A retried without its lease", n)
	}
	var lost *redisturn.LeaseLostError
	if !errors.As(o.err, &lost) {
		t.Errorf("err = %v, want a *LeaseLostError", o.err)
	}
	if r := o.res.Contacts[0]; r.Outcome != people.OutcomeNotSent || !errors.As(r.Err, &lost) {
		t.Errorf("contact: %v (%v), want not sent because the lease was lost", r.Outcome, r.Err)
	}
}
