// Package par is the one place where gips starts goroutines. Kernels are
// single-threaded over the range they are given; par splits an image's work
// over planes or row bands across GOMAXPROCS workers. The caller is one
// of the workers; the others are helper goroutines, which after a call
// spin for a short while for the next one (spin.go). Each worker owns an
// equal part of the work, the same part call after call (its rows stay
// in its core's cache), taken in chunks that shrink towards the part's
// end; a worker done with its part takes chunks from the others', so
// that a helper that comes late costs the caller little.
//
// A panic in a worker does not kill the process: the worker that panicked
// stops, the others finish the chunk they are in and take no more, and the
// panic is raised again on the goroutine that called For (as a *Panic that
// carries the original value and the worker's stack), where a recover in
// the caller (ops.Call's, the C boundary's) turns it into an error.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Workers is the number of goroutines a call uses: GOMAXPROCS, read on each
// call so that a user who lowers it is obeyed.
func Workers() int { return runtime.GOMAXPROCS(0) }

// Panic is what For re-panics with on the calling goroutine when a worker
// panicked: the worker's panic value and its stack at the panic.
type Panic struct {
	Value any
	Stack []byte
}

// Error shows the value and the worker's stack, so that a caller that
// formats the recovered value with %v reports where the worker failed.
func (p *Panic) Error() string {
	return fmt.Sprintf("%v\n\nworker goroutine stack:\n%s", p.Value, p.Stack)
}

