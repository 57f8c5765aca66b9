// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/peoplebatch/peoplebatch-go/internal/sequence"
	"github.com/peoplebatch/peoplebatch-go/people"
)

// DefaultLeaseTTL is the lease TTL that a zero Options.LeaseTTL means.
const DefaultLeaseTTL = 15 * time.Second

// DefaultKeyPrefix is the key prefix that an empty Options.KeyPrefix means.
const DefaultKeyPrefix = "peoplebatch:turn:"

// Options are the settings of a [Sequencer]. The zero value, like a nil *Options, means every
// default.
type Options struct {
	// LeaseTTL is how long a lease lives in Redis after its latest renewal; a holder renews
	// it every third of LeaseTTL. A process that dies holding a user's turn keeps the user
	// blocked for up to LeaseTTL, and a waiter that dies keeps its place for up to LeaseTTL.
	// Zero means DefaultLeaseTTL (15 s); values under 30 ms count as 30 ms.
	LeaseTTL time.Duration

	// KeyPrefix starts the name of every key the Sequencer writes. Processes that share
	// turns must use the same prefix. Empty means DefaultKeyPrefix.
	KeyPrefix string
}

const minLeaseTTL = 30 * time.Millisecond

// Sequencer is a [people.Sequencer] whose turns hold across every process that uses the same
// Redis deployment and key prefix. Hand it to [people.Config].Sequencer. It is safe for
// concurrent use; make one per process and share it between clients.
type Sequencer struct {
	rdb    redis.UniversalClient
	owned  bool // the client was made from a URL: Close closes it
	addr   string
	ttl    time.Duration
	prefix string
	local  sequence.Keyed
	wakes  wakeups
}

var _ people.Sequencer = (*Sequencer)(nil)

// New returns a Sequencer on client, which stays the caller's to configure (pools, TLS,
// ACL user, Sentinel or Cluster, as go-redis offers) and to close. Nothing is sent to Redis
// until the first Acquire. A nil opts means the defaults.
func New(client redis.UniversalClient, opts *Options) *Sequencer {
	var o Options
	if opts != nil {
		o = *opts
	}
	switch {
	case o.LeaseTTL == 0:
		o.LeaseTTL = DefaultLeaseTTL
	case o.LeaseTTL < minLeaseTTL:
		o.LeaseTTL = minLeaseTTL
	}
	if o.KeyPrefix == "" {
		o.KeyPrefix = DefaultKeyPrefix
	}
	return &Sequencer{rdb: client, addr: addrOf(client), ttl: o.LeaseTTL.Truncate(time.Millisecond), prefix: o.KeyPrefix,
		wakes: wakeups{rdb: client}}
}

// NewFromURL returns a Sequencer on a client of its own, made from a redis:// or rediss://
// (TLS) URL as go-redis's ParseURL reads it, such as
// "rediss://user:password@redis.internal:6380/0?dial_timeout=3s". Close closes the client.
// Errors name the URL's scheme and host, never its password.
func NewFromURL(rawURL string, opts *Options) (*Sequencer, error) {
	if rawURL == "" {
		return nil, errors.New("redisturn: empty Redis URL")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the URL, password included
		}
		return nil, fmt.Errorf("redisturn: Redis URL: %w", err)
	}
	ro, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("redisturn: Redis URL %s://%s: %s", u.Scheme, u.Host, redact(err.Error(), u))
	}
	s := New(redis.NewClient(ro), opts)
	s.owned = true
	return s, nil
}

// redact removes u's password from msg.
func redact(msg string, u *url.URL) string {
	if pw, ok := u.User.Password(); ok && pw != "" {
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
	}
	return msg
}

// Close closes the Redis client if the Sequencer made it (NewFromURL); a client given to New
// stays open. Turns still held are not released: their leases expire.
func (s *Sequencer) Close() error {
	if s != nil && s.owned {
		return s.rdb.Close()
	}
	return nil
}

// LeaseTTL returns the TTL of the Sequencer's leases.
func (s *Sequencer) LeaseTTL() time.Duration { return s.ttl }

// Acquire implements [people.Sequencer]: it waits, first come first served, until the caller
// holds user's turn across every process that shares the Redis deployment, or ctx is done.
// The returned held context is done once the lease is lost, with a *LeaseLostError as its
// cause, or once ctx is done. An error from Redis is an *Error.
func (s *Sequencer) Acquire(ctx context.Context, user string) (held context.Context, release func(), err error) {
	if s == nil || s.rdb == nil {
		return nil, nil, errNoClient
	}
	localRelease, err := s.local.Acquire(ctx, user)
	if err != nil {
		return nil, nil, err
	}
	l, err := s.take(ctx, keysFor(s.prefix, user))
	if err != nil {
		localRelease()
		return nil, nil, err
	}
	held, release = l.hold(ctx, localRelease)
	return held, release, nil
}

// errNoClient is the error of a Sequencer made without a Redis client.
var errNoClient = errors.New("redisturn: Sequencer has no Redis client: make it with New or NewFromURL")

// take queues for the lease of the user of k and returns it once granted.
func (s *Sequencer) take(ctx context.Context, k userKeys) (*lease, error) {
	token := rand.Text()
	w := &waiter{s: s, k: k, token: token}
	defer w.unsubscribe()
	for {
		start := time.Now()
		granted, pttl, err := w.try(ctx)
		if err != nil {
			if !neverConnected(err) {
				w.leave()
			}
			return nil, err
		}
		if granted {
			if ctx.Err() != nil {
				w.leave()
				return nil, ctx.Err()
			}
			return &lease{s: s, k: k, token: token, validUntil: start.Add(s.validity()), renewedAt: start}, nil
		}
		if w.sub == nil {
			// Listen for releases, then try again: one may have come before the listening.
			if err := w.subscribe(ctx); err != nil {
				w.leave()
				return nil, err
			}
			continue
		}
		w.wait(ctx, pttl)
		if err := ctx.Err(); err != nil {
			w.leave()
			return nil, err
		}
	}
}

// neverConnected reports whether err says that no connection to Redis could be made, so
// that nothing reached it.
func neverConnected(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// validity is how long after the start of a grant or renewal the holder counts its lease
// as valid: nine tenths of the TTL, the rest a margin for the clocks of the holder and Redis.
func (s *Sequencer) validity() time.Duration { return s.ttl - s.ttl/10 }

// addrOf returns the address(es) a client was configured with, for error messages.
func addrOf(c redis.UniversalClient) string {
	switch c := c.(type) {
	case *redis.Client:
		return c.Options().Addr
	case *redis.ClusterClient:
		return strings.Join(c.Options().Addrs, ",")
	case *redis.Ring:
		var addrs []string
		for _, a := range c.Options().Addrs {
			addrs = append(addrs, a)
		}
		return strings.Join(addrs, ",")
	}
	return fmt.Sprintf("%T", c)
}
