// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package redisturn_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
	"github.com/peoplebatch/peoplebatch-go/people/redisturn"
)

// The multi-process tests re-execute the test binary in one of two roles, named by roleEnv:
//
//   - "emulator" serves peopletest with the latency of EMU_LATENCY, prints "URL <url>", then
//     answers each "stats" line on its stdin with a JSON emuStats line, until stdin ends.
//   - "worker" creates the contacts w<ID>-<FROM>… w<ID>-<N-1> for peopletest's default user
//     through the emulator at EMU_URL, taking turns through Redis at REDIS_ADDR (or with a
//     LocalSequencer when it is empty), prints "send" before each attempt and a JSON
//     workerResult line at the end. With RESUME=1 it first looks for its contacts among the
//     user's and sends only those missing, as an importer resuming after a crash does.

const markerKey = "peoplebatch.id"

func runRole(role string) int {
	var err error
	switch role {
	case "emulator":
		err = runEmulator()
	case "worker":
		err = runWorker()
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, role+":", err)
		return 1
	}
	return 0
}

// emuStats is what the emulator process knows of the default user.
type emuStats struct {
	Created, Duplicates, Overlaps, MaxInFlight, Requests int
}

func runEmulator() error {
	latency, err := time.ParseDuration(os.Getenv("EMU_LATENCY"))
	if err != nil {
		return err
	}
	srv := peopletest.NewServer(peopletest.WithLatency(latency, 0))
	defer srv.Close()
	fmt.Printf("URL %s\n", srv.URL)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() != "stats" {
			continue
		}
		st := emuStats{
			Created: len(srv.Contacts("")), Duplicates: srv.Duplicates(""),
			Overlaps: srv.Overlaps(""), MaxInFlight: srv.MaxInFlight(""),
		}
		for _, r := range srv.Requests() {
			if r.Number > 0 {
				st.Requests++
			}
		}
		b, _ := json.Marshal(st)
		fmt.Println(string(b))
	}
	return nil
}

// workerResult is a worker's account of its contacts.
type workerResult struct {
	people.Counts
	Found int    // contacts found already created (RESUME=1)
	Err   string // the call's error, "" for none
	// Start and End are when a worker for many users (USERS) started its first call and ended
	// its last, in Unix nanoseconds.
	Start, End int64
}

func runWorker() error {
	env := func(k string) int { n, _ := strconv.Atoi(os.Getenv(k)); return n }
	id, from, n, chunk := env("ID"), env("FROM"), env("N"), env("CHUNK")
	ttl, _ := time.ParseDuration(os.Getenv("TTL"))
	ctx := context.Background()
	cfg := &people.Config{ChunkSize: chunk, Reconcile: &people.ReconcileConfig{Delay: time.Millisecond},
		Retry: people.RetryPolicy{InitialBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond}}
	if addr := os.Getenv("REDIS_ADDR"); addr != "" {
		seq, err := redisturn.NewFromURL("redis://"+addr, &redisturn.Options{LeaseTTL: ttl})
		if err != nil {
			return err
		}
		defer seq.Close()
		cfg.Sequencer = seq
	}
	if users := env("USERS"); users > 0 {
		return runUsers(ctx, cfg, users, n, chunk)
	}
	hc := &http.Client{Transport: announce{next: http.DefaultTransport}}
	c, err := people.NewClientWithConfig(ctx, cfg, option.WithEndpoint(os.Getenv("EMU_URL")+"/"), option.WithHTTPClient(hc))
	if err != nil {
		return err
	}
	defer c.Close()
	var todo []*people.Person
	var markers []string
	for i := from; i < n; i++ {
		m := fmt.Sprintf("w%d-%d", id, i)
		markers = append(markers, m)
		todo = append(todo, &people.Person{Names: []*people.Name{{GivenName: m}},
			ClientData: []*people.ClientData{{Key: markerKey, Value: m}}})
	}
	var res workerResult
	if os.Getenv("RESUME") == "1" {
		found, err := c.FindMarked(ctx, markerKey, markers)
		if err != nil {
			return err
		}
		res.Found = len(found)
		missing := todo[:0]
		for _, p := range todo {
			if _, ok := found[people.Marker(p, markerKey)]; !ok {
				missing = append(missing, p)
			}
		}
		todo = missing
	}
	r, err := c.BatchCreateContacts(ctx, todo, "", nil)
	res.Counts = r.Counts()
	if err != nil {
		res.Err = err.Error()
	}
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
	return nil
}

