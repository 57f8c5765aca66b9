// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// TestCancelDuringRetryWait ends the call's context (cancelled, or past its deadline) while a
// request waits to retry a 429, in each call form, on a synctest bubble's fake time: the
// request's error is a *RetryError that still holds the 429 (an *Error) and matches the
// context's error, its contacts are not sent, and the call returns when the context ends, not
// when the wait would have.
func TestCancelDuringRetryWait(t *testing.T) {
	t.Parallel()
	const user = "retrycancel@example.com"
	const endAfter = time.Second // the context ends this long into the retry's wait of 30 s
	// send runs one call form on c and returns the outcomes of the contacts of its request
	// that was refused, and that request's error.
	type send func(t *testing.T, ctx context.Context, c *people.Client) ([]people.Outcome, error)
	forms := map[string]send{
		"slice": func(t *testing.T, ctx context.Context, c *people.Client) ([]people.Outcome, error) {
			res, err := c.BatchCreateContacts(ctx, contacts(2), "", nil)
			var be *people.BatchError
			if !errors.As(err, &be) || len(be.Requests) != 1 {
				t.Fatalf("err = %v, want a *people.BatchError of one request", err)
			}
			if !errors.Is(be.Err, ctx.Err()) {
				t.Errorf("BatchError.Err = %v, want the context's error: the call stopped for it", be.Err)
			}
			var outcomes []people.Outcome
			for _, r := range res.Contacts {
				outcomes = append(outcomes, r.Outcome)
				if r.Err != be.Requests[0] {
					t.Errorf("contact %d: err %v, want its request's error", r.Index, r.Err)
				}
			}
			return outcomes, be.Requests[0]
		},
		"seq": func(t *testing.T, ctx context.Context, c *people.Client) ([]people.Outcome, error) {
			var last error
			var outcomes []people.Outcome
			for br, err := range c.BatchCreateContactsSeq(ctx, slices.Values(contacts(2)), "", nil) {
				for _, r := range br.Contacts {
					outcomes = append(outcomes, r.Outcome)
				}
				last = err
			}
			return outcomes, last
		},
		"photo": func(t *testing.T, ctx context.Context, c *people.Client) ([]people.Outcome, error) {
			err := c.UpdateContactPhoto(ctx, createContacts(t, c, 1)[0], testJPEG)
			var me *people.MutationError
			if !errors.As(err, &me) {
				t.Fatalf("err = %v, want a *people.MutationError", err)
			}
			return []people.Outcome{me.Outcome}, err
		},
	}
	ends := map[string]struct {
		ctx  func(context.Context) (context.Context, context.CancelFunc)
		want error
	}{
		"cancelled": {func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(ctx)
			time.AfterFunc(endAfter, cancel)
			return ctx, cancel
		}, context.Canceled},
		"deadline": {func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, endAfter)
		}, context.DeadlineExceeded},
	}
	for formName, form := range forms {
		for endName, end := range ends {
			t.Run(formName+"/"+endName, func(t *testing.T) {
				t.Parallel()
				synctest.Test(t, func(t *testing.T) {
					srv, hc := pipeEmulator(t, user)
					mutation := peopletest.MutationBatchCreateContacts
					if formName == "photo" {
						mutation = peopletest.MutationUpdateContactPhoto
					}
					srv.AddFaults(peopletest.Fault{Status: http.StatusTooManyRequests, Mutation: mutation})
					c := pipeClient(t, srv, hc, &people.Config{User: user, WritesPerMinute: 60000, Retry: people.RetryPolicy{
						InitialBackoff: 30 * time.Second, MaxBackoff: 30 * time.Second, Rand: func() float64 { return 1 },
					}})
					ctx, cancel := end.ctx(t.Context())
					defer cancel()
					start := time.Now()
					outcomes, err := form(t, ctx, c)
					if d := time.Since(start); d != endAfter {
						t.Errorf("returned %v after its start, want %v: when the context ended", d, endAfter)
					}
					var re *people.RetryError
					if !errors.As(err, &re) || re.Attempts != 1 {
						t.Fatalf("err = %v, want a *people.RetryError after 1 attempt", err)
					}
					if !errors.Is(err, end.want) || !errors.Is(re, end.want) {
						t.Errorf("err = %v, want one matching %v", err, end.want)
					}
					var e *people.Error
					if !errors.As(re, &e) || e.HTTPStatus != http.StatusTooManyRequests {
						t.Errorf("RetryError = %v, want the 429 in its chain", re)
					}
					for i, o := range outcomes {
						if o != people.OutcomeNotSent {
							t.Errorf("contact %d: %v, want not sent (a 429 applies nothing)", i, o)
						}
					}
				})
			})
		}
	}
}

