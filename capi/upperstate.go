package main

import (
	"sync"
	"sync/atomic"

	"github.com/gipsdev/gips/internal/vecstate"
)

// The upper-state probe, for tests (bench/test_vecstate.py runs every
// benchmark row with it on): once gips_upper_state turns it on, every op
// call reads XINUSE on its thread right after its kernels return, before
// the library's own code (a large memmove's VZEROUPPER) or the cgo return
// could clean it, and records the ops that left the upper halves of the
// vector registers dirty. Such an op slows the Go code that runs after it
// on that thread (internal/vecstate says why). Off, it costs one atomic load
// per call.
var (
	upperOn    atomic.Bool
	upperMu    sync.Mutex
	upperDirty []string
)

// probeUpper records the op when the probe is on and its kernels left the
// upper halves dirty.
func probeUpper(op string) {
	if !upperOn.Load() || !vecstate.Dirty() {
		return
	}
	upperMu.Lock()
	upperDirty = append(upperDirty, op)
	upperMu.Unlock()
}

// handleUpperState turns the probe on or off ({"on": bool}) and returns
// {"available": whether the CPU reads XINUSE, "dirty": the ops recorded
// since the last request}.
func handleUpperState(req []byte) (any, error) {
	var r struct {
		On bool `json:"on"`
	}
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	upperOn.Store(r.On && vecstate.Available())
	upperMu.Lock()
	dirty := append([]string{}, upperDirty...)
	upperDirty = upperDirty[:0]
	upperMu.Unlock()
	return struct {
		Available bool     `json:"available"`
		Dirty     []string `json:"dirty"`
	}{vecstate.Available(), dirty}, nil
}
