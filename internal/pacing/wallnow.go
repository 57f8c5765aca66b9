// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package pacing

import "time"

// WallNow returns the current time on the wall clock that the times of [Pacer.Export] and
// [Pacer.Import] are on, so that a store shared by several processes can tell how old an
// exported [State] is and move its times onto another Pacer's clock.
func (p *Pacer) WallNow() time.Time { return p.wall(p.clock()) }
