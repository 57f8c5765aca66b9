// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import "github.com/redis/go-redis/v9"

// The scripts of a turn. Each runs atomically in Redis; together they keep, per user, the
// lease (a token with an expiry), a queue of waiters' tokens ordered by ticket (queue, a
// sorted set scored by a counter, seq), the time until which each waiter counts as alive
// (alive, a sorted set scored by a time in ms on Redis's clock). A release publishes the
// token of the first waiter on the user's wake channel.

// acquireScript queues the caller (if it is not queued yet) after dropping the waiters whose
// heartbeat ran out, and grants it the lease if it is first in line and the lease is free.
// It returns {1, 0} when granted, else {0, the lease's remaining ms or a negative number}.
//
// KEYS: lease, queue, alive, seq. ARGV: token, lease TTL ms, waiter TTL ms.
var acquireScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local waiterTTL = tonumber(ARGV[3])
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  redis.call('ZREM', KEYS[2], dead)
  redis.call('ZREM', KEYS[3], dead)
end
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), ARGV[1])
end
local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
if head == ARGV[1] and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  return {1, 0}
end
redis.call('ZADD', KEYS[3], now + waiterTTL, ARGV[1])
for i = 2, 4 do
  redis.call('PEXPIRE', KEYS[i], 2 * waiterTTL)
end
return {0, redis.call('PTTL', KEYS[1])}
`)

// renewScript extends the lease if the caller still holds it; it returns 1 if so, else 0.
//
// KEYS: lease. ARGV: token, lease TTL ms.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`)

// leaveScript gives up the caller's lease if it still holds it, takes it out of the queue,
// and, if the lease is then free, wakes the first waiter. It returns 1 if it deleted the
// caller's lease, else 0. It serves both a holder's release and a waiter that stops waiting.
//
// KEYS: lease, queue, alive. ARGV: token, wake channel.
var leaveScript = redis.NewScript(`
local released = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  released = 1
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  if head then
    redis.call('PUBLISH', ARGV[2], head)
  end
end
return released
`)
