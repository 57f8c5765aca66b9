// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"context"

	"github.com/hashicorp/go-retryablehttp"
)

// This file is the only one that uses go-retryablehttp. The retry loop is the SDK's own
// (see [Client.sendRequest]): a create is retried only when it certainly applied nothing,
// which needs to know whether an attempt wrote anything, and its waits follow the pacer.
// go-retryablehttp's documented policy tells which transport errors are worth another try.

// permanentTransportError reports whether another attempt would meet err again: too many
// redirects, an invalid scheme or header, an untrusted certificate.
func permanentTransportError(err error) bool {
	again, _ := retryablehttp.DefaultRetryPolicy(context.Background(), nil, err)
	return !again
}
