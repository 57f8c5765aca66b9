// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

// This file holds the request body: its encoding, and its buffer, reused between requests.

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

// reader returns a new reader of the body, for one attempt.
func (b *requestBody) reader() io.ReadCloser {
	b.mu.Lock()
	b.open++
	b.mu.Unlock()
	r := &openReader{body: b}
	r.Reset(b.buf.Bytes())
	return r
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
