// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"strings"
	"testing"

	"golang.org/x/oauth2"
	"google.golang.org/api/option"
)

func TestEndpointResolution(t *testing.T) {
	ts := option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"}))
	tests := []struct {
		name    string
		env     string
		opts    []option.ClientOption
		want    string
		wantErr string
	}{
		{name: "default", opts: []option.ClientOption{ts}, want: "https://people.googleapis.com/"},
		{name: "custom https", opts: []option.ClientOption{ts, option.WithEndpoint("https://people.example.com")}, want: "https://people.example.com/"},
		{name: "loopback http", opts: []option.ClientOption{option.WithoutAuthentication(), option.WithEndpoint("http://127.0.0.1:9/")}, want: "http://127.0.0.1:9/"},
		{name: "localhost http", opts: []option.ClientOption{option.WithoutAuthentication(), option.WithEndpoint("http://localhost:9/")}, want: "http://localhost:9/"},
		{name: "ipv6 loopback", opts: []option.ClientOption{option.WithoutAuthentication(), option.WithEndpoint("http://[::1]:9/")}, want: "http://[::1]:9/"},
		{name: "remote http refused", opts: []option.ClientOption{ts, option.WithEndpoint("http://people.example.com/")}, wantErr: "plain http"},
		{name: "other scheme refused", opts: []option.ClientOption{ts, option.WithEndpoint("ftp://people.example.com/")}, wantErr: "scheme"},
		{name: "emulator env", env: "emulator.internal:8085", want: "http://emulator.internal:8085/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EmulatorHostEnv, tt.env)
			c, err := NewClient(t.Context(), tt.opts...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.endpoint != tt.want {
				t.Errorf("endpoint = %q, want %q", c.endpoint, tt.want)
			}
		})
	}
}

func TestConfigValidation(t *testing.T) {
	for _, cfg := range []*Config{{ChunkSize: 201}, {ChunkSize: -1}, {WritesPerMinute: -1}} {
		if _, err := NewClientWithConfig(t.Context(), cfg, option.WithoutAuthentication(), option.WithEndpoint("http://127.0.0.1:9/")); err == nil {
			t.Errorf("NewClientWithConfig(%+v) accepted", cfg)
		}
	}
}
