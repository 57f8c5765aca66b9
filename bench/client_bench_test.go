// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"

	"google.golang.org/api/option"
	peopleapi "google.golang.org/api/people/v1"

	"github.com/peoplebatch/peoplebatch-go/people"
)

// The client-cost benchmarks import N contacts in requests of 200, one after another, into a
// replayServer. BenchmarkOurs uses this SDK (BatchCreateContacts; BenchmarkOursStream the
// streaming BatchCreateContactsSeq over the same slice), BenchmarkOfficial the generated client
// google.golang.org/api/people/v1 doing the same import, and BenchmarkFloor a bare
// net/http client that posts a pre-encoded body and discards the reply: what any client pays
// for the round trips and the server, which the two others pay too.
//
// Each reports, besides ns/op, B/op and allocs/op for the whole import, the same per
// contact: ns/contact (wall clock), cpu-ns/contact (CPU time of the whole process, on both
// cores, the garbage collector's included), B/contact and allocs/contact. The server runs in
// the same process, so its (small, equal) work is included.

func BenchmarkOurs(b *testing.B)       { forEachCase(b, benchOurs) }
func BenchmarkOursStream(b *testing.B) { forEachCase(b, benchOursStream) }
func BenchmarkOfficial(b *testing.B)   { forEachCase(b, benchOfficial) }
func BenchmarkFloor(b *testing.B)      { forEachCase(b, benchFloor) }

// forEachCase runs bench for each import size and read mask.
func forEachCase(b *testing.B, bench func(b *testing.B, n int, mask string)) {
	for _, n := range sizes {
		for _, m := range masks {
			b.Run(fmt.Sprintf("N=%d/mask=%s", n, m.name), func(b *testing.B) { bench(b, n, m.mask) })
		}
	}
}

func benchOurs(b *testing.B, n int, mask string) {
	srv := newReplayServer(b, mask != "", n)
	c := newOurs(b, srv.URL)
	ps := contacts(n)
	measure(b, n, func(ctx context.Context) error { return importOurs(ctx, c, ps, mask) })
}

func benchOursStream(b *testing.B, n int, mask string) {
	srv := newReplayServer(b, mask != "", n)
	c := newOurs(b, srv.URL)
	ps := contacts(n)
	measure(b, n, func(ctx context.Context) error {
		created := 0
		for br, err := range c.BatchCreateContactsSeq(ctx, slices.Values(ps), mask, nil) {
			if err != nil {
				return err
			}
			created += br.Counts().Created
		}
		if created != n {
			return fmt.Errorf("%d of %d contacts created", created, n)
		}
		return nil
	})
}

func benchOfficial(b *testing.B, n int, mask string) {
	srv := newReplayServer(b, mask != "", n)
	svc := newOfficial(b, srv.URL)
	cs := officialContacts(b, contacts(n))
	measure(b, n, func(ctx context.Context) error { return importOfficial(ctx, svc, cs, mask) })
}

func benchFloor(b *testing.B, n int, mask string) {
	srv := newReplayServer(b, mask != "", n)
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	b.Cleanup(hc.CloseIdleConnections)
	body := floorBody(b, mask)
	measure(b, n, func(ctx context.Context) error { return importFloor(ctx, hc, srv.URL, body, n) })
}

// importFloor posts body, a pre-encoded request of 200 contacts, once per 200 of n contacts,
// one after another, and discards the replies: the round trips and the server's work, which
// every client pays.
func importFloor(ctx context.Context, hc *http.Client, baseURL string, body []byte, n int) error {
	url := baseURL + batchCreatePath
	for off := 0; off < n; off += people.MaxContactsPerRequest {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("HTTP %d", resp.StatusCode)
		}
	}
	return nil
}

