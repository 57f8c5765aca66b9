// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/peoplebatch/peoplebatch-go/internal/transport"
)

const batchCreatePath = "v1/people:batchCreateContacts"

// attempt sends the contacts chunk[i] for i in pending as one request, with the retries the
// policy allows, and records the outcome of each in br. It returns a *RequestError unless
// every contact sent was created.
func (cl *call) attempt(br *BatchResult, chunk []*Person, pending []int, pre *requestBody) error {
	c := cl.c
	// Encode before taking the user's turn (unless the caller did: pre holds the body for
	// exactly these contacts), and give the turn back (the deferred calls run in reverse)
	// before waiting for the transport to let go of the body.
	body := pre
	if body == nil {
		body = c.bodies.get()
		if err := encodeRequest(&body.buf, chunk, pending, cl.reqMask, cl.sources); err != nil {
			c.bodies.put(body)
			// A contact that encoding/json cannot encode: report it, send nothing.
			return cl.fail(br, pending, OutcomeNotSent, nil, fmt.Errorf("people: encoding request: %w", err))
		}
	}
	defer c.bodies.put(body)
	// A successful reply is read with the turn held and decoded once it is given back (the
	// deferred calls run in reverse), unless the caller decodes it later (decodeBehind).
	defer func() {
		if d := cl.behind; d != nil && !cl.decodeBehind {
			cl.behind = nil
			cl.decode(d)
		}
	}()
	held, release, err := c.cfg.Sequencer.Acquire(cl.ctx, c.cfg.User)
	if err != nil {
		return cl.fail(br, pending, OutcomeNotSent, nil, err)
	}
	defer release()

	st := &requestState{user: c.cfg.User, held: held}
	ctx := transport.WithAttempts(context.WithValue(cl.ctx, stateKey{}, st), &st.attempts)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+batchCreatePath, retryablehttp.ReaderFunc(body.reader))
	if err != nil {
		return cl.fail(br, pending, OutcomeNotSent, nil, fmt.Errorf("people: %w", err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("X-Goog-Api-Client", "gl-go/1.26 peoplebatch/"+version)

	resp, err := c.hc.Do(req)
	br.Attempts += st.attempts.Count()
	if resp != nil {
		defer func() {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
			resp.Body.Close()
		}()
	}
	switch {
	case err != nil:
		return cl.transportFailure(br, pending, st, err)
	case resp.StatusCode >= 200 && resp.StatusCode < 300 && !jsonReply(resp.Header):
		// The People API always answers JSON. A 2xx page of another type comes from
		// something in between, such as a captive portal, which may or may not have passed
		// the request on.
		return cl.fail(br, pending, OutcomeUnknown, nil, fmt.Errorf("people: HTTP %d with Content-Type %q is not a People API reply",
			resp.StatusCode, truncate(resp.Header.Get("Content-Type"), 80)))
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		st.turn.Succeeded()
		return cl.created(br, pending, resp)
	case st.refused != nil && cl.ctx.Err() == nil && st.turnEnded() != nil:
		// Refused, and the user's turn ended before another attempt could start.
		return cl.fail(br, pending, OutcomeNotSent, nil, st.turnEnded())
	case st.refused != nil:
		// Throttled or aborted on every attempt, or asked to wait too long: nothing applied.
		return cl.fail(br, pending, OutcomeNotSent, nil,
			&RetryError{Attempts: st.attempts.Count(), RetryAt: st.retryAt, Err: st.refused})
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
	e := decodeError(resp.StatusCode, resp.Header, b)
	if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout {
		// The server refused the request: nothing of it was created.
		return cl.rejected(br, chunk, pending, e)
	}
	// 5xx, 3xx, 408 and anything else: the request may have been applied.
	return cl.fail(br, pending, OutcomeUnknown, nil, e)
}

// jsonReply reports whether a reply's Content-Type is JSON, or absent.
func jsonReply(h http.Header) bool {
	ct := h.Get("Content-Type")
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// transportFailure classifies a request that ended without a reply to its last attempt.
func (cl *call) transportFailure(br *BatchResult, pending []int, st *requestState, err error) error {
	if st.refused == nil && st.attempts.LastMaybeSent() {
		// The request went out and no reply came back: it may have been applied.
		return cl.fail(br, pending, OutcomeUnknown, nil, err)
	}
	// Nothing was applied. Unless the call was cancelled, say that retries ran out.
	if cl.ctx.Err() == nil && (st.refused != nil || st.attempts.Count() >= cl.c.cfg.Retry.MaxAttempts) {
		last := err
		if st.refused != nil {
			last = st.refused
		}
		err = &RetryError{Attempts: st.attempts.Count(), Err: last}
	}
	return cl.fail(br, pending, OutcomeNotSent, nil, err)
}

// created records a 2xx reply: every contact sent was created. It reads the reply into a
// reused buffer and leaves it in cl.behind, to be decoded from there once the user's turn is
// given back (json.Decoder would buffer the whole reply anyway, in a new buffer grown for
// each request, and json.Unmarshal refuses data after the reply).
func (cl *call) created(br *BatchResult, pending []int, resp *http.Response) error {
	buf, _ := cl.c.replies.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	_, err := buf.ReadFrom(&capReader{r: resp.Body, n: cl.c.cfg.MaxResponseBytes})
	d := &replyDecode{br: br, pending: pending, markers: cl.markers, buf: buf, readErr: err}
	for _, i := range pending {
		br.Contacts[i].Outcome = OutcomeCreated
	}
	cl.behind = d
	return nil
}

// rejected records a 4xx reply. Contacts named by BatchCreateContactsErrorDetails failed;
// the others were not created and may be sent again. Without that detail, every contact
// sent failed with the request.
func (cl *call) rejected(br *BatchResult, chunk []*Person, pending []int, e *Error) error {
	d := e.Details.BatchCreateContactsErrorDetails()
	if d == nil {
		return cl.fail(br, pending, OutcomeFailed, nil, e)
	}
	var named []*ContactError
	for k, i := range pending {
		if st, ok := d.ContactErrors[k]; ok {
			ce := &ContactError{Index: br.Contacts[i].Index, Status: st}
			named = append(named, ce)
			br.Contacts[i].Outcome, br.Contacts[i].Err = OutcomeFailed, ce
		}
	}
	rest := make([]int, 0, len(pending)-len(named))
	for _, i := range pending {
		if br.Contacts[i].Outcome != OutcomeFailed {
			rest = append(rest, i)
		}
	}
	return cl.fail(br, rest, OutcomeNotSent, named, e)
}

// fail gives the contacts at pending the outcome o and returns the request's error, which
// also becomes their Err.
func (cl *call) fail(br *BatchResult, pending []int, o Outcome, named []*ContactError, cause error) error {
	re := &RequestError{
		Request: br.Request, Offset: br.Offset, Count: len(br.Contacts),
		Attempts: br.Attempts, Outcome: o, Contacts: named, Err: cause,
	}
	for _, i := range pending {
		br.Contacts[i].Outcome, br.Contacts[i].Err = o, re
	}
	return re
}

// encodeRequest writes the request body for the contacts chunk[i], i in pending.
func encodeRequest(buf *bytes.Buffer, chunk []*Person, pending []int, readMask string, sources []ReadSourceType) error {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	buf.WriteString(`{"contacts":[`)
	for k, i := range pending {
		if k > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"contactPerson":`)
		if err := enc.Encode(chunk[i]); err != nil {
			return fmt.Errorf("contact %d: %w", i, err)
		}
		buf.WriteByte('}')
	}
	buf.WriteString(`],"readMask":`)
	if err := enc.Encode(readMask); err != nil {
		return err
	}
	if len(sources) > 0 {
		buf.WriteString(`,"sources":`)
		if err := enc.Encode(sources); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

// maxPooledReply is the largest reply buffer kept for the next request.
const maxPooledReply = 4 << 20

// capReader reads at most n bytes and fails, rather than stopping quietly, past them.
type capReader struct {
	r io.Reader
	n int64
}

var errTooLarge = errors.New("reply larger than Config.MaxResponseBytes")

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// At the cap: a body that ends exactly here is not too large.
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n == 0 {
			return 0, err
		}
		return 0, errTooLarge
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

// requestBody is a request body that is read again for each attempt and whose buffer is
// reused once every reader handed to the transport has been closed.
type requestBody struct {
	buf  bytes.Buffer
	mu   sync.Mutex
	open int           // readers not closed yet
	idle chan struct{} // closed when open drops to 0, if someone waits
}

// openReader is one reading of a requestBody.
type openReader struct {
	bytes.Reader
	body *requestBody
	once sync.Once
}

// Close implements io.Closer.
func (r *openReader) Close() error {
	r.once.Do(func() {
		b := r.body
		b.mu.Lock()
		b.open--
		if b.open == 0 && b.idle != nil {
			close(b.idle)
			b.idle = nil
		}
		b.mu.Unlock()
	})
	return nil
}

// reader returns a new reader of the body, as go-retryablehttp's ReaderFunc.
func (b *requestBody) reader() (io.Reader, error) {
	b.mu.Lock()
	b.open++
	b.mu.Unlock()
	r := &openReader{body: b}
	r.Reset(b.buf.Bytes())
	return r, nil
}

// bodyPool recycles request bodies between requests.
type bodyPool struct{ p sync.Pool }

func (p *bodyPool) get() *requestBody {
	if b, ok := p.p.Get().(*requestBody); ok {
		return b
	}
	return new(requestBody)
}

// put recycles b once the transport has closed every reader of it, as it must. One that
// has not done so within a second keeps the buffer, which is then dropped.
func (p *bodyPool) put(b *requestBody) {
	b.mu.Lock()
	if b.open == 0 {
		b.mu.Unlock()
		p.p.Put(b)
		return
	}
	idle := make(chan struct{})
	b.idle = idle
	b.mu.Unlock()
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-idle:
		p.p.Put(b)
	case <-t.C:
	}
}