// Unwrap gives the panic value when it is an error (a runtime.Error such as
// an index out of range, say), for errors.As.
func (p *Panic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// For calls fn on consecutive sub-ranges [lo, hi) that cover [0, n), in
// parallel. Ranges hold at least grain items (grain < 1 means 1), and there
// are a few per worker so that uneven work balances. fn must be safe to call
// concurrently on disjoint ranges. For returns when every call has; if one
// panicked, For panics with a *Panic once no worker is running (the
// remaining ranges are then not all visited).
func For(n, grain int, fn func(lo, hi int)) { forWorkers(n, grain, Workers(), fn) }

// InlineBytes is the work, in bytes read and written, below which a call
// runs on the calling goroutine: handing work to another core costs a
// few microseconds even to a helper that spins (see spin.go), more when
// its thread sleeps. Measured through Python (bench/bench.py, 2 cores,
// idle machine, 2026-12-01 19:40, with spinning helpers): a second worker
// from 1 MiB made every pointwise row at 1024x1024 uint8 (2-3 MiB of
// work) 1.5-1.8x faster (add 37 -> 22 us, invert 24 -> 15, light 25 ->
// 16), while from 256 KiB the 512x512 rows (0.5-0.75 MiB) gained nothing
// or lost (invert 5.6 -> 6.6 us median). The earlier 4 MiB limit came from
// runs on a loaded machine (below) and before helpers spun.
const InlineBytes = 1 << 20

// workerBytes is the least work worth a worker of its own, once the work
// is past InlineBytes (so two workers from 1 MiB). Measured through
// Python on an idle machine (2026-12-02 16:58, 1000 calls): the 1024x1024
// uint8 min, max and mean (1 MiB read) at 11.3-12.3 us median on one
// worker, 8.4-9.0 on two (numpy's min 12.8), once the helpers stopped
// yielding every microsecond (spin.go, yieldEvery); before that, two
// workers gave 14.5 (the caller did all the work, the helper moved
// between threads). A second worker for 512x512 uint8 invert (768 KiB,
// InlineBytes at 512 KiB) gained nothing (5.4 -> 5.6-6.0 us median).
const workerBytes = 512 << 10

// workFor is the number of workers for work of bytes bytes. (Measured
// at load 15 on 2026-11-30, two workers from 1 MiB gave the 1024x1024
// rows the same minimum as one and a higher median: the other core was
// busy. On an idle machine they gain 1.5-1.8x, above.)
func workFor(bytes int) int {
	if bytes >= InlineBytes {
		return min(Workers(), max(1, bytes/workerBytes))
	}
	return 1
}

// OnCaller says whether ForWork and BandsWork run work of bytes bytes on
// the calling goroutine alone: under InlineBytes, or any work when
// GOMAXPROCS is 1. A caller with a cheaper way to run such work itself
// (the C API's flat path) can take it.
func OnCaller(bytes int) bool { return workFor(bytes) == 1 }

// ForWork is For for work of about bytes bytes read and written in all
// (a pointwise op: the images' bytes): under InlineBytes it runs on the
// caller, else on as many workers as have workerBytes each, up to GOMAXPROCS.
func ForWork(n, grain, bytes int, fn func(lo, hi int)) {
	forWorkers(n, grain, workFor(bytes), fn)
}

// BandsWork is Bands sized by work: rowBytes is the bytes read and
// written per row (over every image of the op), as for ForWork.
func BandsWork(planes, height, rowBytes int, fn func(plane, y0, y1 int)) {
	if planes <= 0 || height <= 0 {
		return
	}
	w := workFor(planes * height * rowBytes)
	if w == 1 {
		// Work on the caller, whole planes, as ForWork would run it:
		// without the closures below, which escape to the heap (an
		// allocation per call of a small op).
		for p := range planes {
			fn(p, 0, height)
		}
		return
	}
	bandsWith(planes, height, Grain(rowBytes), func(n, grain int, f func(lo, hi int)) {
		forWorkers(n, grain, w, f)
	}, fn)
}

func forWorkers(n, grain, w int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	grain = max(grain, 1)
	w = min(w, n/grain) // every part at least a grain
	if w <= 1 {
		fn(0, n) // on the caller: a panic is already where it belongs
		return
	}
	t := newTask(n, grain, w, fn)
	t.cpu = cpuNow() // the helpers leave it (nudge.go)
	// The caller is worker 0; the helpers join as 1, 2, ... It waits for
	// the items, not for the helpers: a helper that starts after every
	// chunk was taken (its thread was slow to wake, on a busy machine)
	// finds nothing to do, and the caller, which did its work meanwhile,
	// has already returned.
	for range w - 1 {
		if !offer(t) {
			go help(t)
		}
	}
	t.work(0)
	t.wait()
	withdraw(t)
	if t.failed != nil {
		panic(t.failed)
	}
}

// newTask splits [0, n) into w parts for fn, w >= 1, grain >= 1.
func newTask(n, grain, w int, fn func(lo, hi int)) *task {
	t := &task{fn: fn, n: n, w: w, parts: make([]part, w), done: make(chan struct{})}
	for i := range t.parts {
		p := &t.parts[i]
		lo, hi := i*n/w, (i+1)*n/w
		p.next.Store(int64(lo))
		p.end = int64(hi)
		// The least chunk: the caller's grain, and not under a sixteenth of
		// the part, so that a part makes a handful of chunks, not hundreds
		// (a band of a filter recomputes its halo).
		p.least = int64(max(grain, (hi-lo+15)/16))
	}
	return t
}

// task is one For call's work, shared by its workers.
//
// Each worker owns a part of [0, n), the i-th of w equal ones, and takes
// its chunks from its front; a worker whose part is done takes chunks
// from the others' fronts. A call that follows another on the same
// images (a loop over the same volume, a benchmark) thus gives each
// worker the rows it had before, still in its core's cache: with chunks
// handed out in the order workers came, as before, which core ran which
// rows changed from call to call, and 1024x1024 uint8 threshold from
// Python, 2 threads, ran 16 us at best and 19-21 at the median (OpenCV's
// pool, whose threads keep their stripes, 16.8). A worker that comes late
// (its thread slow to wake) loses its part's front chunks to the others,
// as it lost the chunks before.
type task struct {
	fn       func(lo, hi int)
	n, w     int
	cpu      uint32 // the caller's CPU when it made the task; noCPU: not known
	parts    []part
	joined   atomic.Int32 // helpers that took the task
	finished atomic.Int64 // items run (or skipped after a panic)
	stop     atomic.Bool  // a chunk panicked: skip the rest
	once     sync.Once
	failed   *Panic
	done     chan struct{} // closed when finished reaches n
}

// part is a worker's share: the items [next, end) not yet taken. The
// padding keeps each on a cache line of its own: the owner takes its
// chunks without a transfer of the line from the other core.
type part struct {
	next  atomic.Int64
	end   int64
	least int64
	_     [40]byte
}

// take claims the next chunk of p: guided self-scheduling, half of what
// is left of the part and not under least, so that the first chunks are
// large and the last ones small: a worker that starts late, or a thread
// that the OS runs late, holds the others up by one small chunk at most.
// A chunk's end depends on its start only, so the chunks are the same
// whichever worker takes them (a reduction that keeps a partial result
// per chunk sums the same partials every time).
func (p *part) take() (lo, hi int64, ok bool) {
	for {
		l := p.next.Load()
		if l >= p.end {
			return 0, 0, false
		}
		hi = min(p.end, l+max(p.least, (p.end-l)/2))
		if p.next.CompareAndSwap(l, hi) {
			return l, hi, true
		}
	}
}

// work runs the chunks of worker id's part, then those left in the
// others'. Every item is taken once and counted once as finished, run
// or (after a panic) skipped; a worker adds its count once, when it
// finds nothing left, so finished reaches n exactly once, after every
// fn call has returned.
func (t *task) work(id int) {
	var did int64
	for k := range t.w {
		p := &t.parts[(id+k)%t.w]
		for {
			lo, hi, ok := p.take()
			if !ok {
				break
			}
			if !t.stop.Load() {
				t.run(int(lo), int(hi))
			}
			did += hi - lo
		}
	}
	if did > 0 && t.finished.Add(did) == int64(t.n) {
		close(t.done)
	}
}

// wait returns when every chunk has finished. What is left when the
// caller runs out of chunks is a helper's last chunk, small (see take):
// the caller watches for it before it sleeps on the channel, because a
// goroutine that sleeps costs two thread wake-ups to resume, and the
// caller is often a C thread (the Python binding) whose goroutine can
// only run on its own thread: tens to hundreds of microseconds on a
// loaded machine, more than the chunk.
func (t *task) wait() {
	if spinUntil(func() bool { return t.finished.Load() == int64(t.n) }, waitSpin, false) {
		return
	}
	<-t.done
}

// run calls fn on [lo, hi); a panic is kept (the first one) and stops the
// other chunks from being run.
func (t *task) run(lo, hi int) {
	defer func() {
		if r := recover(); r != nil {
			p, ok := r.(*Panic) // a nested For's: keep the innermost stack
			if !ok {
				p = &Panic{Value: r, Stack: debug.Stack()}
			}
			t.once.Do(func() { t.failed = p })
			t.stop.Store(true)
		}
	}()
	t.fn(lo, hi)
}

// Bands splits the rows of planes planes of height rows each into bands and
// calls fn(plane, y0, y1) for each, in parallel: small 3D planes and large
// 2D images both keep every worker busy. minRows is the smallest band worth
// a call. A panic in fn comes back as For's does.
func Bands(planes, height, minRows int, fn func(plane, y0, y1 int)) {
	bandsWith(planes, height, minRows, For, fn)
}

func bandsWith(planes, height, minRows int, for_ func(n, grain int, f func(lo, hi int)), fn func(plane, y0, y1 int)) {
	for_(planes*height, minRows, func(lo, hi int) {
		for lo < hi {
			p, y := lo/height, lo%height
			end := min(hi-p*height, height)
			fn(p, y, end)
			lo = p*height + end
		}
	})
}

// Grain is a band height that gives each call about 64 KiB of work for rows
// of rowBytes bytes.
func Grain(rowBytes int) int { return max(1, (64<<10)/max(rowBytes, 1)) }

// Try is For for the packages whose ops return errors: a panic in a call of
// fn comes back as an error ("internal error: " and the *Panic, the worker's
// stack included) instead of being raised again on the caller.
func Try(n, grain int, fn func(lo, hi int)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			p, ok := r.(*Panic)
			if !ok {
				p = &Panic{Value: r, Stack: debug.Stack()}
			}
			err = fmt.Errorf("internal error: %w", p)
		}
	}()
	For(n, grain, fn)
	return nil
}
