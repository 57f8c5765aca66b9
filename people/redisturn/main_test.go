// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// sharedRedis is the address of the redis-server that TestMain starts for the package, ""
// when redis-server is not installed (the tests that need it skip then).
var sharedRedis string

// roleEnv, when set, makes the test binary play a part in a multi-process test (see roles).
const roleEnv = "REDISTURN_TEST_ROLE"

func TestMain(m *testing.M) {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(runRole(role))
	}
	srv, err := startRedis()
	switch {
	case err == nil:
		sharedRedis = srv.addr
	case errors.Is(err, exec.ErrNotFound) && os.Getenv("CI") != "true":
		fmt.Fprintln(os.Stderr, "redisturn: redis-server not found: skipping the tests that need it (install the Debian package redis-server)")
	default:
		fmt.Fprintln(os.Stderr, "redisturn:", err, "(install the Debian package redis-server)")
		os.Exit(1)
	}
	code := m.Run()
	if srv != nil {
		srv.stop()
	}
	os.Exit(code)
}

// needRedis returns the shared server's address, or skips t without redis-server.
func needRedis(t testing.TB) string {
	t.Helper()
	if sharedRedis == "" {
		t.Skip("redis-server not installed (Debian package redis-server)")
	}
	return sharedRedis
}

// redisServer is a redis-server process of the tests, without persistence.
type redisServer struct {
	addr string
	cmd  *exec.Cmd
	dir  string // its working directory, removed by stop
}

// startRedis starts a redis-server on a free loopback port and waits until it answers.
func startRedis() (*redisServer, error) {
	return startRedisOn(0)
}

// startRedisOn starts a redis-server on port (0: a free one).
func startRedisOn(port int) (*redisServer, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, err
	}
	if port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	dir, err := os.MkdirTemp("", "redisturn-redis")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", dir, "--logfile", "")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	srv := &redisServer{addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), cmd: cmd, dir: dir}
	rdb := redis.NewClient(&redis.Options{Addr: srv.addr, MaxRetries: -1})
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return srv, nil
		}
		if time.Now().After(deadline) {
			srv.stop()
			return nil, fmt.Errorf("redis-server on %s did not answer: %w", srv.addr, err)
		}
		time.Sleep(20 * time.Millisecond) // polling a process's start-up, not asserting anything
	}
}

// stop kills the server and waits for it to exit.
func (s *redisServer) stop() {
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	_ = os.RemoveAll(s.dir)
}

// port returns the server's port.
func (s *redisServer) port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}
