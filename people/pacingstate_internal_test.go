// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"testing/synctest"
	"time"

	"github.com/peoplebatch/peoplebatch-go/internal/pacing"
)

// TestImportSharedClocks hands a user's state, with a turn just taken at 60 requests a
// minute (a turn free again in 1.02 s), from one Pacer to another, as a PacingSequencer
// would, after age, with the saver's wall clock skewed against the reader's: the reader's
// next turn waits what is left of the spacing, whatever the skew.
func TestImportSharedClocks(t *testing.T) {
	t.Parallel()
	const spacing = time.Minute / 60 * 100 / 98 // 60 a minute at pacing.Margin
	tests := map[string]struct {
		age, skew time.Duration
		want      time.Duration
	}{
		"at once":                  {want: spacing},
		"400 ms later":             {age: 400 * time.Millisecond, want: spacing - 400*time.Millisecond},
		"saver 5 s ahead":          {skew: 5 * time.Second, want: spacing},
		"saver 1 h behind, 400 ms": {skew: -time.Hour, age: 400 * time.Millisecond, want: spacing - 400*time.Millisecond},
		"older than the spacing":   {age: 3 * time.Second, want: 0},
		"negative age":             {age: -time.Second, want: spacing},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				saver, reader := NewPacer(60), NewPacer(60)
				if _, err := saver.p.Wait(t.Context(), "u"); err != nil {
					t.Fatal(err)
				}
				data := skewed(t, saver.exportShared("u"), tc.skew)
				time.Sleep(max(tc.age, 0))
				if err := reader.importShared("u", data, tc.age); err != nil {
					t.Fatal(err)
				}
				if got := reader.Delay("u"); got != tc.want {
					t.Errorf("Delay = %v, want %v", got, tc.want)
				}
			})
		})
	}
}

// skewed returns data with every time moved by skew, as a saver whose clock is skew ahead
// would have written it.
func skewed(t *testing.T, data []byte, skew time.Duration) []byte {
	t.Helper()
	var s sharedState
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	s.SavedAt = s.SavedAt.Add(skew)
	shiftState(&s.State, skew)
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImportSharedUnreadable gives a Pacer that knows a user states that are not states:
// each is an error for the log, and the user's pacing starts afresh.
func TestImportSharedUnreadable(t *testing.T) {
	t.Parallel()
	good := func() []byte {
		p := NewPacer(60)
		_, _ = p.p.Wait(t.Context(), "u")
		return p.exportShared("u")
	}
	tests := map[string][]byte{
		"not JSON":      []byte("garbage"),
		"other version": []byte(`{"v":2}`),
		"too large":     make([]byte, maxSharedState+1),
		"out of range":  []byte(`{"v":1,"state":{"windows":[1000000000,10000000000,60000000000,100000000000],"active":7}}`),
		"other windows": []byte(`{"v":1,"state":{"windows":[5],"active":-1}}`),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := NewPacer(60)
			if err := p.importShared("u", good(), 0); err != nil || p.Delay("u") == 0 {
				t.Fatalf("a good state: %v, Delay %v", err, p.Delay("u"))
			}
			if err := p.importShared("u", data, 0); err == nil {
				t.Error("no error")
			}
			if _, ok := p.p.Export("u"); ok {
				t.Error("the Pacer kept the user's state; want it forgotten")
			}
		})
	}
	t.Run("none", func(t *testing.T) {
		p := NewPacer(60)
		_ = p.importShared("u", good(), 0)
		if err := p.importShared("u", nil, 0); err != nil {
			t.Errorf("err = %v", err)
		}
		if _, ok := p.p.Export("u"); ok {
			t.Error("the Pacer kept the user's state; want it forgotten")
		}
	})
}

// TestShiftStateEveryTime checks that shiftState moves every time a pacing.State holds, so
// that a time field added to State cannot be forgotten.
func TestShiftStateEveryTime(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var s pacing.State
	s.Turns = []pacing.TurnRecord{{}, {}}
	times := allTimes(reflect.ValueOf(&s).Elem())
	for _, v := range times {
		v.Set(reflect.ValueOf(t0))
	}
	shiftState(&s, time.Second)
	for _, v := range allTimes(reflect.ValueOf(&s).Elem()) {
		if got := v.Interface().(time.Time); !got.Equal(t0.Add(time.Second)) {
			t.Errorf("a time of State was not moved: %v", got)
		}
	}
	if len(times) < 8 {
		t.Errorf("found %d times in State, want at least 8: the walk is broken", len(times))
	}
}

// allTimes returns the settable time.Time values in v, a struct, its slices and their structs.
func allTimes(v reflect.Value) []reflect.Value {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		return []reflect.Value{v}
	case v.Kind() == reflect.Struct:
		var out []reflect.Value
		for i := range v.NumField() {
			out = append(out, allTimes(v.Field(i))...)
		}
		return out
	case v.Kind() == reflect.Slice:
		var out []reflect.Value
		for i := range v.Len() {
			out = append(out, allTimes(v.Index(i))...)
		}
		return out
	}
	return nil
}

// FuzzImportShared gives a Pacer any bytes as a user's shared state, as a hostile or broken
// store could: it never panics, and the user either has the state read or is forgotten,
// with an error; a Wait for the user then works.
func FuzzImportShared(f *testing.F) {
	p := NewPacer(60)
	_, _ = p.p.Wait(f.Context(), "u")
	f.Add(p.exportShared("u"), int64(0))
	f.Add([]byte(`{"v":1,"state":{"windows":[1000000000,10000000000,60000000000,100000000000],"active":-1}}`), int64(time.Hour))
	f.Add([]byte("garbage"), int64(-1))
	f.Fuzz(func(t *testing.T, data []byte, age int64) {
		p := NewPacer(60)
		err := p.importShared("u", data, time.Duration(age))
		if _, ok := p.p.Export("u"); err != nil && ok {
			t.Fatalf("error %v, yet the user's state was kept", err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
		defer cancel()
		_, _ = p.p.Wait(ctx, "u") // must not panic; it may wait past the deadline
	})
}
