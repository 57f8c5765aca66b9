// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "time"

// CallOption changes how one [Client.BatchCreateContacts] or [Client.BatchCreateContactsSeq]
// call behaves.
type CallOption interface {
	apply(*callSettings)
}

type callSettings struct {
	continueOnError bool
	skipInvalid     bool
	resendValid     bool
	progress        func(Progress)
	keyed           keyedSettings // WithKeys, WithJournal, AdoptJournal, SkipExisting
}

type callOptionFunc func(*callSettings)

func (f callOptionFunc) apply(s *callSettings) { f(s) }

// ContinueOnError makes the call go on with the next requests after a request fails. By
// default the call stops there and reports the contacts after it as not sent. A full account
// ([*AccountFullError]) stops the call even so.
func ContinueOnError() CallOption {
	return callOptionFunc(func(s *callSettings) { s.continueOnError = true })
}

// SkipInvalid makes the call send the contacts that pass validation and report the others
// as failed. By default one invalid contact fails the call before anything is sent.
func SkipInvalid() CallOption {
	return callOptionFunc(func(s *callSettings) { s.skipInvalid = true })
}

// ResendValid makes a request that the server refused because of some of its contacts
// ([BatchCreateContactsErrorDetails]) be sent once more without them, so that one bad contact
// does not keep the others from being created. By default the request fails whole: the
// server creates none of a request in which any contact is invalid.
func ResendValid() CallOption {
	return callOptionFunc(func(s *callSettings) { s.resendValid = true })
}

// WithProgress has fn called after each request, from the calling goroutine, with the
// running counts ([Progress]). fn should return quickly.
func WithProgress(fn func(Progress)) CallOption {
	return callOptionFunc(func(s *callSettings) { s.progress = fn })
}

// Progress is the state of a call after one of its requests.
type Progress struct {
	// Requests is the number of requests finished.
	Requests int
	// Counts tallies the outcomes of the contacts handled so far.
	Counts
	// Remaining is the number of input contacts not handled yet, or -1 when the input's
	// length is not known ([Client.BatchCreateContactsSeq]).
	Remaining int
	// NextWait is how long pacing would hold the next request if it started now.
	NextWait time.Duration
}
