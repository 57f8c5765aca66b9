package pacing

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

func TestTraceShape(t *testing.T) {
	name := os.Getenv("TRACE_SHAPE")
	if name == "" {
		t.Skip()
	}
	hint, _ := strconv.Atoi(os.Getenv("TRACE_HINT"))
	seed, _ := strconv.Atoi(os.Getenv("TRACE_SEED"))
	sc := shapeCases()[name]
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	q := newQuotaServer(sc.shape)
	rnd := rand.New(rand.NewPCG(uint64(seed), 16))
	n := 0
	for clock.Now().Sub(t0) < sc.run {
		for attempt := 0; ; attempt++ {
			turn := take(t, p, "u")
			at := clock.Now().Sub(t0)
			lat := sc.latMin + time.Duration(rnd.Int64N(int64(sc.latMax-sc.latMin)+1))
			clock.Advance(lat / 2)
			ok, wait := q.admit(clock.Now())
			clock.Advance(lat - lat/2)
			u := p.lookup("u")
			st := fmt.Sprintf("ph%d act%d lim%d top%d bad%d less%d iv%v short%v pass%d", u.phase, u.active, u.limit, u.top, u.bad, u.lessCatchUp, time.Duration(u.interval), time.Duration(u.tooShort), u.passed)
			n++
			if ok {
				turn.Succeeded()
				if os.Getenv("TRACE_ALL") != "" || n%20 == 0 {
					fmt.Printf("%9.3f ok  %s\n", at.Seconds(), st)
				}
				break
			}
			h := hintFor(hint, wait-(lat-lat/2))
			turn.Throttled(Throttle{Hint: h})
			fmt.Printf("%9.3f 429 %s hint %v\n", at.Seconds(), st, h)
			step := min(32*time.Second, time.Second<<attempt)
			clock.Advance(max(h, time.Duration((0.5+0.5*rnd.Float64())*float64(step))))
		}
	}
}

func TestTraceRuns(t *testing.T) {
	name := os.Getenv("TRACE_RUNS")
	if name == "" {
		t.Skip()
	}
	sc := shapeCases()[name]
	for hint := range hintNames {
		for seed := range uint64(4) {
			r := simulateShape(t, sc, hint, seed)
			fmt.Printf("%-12s seed %d: %.3f× learning %d after %d/%d\n", hintNames[hint], seed, r.lateRate/sc.shape.perMinute(), r.learning429, r.late429, r.lateOK)
		}
	}
}

func TestTraceNoQuota(t *testing.T) {
	if os.Getenv("TRACE_NOQUOTA") == "" {
		t.Skip()
	}
	clock := newFakeClock()
	p := newPacer(t, Config{}, clock)
	q := simQuota{n: 1 << 30, per: time.Minute, spurious: 200}
	rnd := rand.New(rand.NewPCG(0, 42))
	for i := range 1000 {
		for attempt := 0; ; attempt++ {
			turn := take(t, p, "u")
			lat := 200*time.Millisecond + time.Duration(rnd.Int64N(int64(400*time.Millisecond)+1))
			clock.Advance(lat / 2)
			ok := q.admit(clock.Now())
			clock.Advance(lat - lat/2)
			u := p.lookup("u")
			if !ok || i%50 == 0 {
				fmt.Printf("%d %9.3f ok=%v ph%d act%d lim%d top%d bad%d rate %.1f\n", i, clock.Now().Sub(t0).Seconds(), ok, u.phase, u.active, u.limit, u.top, u.bad, p.Rate("u"))
			}
			if ok {
				turn.Succeeded()
				break
			}
			turn.Throttled(Throttle{})
			step := min(32*time.Second, time.Second<<attempt)
			clock.Advance(time.Duration((0.5 + 0.5*rnd.Float64()) * float64(step)))
		}
	}
}

func TestTraceHalved(t *testing.T) {
	if os.Getenv("TRACE_HALVED") == "" {
		t.Skip()
	}
	debugEst = true
	defer func() { debugEst = false }()
	ms, s := time.Millisecond, time.Second
	sc := simCase{Config{}, simQuota{n: 90, per: time.Minute, changeAt: 5 * time.Minute, changeTo: 45}, 200 * ms, 600 * ms, 1000, s, 7 * time.Minute}
	r := simulate(t, sc, 2)
	fmt.Println(r)
}
