// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package peopletest

import (
	"net"
	"time"
)

// DefaultContactLimit is the number of contacts an account holds at most unless WithContactLimit
// says otherwise: the limit of Google Contacts.
const DefaultContactLimit = 25000

// An Option configures a Server. Every option is off (or at its documented default) unless given.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// config holds the knobs of a Server. Its zero value is the default server.
type config struct {
	contactLimit int
	quota        Quota
	projectQuota Quota
	concurrency  ConcurrencyCheck
	perRequest   time.Duration
	perContact   time.Duration
	now          func() time.Time
	seed         int64
	listener     net.Listener
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	if c.contactLimit <= 0 {
		c.contactLimit = DefaultContactLimit
	}
	if c.now == nil {
		c.now = time.Now
	}
	for _, q := range []*Quota{&c.quota, &c.projectQuota} {
		if q.Requests > 0 && q.Per <= 0 {
			q.Per = time.Minute
		}
	}
	return c
}

// WithContactLimit sets how many contacts one account (one user) may hold. Zero or a negative n
// means DefaultContactLimit (25,000), which always applies, as in Google Contacts. A
// batchCreateContacts request that would take the account over the limit creates nothing and
// answers 400 FAILED_PRECONDITION with a message mentioning MY_CONTACTS_OVERFLOW_COUNT.
func WithContactLimit(n int) Option {
	return optionFunc(func(c *config) { c.contactLimit = n })
}

// Quota is a write quota: at most Requests mutate requests in any window of length Per (a
// sliding window), or, with Burst set, a token bucket. WithWriteQuota counts it separately for
// each user, WithProjectWriteQuota over all users together. A request over the quota creates
// nothing and answers 429 RESOURCE_EXHAUSTED with a google.rpc.ErrorInfo whose reason is
// RATE_LIMIT_EXCEEDED and whose metadata names the quota_limit, shaped like the captured
// response of the real service. Every mutate request the quotas admit counts towards them,
// valid or not; one that either quota rejects counts towards neither.
//
// The zero Quota (Requests 0) means no quota.
type Quota struct {
	// Requests is the number of mutate requests allowed per window. Zero means no quota.
	Requests int
	// Per is the length of the window. Zero means one minute.
	Per time.Duration
	// Burst, when above zero, makes the quota a token bucket instead of a window: it holds
	// up to Burst requests, starts full, and gains Requests every Per, continuously. A
	// request is admitted when the bucket holds one. Zero means a sliding window.
	Burst int
	// Limit is the quota_limit that the 429's ErrorInfo metadata and message name. Empty
	// means "CriticalWritesPerMinutePerProjectPerUser" (the captured name) for
	// WithWriteQuota and "CriticalWritesPerMinutePerProject" for WithProjectWriteQuota.
	Limit string
	// RetryAfter adds a Retry-After header (whole seconds, rounded up) saying when the window
	// has room again. The real service was not seen sending one.
	RetryAfter bool
	// RetryInfo adds a google.rpc.RetryInfo detail whose retryDelay (such as "12.5s") says
	// when the window has room again, and a google.rpc.Help link. The real service was not
	// seen sending one.
	RetryInfo bool
}

// WithWriteQuota sets a per-user write quota, measured on the server's clock (see WithClock).
// The real service allows about 90 write requests per minute per user and per Cloud project.
func WithWriteQuota(q Quota) Option {
	return optionFunc(func(c *config) { c.quota = q })
}

// WithProjectWriteQuota sets a write quota over the mutate requests of all users together, as
// Google's per-project quotas are, measured on the server's clock (see WithClock). It applies
// alongside the per-user quota of WithWriteQuota; its 429s name their own quota_limit.
func WithProjectWriteQuota(q Quota) Option {
	return optionFunc(func(c *config) { c.projectQuota = q })
}

// ConcurrencyCheck says what the server does with a mutate request that starts while another
// mutate request for the same user is in flight (the contract forbids parallel mutations for
// one user). Such overlaps are always counted (see Server.Overlaps); the zero ConcurrencyCheck
// only counts them.
type ConcurrencyCheck struct {
	// Abort answers the overlapping request 409 ABORTED before processing it: nothing is
	// created. Abort takes precedence over Delay.
	Abort bool
	// Delay adds this latency to the overlapping request before it is processed.
	Delay time.Duration
}

// WithConcurrencyCheck sets what the server does with overlapping mutate requests for one user.
func WithConcurrencyCheck(check ConcurrencyCheck) Option {
	return optionFunc(func(c *config) { c.concurrency = check })
}

// WithLatency makes every request wait perRequest, and every batchCreateContacts request
// another perContact for each contact in it, before it is processed: nothing is created before
// the wait ends. A wait ends early, creating nothing, when the client gives up on the request
// or the server is closed. Waits use the real clock, not the one set with WithClock.
func WithLatency(perRequest, perContact time.Duration) Option {
	return optionFunc(func(c *config) {
		c.perRequest = perRequest
		c.perContact = perContact
	})
}

// WithClock sets the clock the server reads for the write-quota window and for the times it
// records (Request.Time, source updateTime). The default is time.Now.
func WithClock(now func() time.Time) Option {
	return optionFunc(func(c *config) { c.now = now })
}

// WithSeed seeds the server's random sources: the one that draws probabilistic faults and the
// one that draws resource names and etags. Without it the seed is 0; either way a run that
// sends the same requests in the same order sees the same faults and names.
func WithSeed(seed int64) Option {
	return optionFunc(func(c *config) { c.seed = seed })
}

// WithListener makes the server accept connections on l instead of a fresh listener on
// 127.0.0.1 with a random port. The server takes ownership of l and closes it in Close. This is
// how a program serves the emulator on a fixed address.
func WithListener(l net.Listener) Option {
	return optionFunc(func(c *config) { c.listener = l })
}
