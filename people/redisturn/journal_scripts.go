// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn

import "github.com/redis/go-redis/v9"

// The scripts of a Journal. Each checks first that the caller's token still holds the job's
// owner lease, and does nothing otherwise: two Journals never both write one job. (The lease
// is renewed with renewScript, as a turn's.)

// jobOpenScript takes the owner lease if it is free. It returns 0 when taken, else the
// lease's remaining ms.
//
// KEYS: owner. ARGV: token, lease TTL ms.
var jobOpenScript = redis.NewScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 0
end
return math.max(redis.call('PTTL', KEYS[1]), 1)
`)

// jobLoadScript returns {0} when the caller does not hold the job, {2, key, type} when the
// header or the entries key holds a value of another type, else {1, 1 and the header or 0
// and "", the number of entries}.
//
// KEYS: owner, header, entries. ARGV: token.
var jobLoadScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return {0}
end
for i, want in ipairs({'string', 'list'}) do
  local t = redis.call('TYPE', KEYS[i + 1]).ok
  if t ~= 'none' and t ~= want then
    return {2, KEYS[i + 1], t}
  end
end
local h = redis.call('GET', KEYS[2])
if h then
  return {1, 1, h, redis.call('LLEN', KEYS[3])}
end
return {1, 0, '', redis.call('LLEN', KEYS[3])}
`)

// jobStartScript sets the header and extends the owner lease. It returns 1, or 0 when the
// caller does not hold the job.
//
// KEYS: owner, header. ARGV: token, lease TTL ms, header.
var jobStartScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`)

// jobAppendScript appends ARGV[3…] to the entries and extends the owner lease. It returns 1,
// or 0 when the caller does not hold the job. (RPUSH takes at most 1,000 values a call here,
// under Lua's limit on unpack.)
//
// KEYS: owner, entries. ARGV: token, lease TTL ms, entries….
var jobAppendScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
for i = 3, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`)

// jobDeleteScript deletes the header and the entries. It returns 1, or 0 when the caller
// does not hold the job.
//
// KEYS: owner, header, entries. ARGV: token.
var jobDeleteScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[2], KEYS[3])
return 1
`)

// jobCloseScript deletes the owner lease if the caller holds it.
//
// KEYS: owner. ARGV: token.
var jobCloseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)
