// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people_test

import (
	"net/http"
	"slices"
	"sync/atomic"
	"testing"

	"google.golang.org/api/option"

	"github.com/peoplebatch/peoplebatch-go/people"
	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// panickingTransport passes requests on to next, and panics on the write (a request other
// than a GET) number panicAt.
type panickingTransport struct {
	next    http.RoundTripper
	posts   atomic.Int32
	panicAt int32
}

func (p *panickingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet && p.posts.Add(1) == p.panicAt {
		panic("transport panics")
	}
	return p.next.RoundTrip(r)
}

// TestTelemetryWhenACallPanics: a call whose transport (the caller's, through
// option.WithHTTPClient) panics during its second request passes the panic on, in either
// form of the batch create and in the group and photo calls, and still ends every span it
// started, the request's included.
func TestTelemetryWhenACallPanics(t *testing.T) {
	t.Parallel()
	for _, form := range []string{"slice", "seq", "groups", "photos"} {
		t.Run(form, func(t *testing.T) {
			t.Parallel()
			srv := peopletest.NewServer()
			t.Cleanup(srv.Close)
			tel := newTelemetry(t)
			tr := &panickingTransport{next: srv.Client().Transport, panicAt: 2}
			c, err := people.NewClientWithConfig(t.Context(),
				&people.Config{User: "panic@example.com", ChunkSize: 1, TracerProvider: tel.tp, MeterProvider: tel.mp},
				option.WithEndpoint(srv.URL+"/"), option.WithHTTPClient(&http.Client{Transport: tr}))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			panicked := func() (p any) {
				defer func() { p = recover() }()
				switch form {
				case "slice":
					c.BatchCreateContacts(t.Context(), contacts(3), "names", nil)
					return nil
				case "groups":
					c.ResolveContactGroups(t.Context(), []string{"First", "Second"})
					return nil
				case "photos":
					c.SetContactPhotos(t.Context(), []people.PhotoUpdate{
						{ResourceName: "people/c1", Photo: testJPEG}, {ResourceName: "people/c2", Photo: testJPEG}})
					return nil
				}
				for range c.BatchCreateContactsSeq(t.Context(), slices.Values(contacts(3)), "names", nil) {
				}
				return nil
			}()
			if panicked == nil {
				t.Fatal("the transport's panic did not reach the caller")
			}
			started, ended := len(tel.spans.Started()), len(tel.spans.Ended())
			if started == 0 || started != ended {
				t.Errorf("%d spans started, %d ended", started, ended)
			}
		})
	}
}
