package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/gipsdev/gips/internal/scratch"
)

// The Go heap of this library is nearly empty: every image it works on is
// the caller's memory (numpy's), so the live heap between calls is a few
// hundred KiB and the GC's goal sits at its 4 MiB minimum. An op that
// allocates an image-sized temporary (opening's intermediate image: 16 MiB
// for 4096x4096 uint8) or a few MiB of per-band scratch (a 2-thread
// erosion) then starts a GC cycle in nearly every call. Counted through
// Python with GODEBUG=gctrace=1 (issue 15 has the times): opening 4096²
// uint8 ran a GC in 100 of 100 calls, a 2-thread erosion in 72 of 100. Each cycle takes a P from the op's workers for its
// mark phase (a 2-thread call then runs on about one), and after it the
// scavenger, which keeps the heap's memory near 1.1x the goal, hands the
// freed temporary back to the OS, so that the next call page-faults it in
// again (hundreds of faults per call, each a few µs on a VM): the erratic,
// bimodal 2-thread times that a Go benchmark (whose images are in the Go
// heap, so its goal is large) does not show.
//
// The ballast: a 64 MiB slice that is never touched (fresh pages from the
// OS are not zeroed by Go, so it costs address space, not memory) and
// never freed. It counts as live heap, so the goal is 2x(64 MiB + live)
// instead of 2x live: temporaries up to tens of MiB no longer start a
// cycle per call, the scavenger keeps their pages for the next call, and
// the goal still grows with the real live heap as before (no fixed limit
// that a large volume's temporaries could exceed, as GOGC=off with a
// GOMEMLIMIT would have: that setting collects continuously once the live
// heap passes the limit). The costs: resident memory of garbage and free
// pages between cycles, after ops that allocate (a Python loop of
// openings of 4096² uint8: peak RSS 262 MiB instead of 138), and small
// per-call allocations that are spread over a larger heap: until the
// first cycle, at about 128 MiB, every small allocation lands on memory
// that nothing has touched yet, a page fault every few calls. That made
// a process's first ~55,000 small calls cost about 5 µs more each (issue
// 15, the bench's percall row, 8.4 µs for an 8x8 add).
//
// So the ballast comes with the first call that needs it, not at load: a
// call whose images hold at least ballastAfter bytes (temporaries are
// image-sized, and a goal of 4 MiB collects once per call only for images
// near that size). A process that works on small images keeps Go's
// default goal, whose few MiB of small allocations are reused warm after
// every cycle; one that works on large images pays the fresh pages once,
// next to calls that take milliseconds. The fast call's own allocations
// are pooled (call.go), so small calls made after the ballast walk over
// little new memory either way. A user who sets GOGC or GOMEMLIMIT has
// chosen a policy: then there is no ballast.
var (
	ballastMu sync.Mutex
	ballast   []byte
	// ballasted is set once the ballast is made (or never will be): the
	// per-call check is one atomic load.
	ballasted atomic.Bool
)

// ballastBytes is the ballast's size; ballastAfter the bytes of image in
// one call that bring it.
const (
	ballastBytes = 64 << 20
	ballastAfter = 1 << 20
)

func init() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		ballasted.Store(true) // the user's policy
	}
}

// ballastFor makes the ballast, once, when a call's images hold nbytes >=
// ballastAfter.
func ballastFor(nbytes int) {
	if nbytes < ballastAfter || ballasted.Load() {
		return
	}
	ballastMu.Lock()
	defer ballastMu.Unlock()
	if !ballasted.Load() {
		ballast = make([]byte, ballastBytes)
		ballasted.Store(true)
	}
}

// ballastLen is the ballast's size, 0 before it is made.
func ballastLen() uint64 {
	ballastMu.Lock()
	defer ballastMu.Unlock()
	return uint64(len(ballast))
}

// handleFreeMemory runs a collection and returns the free pages of the Go
// heap to the OS (debug.FreeOSMemory), for processes that live long
// between bursts of work: a dask worker would otherwise keep up to the
// ballast's 64 MiB of dead temporaries resident between blocks. It returns
// the bytes of heap still in use, the ballast (never touched, so never
// resident) left out. The scratch pools (internal/scratch) are emptied
// first: they would keep their volume-sized buffers (a 3D Frangi's
// fields, a fillHoles' volumes) through two more collections.
func handleFreeMemory([]byte) (any, error) {
	scratch.Drain()
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse - ballastLen(), nil
}