// TestDeadlineBeforePacedRetry refuses a request with a 429 when the pacing of the user's
// writes (one a second) puts the next attempt after the context's deadline, so that the
// pacer refuses to wait rather than the backoff being cut short: the request's error is
// still a *RetryError that holds the 429 and matches context.DeadlineExceeded, returned at
// once rather than when the deadline comes, and its contacts are not sent.
func TestDeadlineBeforePacedRetry(t *testing.T) {
	t.Parallel()
	const user = "pacedretry@example.com"
	const deadline = 500 * time.Millisecond // the pacer's next turn comes 1 s after the first
	// send runs one call form on c and returns its request's outcome and error.
	type send func(t *testing.T, ctx context.Context, c *people.Client, rn string) (people.Outcome, error)
	tests := map[string]struct {
		mutation peopletest.Mutation
		send     send
	}{
		"slice": {peopletest.MutationBatchCreateContacts, func(t *testing.T, ctx context.Context, c *people.Client, _ string) (people.Outcome, error) {
			res, err := c.BatchCreateContacts(ctx, contacts(1), "", nil)
			var be *people.BatchError
			if !errors.As(err, &be) || len(be.Requests) != 1 {
				t.Fatalf("err = %v, want a *people.BatchError of one request", err)
			}
			return res.Contacts[0].Outcome, be.Requests[0]
		}},
		"photo": {peopletest.MutationUpdateContactPhoto, func(t *testing.T, ctx context.Context, c *people.Client, rn string) (people.Outcome, error) {
			err := c.UpdateContactPhoto(ctx, rn, testJPEG)
			var me *people.MutationError
			if !errors.As(err, &me) {
				t.Fatalf("err = %v, want a *people.MutationError", err)
			}
			return me.Outcome, err
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				srv, hc := pipeEmulator(t, user)
				c := pipeClient(t, srv, hc, &people.Config{User: user, WritesPerMinute: 60, Retry: people.RetryPolicy{
					InitialBackoff: time.Millisecond, MaxBackoff: time.Millisecond, Rand: func() float64 { return 1 },
				}})
				rn := createContacts(t, c, 1)[0]
				time.Sleep(time.Minute) // on fake time: the pacer lets the next write go at once
				srv.AddFaults(peopletest.Fault{Status: http.StatusTooManyRequests, Mutation: tt.mutation})
				ctx, cancel := context.WithTimeout(t.Context(), deadline)
				defer cancel()
				start := time.Now()
				outcome, err := tt.send(t, ctx, c, rn)
				if d := time.Since(start); d >= deadline {
					t.Errorf("returned %v after its start, want before the deadline (%v): the pacer knew", d, deadline)
				}
				var re *people.RetryError
				if !errors.As(err, &re) || re.Attempts != 1 {
					t.Fatalf("err = %v, want a *people.RetryError after 1 attempt", err)
				}
				if !errors.Is(err, context.DeadlineExceeded) || re.Interrupted == nil {
					t.Errorf("err = %v (Interrupted %v), want one interrupted by the deadline", err, re.Interrupted)
				}
				var e *people.Error
				if !errors.As(re, &e) || e.HTTPStatus != http.StatusTooManyRequests {
					t.Errorf("RetryError = %v, want the 429 in its chain", re)
				}
				if outcome != people.OutcomeNotSent {
					t.Errorf("outcome %v, want not sent (a 429 applies nothing)", outcome)
				}
			})
		})
	}
}
