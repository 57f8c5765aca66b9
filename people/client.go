// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"

	"google.golang.org/api/option"
	"google.golang.org/api/option/internaloption"
	htransport "google.golang.org/api/transport/http"

	"github.com/peoplebatch/peoplebatch-go/internal/transport"
)

// Scope is the OAuth scope that [Client.BatchCreateContacts] needs, asked for by default.
const Scope = "https://www.googleapis.com/auth/contacts"

// EmulatorHostEnv names the environment variable that points every new Client at a People
// API emulator, as "host:port": the client then sends no credentials and speaks plain HTTP.
const EmulatorHostEnv = "PEOPLE_EMULATOR_HOST"

const (
	defaultEndpoint         = "https://people.googleapis.com/"
	defaultUniverse         = "googleapis.com"
	defaultEndpointTemplate = "https://people.UNIVERSE_DOMAIN/"
	defaultMTLSEndpoint     = "https://people.mtls.googleapis.com/"
	version                 = "0.1.0"
	userAgent               = "peoplebatch-go/" + version
)

// Client creates contacts through the People API. It is safe for concurrent use; its
// requests for one user never overlap. Create it once and reuse it.
type Client struct {
	hc       *http.Client    // sends each attempt; see Client.sendRequest for the retries
	owned    *http.Transport // the connections below authentication, nil for the user's WithHTTPClient
	endpoint string          // ends in "/"
	cfg      Config
	bodies   bodyPool
	replies  sync.Pool // *bytes.Buffer: a successful reply while it is decoded
	tel      *instruments
}

// NewClient returns a [Client] with the default [Config]. See [NewClientWithConfig].
func NewClient(ctx context.Context, opts ...option.ClientOption) (*Client, error) {
	return NewClientWithConfig(ctx, nil, opts...)
}

// NewClientWithConfig returns a Client with the SDK settings of cfg (nil means the defaults)
// and the connection settings of opts.
//
// Without options the client uses Application Default Credentials with Scope. The options of
// google.golang.org/api/option are honoured as Google's own clients honour them:
// WithAuthCredentialsFile, WithAuthCredentialsJSON, WithTokenSource, WithScopes, WithEndpoint,
// WithUserAgent, WithoutAuthentication and WithHTTPClient. Note that WithHTTPClient bypasses
// authentication: the given client must add credentials itself.
//
// When the environment variable PEOPLE_EMULATOR_HOST is set, the client talks to that
// emulator over plain HTTP without credentials. Otherwise plain http:// endpoints are
// refused unless they are on a loopback address.
func NewClientWithConfig(ctx context.Context, cfg *Config, opts ...option.ClientOption) (*Client, error) {
	if ctx == nil {
		return nil, &InputError{Problems: []*ValidationError{{Index: -1, Field: "ctx", Reason: "is nil: pass context.Background() or a context of your own"}}}
	}
	rc, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	defaults := []option.ClientOption{internaloption.WithDefaultScopes(Scope)}
	emulator := os.Getenv(EmulatorHostEnv)
	if emulator != "" {
		defaults = append(defaults, option.WithEndpoint("http://"+emulator+"/"), option.WithoutAuthentication())
	}
	opts = append(defaults, opts...)
	opts = append(opts,
		internaloption.WithDefaultEndpointTemplate(defaultEndpointTemplate),
		internaloption.WithDefaultUniverseDomain(defaultUniverse),
		internaloption.WithDefaultMTLSEndpoint(defaultMTLSEndpoint),
		internaloption.EnableNewAuthLibrary(),
	)
	base, endpoint, err := htransport.NewClient(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	if endpoint == "" {
		endpoint = defaultEndpoint
	}
	if err := checkEndpoint(endpoint, emulator != ""); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(endpoint, "/") {
		endpoint += "/"
	}
	next, owned, err := ownTransport(ctx, base, endpoint, opts)
	if err != nil {
		return nil, err
	}
	c := &Client{endpoint: endpoint, cfg: rc, owned: owned}
	c.tel = newInstruments(rc.TracerProvider, rc.MeterProvider, rc.User)
	c.hc = &http.Client{
		Transport: &transport.Deadline{Next: next, Timeout: rc.AttemptTimeout},
		// A redirect would carry the token and the contacts to another place: never follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Jar:           base.Jar,
	}
	return c, nil
}

// checkEndpoint refuses plain HTTP but to loopback or an emulator named by the environment.
func checkEndpoint(endpoint string, emulator bool) error {
	u, err := url.Parse(endpoint)
	if err != nil {
		return fmt.Errorf("people: endpoint %q: %w", endpoint, err)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if emulator || isLoopback(u.Hostname()) {
			return nil
		}
		return errors.New("people: endpoint " + u.Host + ": plain http is allowed only for loopback addresses or " + EmulatorHostEnv)
	}
	return fmt.Errorf("people: endpoint %q: scheme must be https", u.Scheme)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Close releases the client's idle connections. It does not interrupt calls in progress.
// A client made with option.WithHTTPClient asks that client to close its idle connections.
func (c *Client) Close() error {
	c.hc.CloseIdleConnections()
	if c.owned != nil {
		c.owned.CloseIdleConnections()
	}
	return nil
}

// ownTransport returns the transport that sends the client's requests: authentication (as
// option resolved it) over connections of the client's own, which [Client.Close] can
// release, since the authentication transports do not pass CloseIdleConnections on. It
// keeps base, the client that option resolved, when the user gave it (WithHTTPClient) or when
// the endpoint is mutual TLS, whose certificates base's own connections carry.
func ownTransport(ctx context.Context, base *http.Client, endpoint string, opts []option.ClientOption) (http.RoundTripper, *http.Transport, error) {
	keep := base.Transport
	if keep == nil {
		keep = http.DefaultTransport
	}
	if strings.Contains(endpoint, ".mtls.") {
		return keep, nil, nil
	}
	own := http.DefaultTransport.(*http.Transport).Clone()
	own.MaxIdleConnsPerHost = 100
	rt, err := htransport.NewTransport(ctx, own, opts...)
	if err != nil {
		// WithHTTPClient: the only option NewTransport refuses that NewClient took.
		return keep, nil, nil
	}
	return rt, own, nil
}
