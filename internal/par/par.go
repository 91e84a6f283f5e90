// Package par is the one place where gips starts goroutines. Kernels are
// single-threaded over the range they are given; par splits an image's work
// over planes or row bands across GOMAXPROCS workers. The caller is one
// of the workers; the others are helper goroutines, which after a call
// spin for a short while for the next one (spin.go), and the work is
// handed out in chunks that shrink towards the end, so that a helper
// that comes late costs the caller little.
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
// is past InlineBytes (so a second worker from 2 MiB).
const workerBytes = 1 << 20

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
	if w == 1 || n <= grain {
		fn(0, n) // on the caller: a panic is already where it belongs
		return
	}
	t := &task{fn: fn, n: n, w: w, done: make(chan struct{})}
	// The least chunk: the caller's grain, and not under a sixteenth of a
	// worker's share, so that a call makes a dozen chunks or so, not
	// hundreds (each is an atomic operation on a line the cores share,
	// and a band of a filter recomputes its halo).
	t.least = max(grain, (n+16*w-1)/(16*w))
	// The caller is one of the workers: one helper fewer to find. The
	// caller waits for the chunks, not for the helpers: a helper that
	// starts after every chunk was taken (its thread was slow to wake, on
	// a busy machine) finds nothing to do, and the caller, which did the
	// work meanwhile, has already returned.
	for range min(w, (n+t.least-1)/t.least) - 1 { // no more helpers than chunks
		if !offer(t) {
			go help(t)
		}
	}
	t.work()
	t.wait()
	withdraw(t)
	if t.failed != nil {
		panic(t.failed)
	}
}

// task is one For call's work, shared by its workers.
type task struct {
	fn       func(lo, hi int)
	n, w     int
	least    int          // the smallest chunk
	next     atomic.Int64 // the first item not yet taken
	finished atomic.Int64 // items run (or skipped after a panic)
	stop     atomic.Bool  // a chunk panicked: skip the rest
	once     sync.Once
	failed   *Panic
	done     chan struct{} // closed when finished reaches n
}

// take claims the next chunk: guided self-scheduling, a share of what is
// left (half of it over the workers), so that the first chunks are large
// and the last ones small: a helper that starts late, or a thread that
// the OS runs late, holds the caller up by one small chunk at most. A
// chunk's end depends on its start only, so the chunks are the same
// whichever worker takes them (a reduction that keeps a partial result
// per chunk sums the same partials every time).
func (t *task) take() (lo, hi int, ok bool) {
	for {
		l := t.next.Load()
		if l >= int64(t.n) {
			return 0, 0, false
		}
		lo = int(l)
		hi = min(t.n, lo+max(t.least, (t.n-lo)/(2*t.w)))
		if t.next.CompareAndSwap(l, int64(hi)) {
			return lo, hi, true
		}
	}
}

// work takes chunks until none is left. Every item is taken once and
// counted once as finished, run or (after a panic) skipped, so finished
// reaches n exactly once, after every fn call has returned.
func (t *task) work() {
	for {
		lo, hi, ok := t.take()
		if !ok {
			return
		}
		if !t.stop.Load() {
			t.run(lo, hi)
		}
		if t.finished.Add(int64(hi-lo)) == int64(t.n) {
			close(t.done)
		}
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
