// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

/*
Package redisturn is a [people.Sequencer] backed by Redis: it gives one user's turn to one
request at a time across every process and machine that shares the Redis deployment, as the
People API asks of mutations.

	rdb := redis.NewClient(&redis.Options{Addr: "redis.internal:6379"}) // or any UniversalClient
	seq := redisturn.New(rdb, nil)
	c, err := people.NewClientWithConfig(ctx, &people.Config{User: "ada@example.com", Sequencer: seq})

It is the only package of this module that imports github.com/redis/go-redis/v9: a program
that does not import it neither builds nor links go-redis.

# How a turn is taken

Each user has a lease in Redis: a key set with SET NX PX to a random token, renewed every
third of Options.LeaseTTL while the turn is held, and deleted on release by a script that
deletes it only if it still holds the token. Processes waiting for a user's turn queue in
Redis in the order they asked (a sorted set of tickets); the holder's release names the
first of them on the user's pub/sub channel, which wakes it, so that nobody polls in a tight
loop and no waiter starves. Within one process, the goroutines waiting for the same user queue
in memory first, so that each process has at most one ticket per user in Redis; the waiters
of a process share one pub/sub connection, open while someone waits. A waiter also tries
again every third of the TTL, which keeps its ticket alive and covers a wake-up lost while
Redis was away.

A process that dies holding the turn releases nothing: its lease expires after LeaseTTL (15 s
by default, well within one attempt timeout of the client, 2 minutes by default) and the
next waiter takes the turn. A waiter that dies leaves a ticket that expires after LeaseTTL
too, so that it cannot block the queue for longer.

Every key of a user carries the same hash tag ({…}, a hash of the user key, never the key
itself), so that they live in one slot of a Redis Cluster.

# The guarantee and its limits

While Redis keeps its data, two requests of one user sharing the Redis deployment never
overlap, with one exception: a holder whose process is paused (a stopped VM, a debugger, a
garbage-collection or swap stall) for longer than what is left of its lease at the moment it
sends. Its lease can expire and be granted to another process while its request is on the
way. Redis losing a lease has the same effect: a restart without persistence, or a failover
to a replica that had not yet received the lease (Redis replication is asynchronous). Use a
single primary (or Sentinel, with the caveat above) with a short LeaseTTL rather than a long
one: a long TTL does not make overlaps less likely, it only keeps a dead holder's user
blocked for longer.

How the SDK detects it: a lease is valid in its holder's view until nine tenths of LeaseTTL
after the start of its latest successful renewal, measured on the local monotonic clock;
Redis itself keeps it a full LeaseTTL after that renewal arrived. The held context that
Acquire returns is done as soon as that view ends, or a renewal finds the lease gone or
taken; its cause is then a *LeaseLostError. A people.Client checks it before every attempt
(the first and each retry) and reports the request's contacts not sent rather than start an
attempt without a valid lease: after a pause longer than the lease, the process sends
nothing more of its turn. A request already on its way when the lease is lost cannot be
called back; its outcome is reported as the server gives it.

When Redis is unreachable, Acquire fails with an *Error that names the Redis address (never a
password), and the contacts of the request are reported not sent; the next call works once
Redis is back. A holder that cannot renew its lease loses its turn when the lease's validity
ends, as above.
*/
package redisturn
