// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package people

import "context"

// CheckJournal returns the error with which a [Client.BatchCreateContacts] or
// [Client.BatchCreateContactsSeq] call made with opts would refuse the journal that opts give
// ([WithJournal]), before sending anything: a [*JournalMismatchError] when the journal was
// written for another job (unless opts hold [AdoptJournal]), or a [*JournalError] when it
// cannot be read. It returns nil when opts give no journal or first is empty (a call given
// no contacts reads no journal), and an [*InputError] when ctx is nil.
//
// first holds the call's first contacts: at least those of its first request
// ([Config].ChunkSize of them, or all the input), as the call will read them. Their markers,
// from [WithKeys] or their own clientData, make the input's fingerprint, as in the call;
// contacts that validation refuses count as the call with [SkipInvalid] counts them.
//
// It sends nothing and writes nothing to the journal. Use it before work of one's own that
// a refused call must not follow, such as creating the contact groups that the contacts
// join ([Client.ResolveContactGroups]).
func (c *Client) CheckJournal(ctx context.Context, first []*Person, opts ...CallOption) error {
	cl, err := c.newCall(ctx, "", nil, -1, opts)
	if err != nil {
		return err
	}
	k := cl.keyed
	if k == nil || k.journal == nil || len(first) == 0 {
		return nil
	}
	chunk := first[:min(len(first), c.cfg.ChunkSize)]
	each, _ := cl.validateContacts(0, chunk)
	markers := make([]string, len(chunk))
	for i, p := range chunk {
		if each != nil && each[i] != nil {
			continue
		}
		markers[i], _ = k.markerOf(i, p)
	}
	_, _, _, err = k.loadChecked(cl, markers)
	return err
}