// floorBody is the body of a request of 200 contacts, as this SDK encodes it.
func floorBody(tb testing.TB, mask string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	buf.WriteString(`{"contacts":[`)
	for i := range people.MaxContactsPerRequest {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"contactPerson":` + mustJSON(tb, contact(i)) + `}`)
	}
	buf.WriteString(`],"readMask":` + mustJSON(tb, mask) + `}`)
	return buf.Bytes()
}

// measure runs op in a b.Loop and reports its cost per contact along with the usual
// per-operation figures.
func measure(b *testing.B, n int, op func(context.Context) error) {
	b.ReportAllocs()
	ctx := b.Context()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0, cpuOK := cpuTime()
	for b.Loop() {
		if err := op(ctx); err != nil {
			b.Fatal(err)
		}
	}
	cpu1, _ := cpuTime()
	runtime.ReadMemStats(&after)
	per := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/contact")
	if cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/per, "cpu-ns/contact")
	}
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/per, "B/contact")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/per, "allocs/contact")
}

// newOurs returns a client of this SDK pointed at the server at url, with the settings an
// importer would use.
func newOurs(tb testing.TB, url string) *people.Client {
	tb.Helper()
	c, err := people.NewClientWithConfig(context.Background(), &people.Config{User: "bench@example.com"},
		option.WithEndpoint(url+"/"), option.WithoutAuthentication())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// newOfficial returns the official client pointed at the server at url.
func newOfficial(tb testing.TB, url string) *peopleapi.Service {
	tb.Helper()
	svc, err := peopleapi.NewService(context.Background(), option.WithEndpoint(url+"/"), option.WithoutAuthentication())
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

// importOurs imports ps with this SDK and checks that every contact was created.
func importOurs(ctx context.Context, c *people.Client, ps []*people.Person, mask string) error {
	res, err := c.BatchCreateContacts(ctx, ps, mask, nil)
	if err != nil {
		return err
	}
	if got := res.Counts().Created; got != len(ps) {
		return fmt.Errorf("%d of %d contacts created", got, len(ps))
	}
	return nil
}

// importOfficial imports cs with the official client, in requests of 200 one after another,
// as an importer would write it, and checks each reply.
func importOfficial(ctx context.Context, svc *peopleapi.Service, cs []*peopleapi.ContactToCreate, mask string) error {
	for off := 0; off < len(cs); off += people.MaxContactsPerRequest {
		end := min(off+people.MaxContactsPerRequest, len(cs))
		resp, err := svc.People.BatchCreateContacts(&peopleapi.BatchCreateContactsRequest{
			Contacts: cs[off:end],
			ReadMask: mask,
		}).Context(ctx).Do()
		if err != nil {
			return err
		}
		if mask != "" && len(resp.CreatedPeople) != end-off {
			return fmt.Errorf("reply lists %d people for %d contacts", len(resp.CreatedPeople), end-off)
		}
	}
	return nil
}

// TestRatios runs the client-cost benchmarks in one process and logs the ratios
// ours/official of wall time, CPU time, allocations and bytes per contact. It asserts
// nothing about time. Each benchmark runs three times, alternating the clients, and the
// fastest run counts, which filters out other load on the machine. Run it with
//
//	PEOPLEBATCH_TIMING=1 go test -run TestRatios -v ./bench/
//
// It runs only with PEOPLEBATCH_TIMING=1 or PEOPLEBATCH_LONG=1, never under the race
// detector. PEOPLEBATCH_LONG=1 adds the sizes 1,000 and 100,000 to 10,000.
func TestRatios(t *testing.T) {
	skipUnlessTiming(t)
	if raceEnabled {
		t.Skip("timing run: the race detector makes the ratios meaningless")
	}
	ns := []int{10000}
	if long() {
		ns = sizes
	}
	const rounds = 3
	var b strings.Builder
	fmt.Fprintf(&b, "\n%6s %-20s | %21s | %21s | %13s | %11s | %-29s\n", "", "", "wall ns/contact", "CPU ns/contact", "allocs/contact", "B/contact", "ours/official")
	fmt.Fprintf(&b, "%6s %-20s | %6s %6s %7s | %6s %6s %7s | %6s %6s | %5s %5s | %5s %5s %6s %5s %5s\n",
		"N", "mask", "ours", "offic.", "floor", "ours", "offic.", "floor", "ours", "offic.", "ours", "offic.",
		"wall", "CPU", "allocs", "bytes", "CPU-floor")
	for _, n := range ns {
		for _, m := range masks {
			var ours, official, floor perContact
			for range rounds {
				ours.keepBest(testing.Benchmark(func(b *testing.B) { benchOurs(b, n, m.mask) }))
				official.keepBest(testing.Benchmark(func(b *testing.B) { benchOfficial(b, n, m.mask) }))
				floor.keepBest(testing.Benchmark(func(b *testing.B) { benchFloor(b, n, m.mask) }))
			}
			fmt.Fprintf(&b, "%6d %-20s | %6.0f %6.0f %7.0f | %6.0f %6.0f %7.0f | %6.1f %6.1f | %5.0f %5.0f | %4.2fx %4.2fx %5.2fx %4.2fx %4.2fx\n",
				n, m.name, ours.wall, official.wall, floor.wall, ours.cpu, official.cpu, floor.cpu,
				ours.allocs, official.allocs, ours.bytes, official.bytes,
				ours.wall/official.wall, ours.cpu/official.cpu, ours.allocs/official.allocs, ours.bytes/official.bytes,
				(ours.cpu-floor.cpu)/(official.cpu-floor.cpu))
		}
	}
	t.Log(b.String() + "floor: a bare net/http client posting a pre-encoded body, the cost of the round trips and the server;\n" +
		"CPU-floor: the ratio of CPU time above the floor, the clients' own work")
}

// perContact holds the best per-contact figures of a benchmark over several runs.
type perContact struct {
	wall, cpu, allocs, bytes float64
}

func (p *perContact) keepBest(r testing.BenchmarkResult) {
	better := func(old, v float64) float64 {
		if old == 0 || v < old {
			return v
		}
		return old
	}
	p.wall = better(p.wall, r.Extra["ns/contact"])
	p.cpu = better(p.cpu, r.Extra["cpu-ns/contact"])
	p.allocs = better(p.allocs, r.Extra["allocs/contact"])
	p.bytes = better(p.bytes, r.Extra["B/contact"])
}