// runUsers creates n contacts for each of the users user-0 … user-(users-1), each user from a
// goroutine and client of its own, all clients sharing cfg's Sequencer and one Pacer.
func runUsers(ctx context.Context, cfg *people.Config, users, n, chunk int) error {
	if cfg.Sequencer == nil {
		cfg.Sequencer = people.NewSequencer()
	}
	cfg.Reconcile = nil
	cfg.Pacer = people.NewPacer(0)
	var mu sync.Mutex
	var res workerResult
	var firstErr error
	var wg sync.WaitGroup
	res.Start = time.Now().UnixNano()
	for u := range users {
		ucfg := *cfg
		ucfg.User = fmt.Sprintf("user-%d", u)
		hc := &http.Client{Transport: bearer{user: ucfg.User, next: http.DefaultTransport}}
		c, err := people.NewClientWithConfig(ctx, &ucfg, option.WithEndpoint(os.Getenv("EMU_URL")+"/"), option.WithHTTPClient(hc))
		if err != nil {
			return err
		}
		defer c.Close()
		wg.Go(func() {
			todo := make([]*people.Person, n)
			for i := range todo {
				todo[i] = &people.Person{Names: []*people.Name{{GivenName: fmt.Sprintf("%s-%d", ucfg.User, i)}}}
			}
			r, err := c.BatchCreateContacts(ctx, todo, "", nil)
			mu.Lock()
			defer mu.Unlock()
			counts := r.Counts()
			res.Created += counts.Created
			res.Failed += counts.Failed
			res.NotSent += counts.NotSent
			res.Unknown += counts.Unknown
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
	}
	wg.Wait()
	res.End = time.Now().UnixNano()
	if firstErr != nil {
		return firstErr
	}
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
	return nil
}

// bearer names the user of each request for the emulator.
type bearer struct {
	user string
	next http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.user)
	return b.next.RoundTrip(r)
}

// announce prints "send" before each attempt goes out.
type announce struct{ next http.RoundTripper }

func (a announce) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost {
		fmt.Println("send")
	}
	return a.next.RoundTrip(r)
}

// emulatorProcess is the emulator role, running.
type emulatorProcess struct {
	url   string
	cmd   *exec.Cmd
	stdin interface {
		Write([]byte) (int, error)
		Close() error
	}
	out *bufio.Scanner
}

// startEmulator starts the emulator role with latency; it stops with the test.
func startEmulator(t *testing.T, latency time.Duration) *emulatorProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), roleEnv+"=emulator", "EMU_LATENCY="+latency.String())
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	e := &emulatorProcess{cmd: cmd, stdin: stdin, out: bufio.NewScanner(stdout)}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	if !e.out.Scan() || !strings.HasPrefix(e.out.Text(), "URL ") {
		t.Fatalf("emulator process did not start: %q %v", e.out.Text(), e.out.Err())
	}
	e.url = strings.TrimPrefix(e.out.Text(), "URL ")
	return e
}

// stats asks the emulator process for its statistics.
func (e *emulatorProcess) stats(t *testing.T) emuStats {
	t.Helper()
	if _, err := e.stdin.Write([]byte("stats\n")); err != nil {
		t.Fatal(err)
	}
	var st emuStats
	if !e.out.Scan() {
		t.Fatalf("emulator process: %v", e.out.Err())
	}
	if err := json.Unmarshal(e.out.Bytes(), &st); err != nil {
		t.Fatalf("emulator stats %q: %v", e.out.Text(), err)
	}
	return st
}

// worker describes a worker process.
type worker struct {
	id, from, n, chunk int
	redis              string // "" for LocalSequencer
	users              int    // >0: n contacts for each of this many users (runUsers)
	ttl                time.Duration
	resume             bool
}

// workerProcess is a worker role, running.
type workerProcess struct {
	cmd *exec.Cmd
	// sends receives a value for each attempt the worker starts; closed when its output ends.
	sends chan struct{}
	// result receives the worker's result, if it printed one, when its output ends.
	result chan *workerResult
}

// start starts the worker process against the emulator at emuURL.
func (w worker) start(t *testing.T, emuURL string) *workerProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), roleEnv+"=worker", "EMU_URL="+emuURL, "REDIS_ADDR="+w.redis,
		"ID="+strconv.Itoa(w.id), "FROM="+strconv.Itoa(w.from), "N="+strconv.Itoa(w.n), "CHUNK="+strconv.Itoa(w.chunk),
		"TTL="+w.ttl.String())
	if w.resume {
		cmd.Env = append(cmd.Env, "RESUME=1")
	}
	if w.users > 0 {
		cmd.Env = append(cmd.Env, "USERS="+strconv.Itoa(w.users))
	}
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &workerProcess{cmd: cmd, sends: make(chan struct{}, 1<<10), result: make(chan *workerResult, 1)}
	go func() {
		defer close(p.sends)
		var res *workerResult
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == "send" {
				p.sends <- struct{}{}
				continue
			}
			var r workerResult
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				res = &r
			}
		}
		p.result <- res
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return p
}

// wait waits for the worker to exit and returns its result, nil if it printed none.
func (p *workerProcess) wait(t *testing.T) *workerResult {
	t.Helper()
	for range p.sends {
	}
	res := <-p.result
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("worker: %v", err)
	}
	return res
}
