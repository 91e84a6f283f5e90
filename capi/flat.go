package main

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/stream"
	"github.com/gipsdev/gips/ops"
)

// The flat path of the fast op call (issue 15): a pointwise op whose
// family registered a flat kernel (internal/flat), called on arrays of one
// 2D or 3D shape, aligned, native-order, with a writable output disjoint
// from every input, is its kernel over the arrays' bytes (the output may
// be an input, pixel for pixel, for an InPlace op): no Image structs, no
// checks of general layouts, no type dispatch. Work that par runs on the
// calling thread (par.OnCaller: under par.InlineBytes, or any size at one
// thread) runs there; larger work on C-contiguous arrays is split over
// par's workers as the general path would split it (splitCall), and
// anything else larger takes the general path. Measured from Python on 8x8
// arrays, that general part was about a microsecond and a half of a call
// (capi/overhead_bench_test.go). At one thread and 1024x1024 uint8 it was
// more: timers in a test build put 1.4 us of the general call outside the
// kernel's pass, in code that a profile samples little (misses, it seems,
// on structures that the 2 MiB pass pushed out of the cache). The flat
// path made those calls 6-11% faster: against numpy's loop on the same
// page-aligned arrays, four processes each (their pages move both by up to
// 10% from one process to the next), invert into out= went from 1.16-1.18x
// numpy's time to 1.03-1.06x, threshold.light from 0.97-1.03x
// np.greater_equal's to 0.92-0.95x (2026-12-03). At two threads, 1024x1024
// uint8 against OpenCV's calls in the same processes (four each), add into
// a new output went from 0.51-0.56x cv2.add's time to 0.47-0.49x and
// invert from 0.434-0.445x to 0.421-0.435x; threshold.light did not move
// beyond the noise, nor did 4096x4096 (0-2%). Arrays that are all
// C-contiguous take the kernel over whole buffers; arrays whose rows are
// contiguous but spaced otherwise (a crop, a reversed view a[::-1]) take
// it over runs of rows (stridedCall). Anything else (and a kernel that
// declines) takes the general path, which gives the same result
// (flat_test.go) and reports any error.

// flatOff turns the flat path off (the tests compare the two paths).
var flatOff bool

// maxFlat is the most arrays of a flat call: three inputs and the output.
const maxFlat = flat.MaxInputs + 1

// flatArray is what the flat path needs of one array record: its rows
// (each dims' last axis, contiguous), rows apart by pitch bytes.
type flatArray struct {
	data       uint64
	t          gips.BufferType
	nd         int
	dims       [3]int
	writable   bool
	rows       int // the product of dims but the last
	width      int // bytes per row
	pitch      int // bytes from a row to the next; width when C-contiguous
	contiguous bool
}

// span is the address range of the array's bytes.
func (a *flatArray) span() (lo, hi uint64) {
	lo, hi = a.data, a.data+uint64(a.width)
	if d := (a.rows - 1) * a.pitch; d < 0 {
		lo -= uint64(-d)
	} else {
		hi += uint64(d)
	}
	return lo, hi
}

// samePixels says that a and b are the same pixels in memory (an op
// run in place, add(a, b, out=a): the percall row), which an InPlace op's
// row kernels allow (internal/pointwise) and the general path accepts
// too (ops.overlaps): same address, rows, width and pitch.
func (a *flatArray) samePixels(b *flatArray) bool {
	return a.data == b.data && a.rows == b.rows && a.width == b.width && a.pitch == b.pitch
}

// rows is the bytes of rows [i, j) of an array whose rows are contiguous
// there (j = i+1, or the array is).
func (a *flatArray) rowBytes(i, j int) []byte {
	return unsafe.Slice((*byte)(unsafe.Add(pointer(a.data), i*a.pitch)), (j-i)*a.width)
}

// flatCall runs the call on its flat kernel when it can; ok false leaves
// the call to the general path, with nothing written.
func (c *opCallState) flatCall(op *ops.Op, p ops.Values) (ok bool) {
	yieldWhenDense() // every gips_op_call comes here first
	if flatOff || !c.hasOut || c.n < 1 || c.n+1 > maxFlat {
		return false
	}
	e := flatOf(op)
	if e.k == nil {
		return false
	}
	var arrs [maxFlat]flatArray
	words := c.words
	total, contiguous := 0, true
	for i := range c.n + 1 {
		var ok bool
		if words, ok = flatRecord(words, &arrs[i]); !ok {
			return false
		}
		if arrs[i].nd != arrs[0].nd || arrs[i].dims != arrs[0].dims {
			return false
		}
		total += arrs[i].rows * arrs[i].width
		contiguous = contiguous && arrs[i].contiguous
	}
	out := &arrs[c.n]
	if !out.writable || out.rows > 1 && abs(out.pitch) < out.width {
		return false
	}
	onCaller := par.OnCaller(total)
	if !onCaller && (!contiguous || e.whole) {
		return false // par's workers, on the general path's bands
	}
	// The arrays by pointer, not by range's copies: the copies' 16-byte
	// stores, read back 8 bytes at a time, stalled store forwarding (a
	// third of flatCall's own time on an 8x8 add).
	olo, ohi := out.span()
	var ts flat.Types
	for i := range c.n {
		a := &arrs[i]
		if lo, hi := a.span(); lo < ohi && olo < hi && !(op.InPlace && a.samePixels(out)) {
			return false // overlapping other than in place: the general path refuses it
		}
		ts[i] = a.t
	}
	if contiguous {
		var srcs flat.Buffers
		for i := range arrs[:c.n] {
			srcs[i] = arrs[i].rowBytes(0, arrs[i].rows)
		}
		// A streamed output takes splitCall at one thread too (par runs
		// its one chunk on the caller): the line reads it saves are as
		// much of one core's traffic.
		if onCaller && !(e.streams && stream.On(out.rows*out.width)) {
			ok = e.k(out.t, c.n, ts, out.rowBytes(0, out.rows), srcs, p)
		} else {
			// A copy of the records: splitCall's closures go to par's
			// workers, and arrs itself passed there would move to the
			// heap on every call, the 8x8 ones too (+85 ns on the
			// percall row); this allocation is only a large call's.
			ok = splitCall(e.k, e.streams, append([]flatArray(nil), arrs[:c.n+1]...), ts, srcs, total, p)
		}
	} else if e.whole || e.streams && stream.On(out.rows*out.width) {
		// A large output of rows apart streams on the general path
		// (pointwise.Streamed1/2), at one thread too; stridedCall's
		// stage would not.
		return false
	} else {
		ok = stridedCall(e.k, arrs[:c.n+1], ts, p)
	}
	probeUpper(op.Name)
	return ok
}

// lastFlat is the op and flat kernels that flatOf found last: a loop of
// one call finds them without flat.Lookup's string hash and map probe
// (as parseRequest's lastParsed). Its entries are flatEntries', made once
// (a miss stores one of them: no allocation per call).
var lastFlat atomic.Pointer[flatEntry]

// flatEntry is an op's flat kernel (whole: on whole buffers only),
// reducer and histogrammer (nil: none).
type flatEntry struct {
	op      *ops.Op
	k       flat.Kernel
	whole   bool
	streams bool // flat.Streamed
	r       flat.Reducer
	h       *flat.Histogrammer
}

// flatEntries is every registered op's entry, keyed by the op (ops are
// registered at init and never replaced, so an op's pointer names it).
var flatEntries = sync.OnceValue(func() map[*ops.Op]*flatEntry {
	m := map[*ops.Op]*flatEntry{}
	for _, op := range ops.List() {
		m[op] = newFlatEntry(op)
	}
	return m
})

func newFlatEntry(op *ops.Op) *flatEntry {
	n := op.Name
	return &flatEntry{op, flat.Lookup(n), flat.Whole(n), flat.Streamed(n), flat.LookupReducer(n), flat.LookupHistogrammer(n)}
}

// flatOf is op's entry.
func flatOf(op *ops.Op) *flatEntry {
	if e := lastFlat.Load(); e != nil && e.op == op {
		return e
	}
	e := flatEntries()[op]
	if e == nil { // an op registered after the first call: not cached
		return newFlatEntry(op)
	}
	lastFlat.Store(e)
	return e
}

// splitPixels is the block of pixels that splitCall's chunks are made of:
// a whole number of cache lines of every array (each array's blocks start
// on the same offset within a line as its first pixel).
const splitPixels = 1024

// splitCall runs k over contiguous arrays (the last of arrs is the
// output, srcs the inputs' whole bytes) on par's workers, as the general
// path would run the call (par.ForWork sized by total), each chunk a run
// of whole blocks of splitPixels pixels: the kernel on a part of the
// buffers gives those pixels as on the whole, as stridedCall's runs of
// rows do. The first block runs first, on the caller: a kernel declines
// by the types and parameters, before it writes anything, so that block
// tells for all (an in-place call must not be half written and then
// redone); one that declined a later block would break that contract,
// and panics (the call's recover makes it an error). An output of
// stream.Min bytes or more of an op whose family marked it (streams:
// flat.Stream) is written through each worker's cached block and streamed
// out (3D uint16, 128 MiB, two threads: add 11.6 -> 10.3 ms, invert 8.5
// -> 7.2, to float32 15.5 -> 10.6; 2026-12-03).
func splitCall(k flat.Kernel, streams bool, arrs []flatArray, ts flat.Types, srcs flat.Buffers, total int, p ops.Values) bool {
	n := len(arrs) - 1
	out := &arrs[n]
	d := out.rowBytes(0, out.rows)
	size := out.t.ItemSize()
	pixels := len(d) / size
	// pass is k over pixels [p0, p1) into o.
	pass := func(o []byte, p0, p1 int) bool {
		var s flat.Buffers
		for i := range n {
			size := ts[i].ItemSize()
			s[i] = srcs[i][p0*size : p1*size]
		}
		return k(out.t, n, ts, o, s, p)
	}
	streamed := streams && stream.On(len(d))
	run := func(lo, hi int) bool {
		p0, p1 := lo*splitPixels, min(hi*splitPixels, pixels)
		if !streamed {
			return pass(d[p0*size:p1*size], p0, p1)
		}
		// An output too large for the cache goes through a cached
		// block, streamed out (internal/stream): the kernel's plain
		// stores would first read each line of it from memory. A
		// kernel's output is only written, never read, so this is the
		// same bytes, in place too (each block reads its pixels before
		// they are written).
		return stream.Blocks(d[p0*size:p1*size], size, func(off int, b []byte) bool {
			q0 := p0 + off/size
			return pass(b, q0, q0+len(b)/size)
		})
	}
	if !run(0, 1) {
		return false
	}
	par.ForWork((pixels+splitPixels-1)/splitPixels-1, 1, total, func(lo, hi int) {
		if !run(lo+1, hi+1) {
			panic("flat kernel declined a block after taking the first")
		}
	})
	return true
}

// stageBytes bounds the staging buffer of each array of a strided call.
const stageBytes = 16 << 10

// stage is the staging buffers of a strided call: one per array.
type stage [maxFlat][stageBytes]byte

var stages = sync.Pool{New: func() any { return new(stage) }}

// stridedCall runs k over arrays whose rows are not all contiguous (the
// last of arrs is the output). A kernel call has a fixed cost of a few
// tens of nanoseconds, the time of a 256-byte row's work: rows narrower
// than stageBytes go through buffers of that size, a run of rows per
// kernel call, copied in (and out for the output) where an array's rows
// are apart; wider rows take one call each. A kernel declines by the
// types and parameters, never the pixels: the first call tells, before
// anything is written.
func stridedCall(k flat.Kernel, arrs []flatArray, ts flat.Types, p ops.Values) bool {
	n := len(arrs) - 1
	out := &arrs[n]
	rows, width := out.rows, 0
	for i := range arrs {
		width = max(width, arrs[i].width)
	}
	var srcs flat.Buffers
	if width >= stageBytes {
		for r := range rows {
			for i := range n {
				srcs[i] = arrs[i].rowBytes(r, r+1)
			}
			if !k(out.t, n, ts, out.rowBytes(r, r+1), srcs, p) {
				return false
			}
		}
		return true
	}
	st := stages.Get().(*stage)
	defer stages.Put(st)
	step := stageBytes / width
	for r := 0; r < rows; r += step {
		m := min(step, rows-r)
		for i := range n {
			srcs[i] = stageIn(&arrs[i], r, m, st[i][:])
		}
		// A strided output is written through the stage: rowBytes over
		// rows [r, r+m) holds only where the rows are contiguous (else
		// the slice would run past the array's memory: checkptr says so).
		d := st[n][:m*out.width]
		if out.contiguous {
			d = out.rowBytes(r, r+m)
		}
		if !k(out.t, n, ts, d, srcs, p) {
			return false
		}
		if !out.contiguous {
			for j := range m {
				copy(out.rowBytes(r+j, r+j+1), d[j*out.width:])
			}
		}
	}
	return true
}

// stageIn is rows [r, r+m) of a, in place when a is contiguous, else
// copied into buf.
func stageIn(a *flatArray, r, m int, buf []byte) []byte {
	if a.contiguous {
		return a.rowBytes(r, r+m)
	}
	for j := range m {
		copy(buf[j*a.width:], a.rowBytes(r+j, r+j+1))
	}
	return buf[:m*a.width]
}

// flatNumber runs a number op on one array on its flat reducer when it
// can (the array contiguous and small: see flatCall), and keeps its
// result as the call's tagged number; ok false leaves the call to the
// general path.
func (c *opCallState) flatNumber(op *ops.Op, p ops.Values) (ok bool) {
	if flatOff || c.hasOut || !c.numbers || c.n != 1 {
		return false
	}
	r := flatOf(op).r
	if r == nil {
		return false
	}
	var a flatArray
	if _, ok := flatRecord(c.words, &a); !ok || !a.contiguous || a.rows*a.width >= par.InlineBytes {
		return false
	}
	planes := 1
	if a.nd == 3 {
		planes = a.dims[0]
	}
	v, ok := r(a.t, a.rowBytes(0, a.rows), planes, p)
	probeUpper(op.Name)
	if ok {
		c.tag, c.value = tagNumber, math.Float64bits(v)
	}
	return ok
}

// flatHistogram runs a histogram op on one contiguous array on its flat
// histogrammer when it takes the array (it bounds the size), its counts
// and edges in two blocks from the caller's allocator as allocResult
// writes them, and keeps its result as the call's tagged histogram; ok
// false leaves the call to the general path. A failed allocation is the
// call's error.
func (c *opCallState) flatHistogram(op *ops.Op, p ops.Values) (ok bool, err error) {
	if flatOff || c.hasOut || !c.numbers || c.n != 1 || c.alloc == nil {
		return false, nil
	}
	h := flatOf(op).h
	if h == nil {
		return false, nil
	}
	var a flatArray
	if _, ok := flatRecord(c.words, &a); !ok || !a.contiguous {
		return false, nil
	}
	s := a.rowBytes(0, a.rows)
	n, ok := h.Bins(a.t, s, p)
	if !ok {
		return false, nil
	}
	counts, err := allocBlock[int64](op, n, c.alloc)
	if err != nil {
		return true, err
	}
	edges, err := allocBlock[float64](op, n+1, c.alloc)
	if err != nil {
		return true, err
	}
	h.Fill(a.t, s, p, counts, edges)
	probeUpper(op.Name)
	c.tag, c.value = tagHistogram, uint64(n)
	return true, nil
}

// A C thread that calls into Go keeps its M and P between calls, and
// the P's scheduling tick only moves when a goroutine is scheduled, which
// a callback's never is. From Go's view that goroutine has run for as long
// as the thread has been making calls: after 10 ms sysmon asks it to yield
// (a signal), takes its P (the next call takes the slow way back in) and
// polls every 20 us again for a while; the preempted callback then yields
// through a hand-off to another thread and back. A Python loop of small
// calls paid that all the time (issue 15, 256² invert with a timer call
// before each call, as the bench makes: 7-12 thousand context switches a
// 200 000 calls, numpy's loop 600-900). yieldWhenDense yields on its own
// while calls come back to back, yieldEvery apart, which keeps the tick
// fresh: one hand-off per yieldEvery instead (2-3 thousand switches; wall
// time per call, min 14.8 -> 7.0 us, median 22.6 -> 12.5 on the loaded
// bench machine). Sporadic calls (denseGap apart or more) never yield
// here. One clock for all threads: with several calling, one of them
// yields per yieldEvery, and the others are as before.
//
// The clock is read every sampleEvery-th call only: a read is about 40
// ns on this machine's kvm-clock, a tenth of an 8x8 add from Python (the
// percall row). Samples sampleEvery*denseGap apart or more are sporadic,
// so calls each denseGap apart or more still never yield.
const (
	denseGap    = time.Millisecond
	yieldEvery  = 4 * time.Millisecond
	sampleEvery = 8
)

var (
	schedStart          = time.Now()
	lastCall, lastYield atomic.Int64 // nanoseconds since schedStart
	calls               atomic.Uint32
)

// yieldWhenDense is called at the start of every gips_op_call (flatCall).
func yieldWhenDense() {
	// A load and a store, not an atomic add: a LOCK XADD per call was 2%
	// of an 8x8 add from Python, and a count lost to two threads calling
	// at once only moves a sample.
	n := calls.Load() + 1
	calls.Store(n)
	if n%sampleEvery == 0 && denseYield(int64(time.Since(schedStart))) {
		runtime.Gosched()
	}
}

// denseYield records a sampled call at now and says whether it yields.
func denseYield(now int64) bool {
	if now-lastCall.Swap(now) < sampleEvery*int64(denseGap) && now-lastYield.Load() > int64(yieldEvery) {
		lastYield.Store(now)
		return true
	}
	return false
}

func abs(x int) int { return max(x, -x) }

// flatRecord reads one record (recNumpy or recArray) into a, and returns
// the words after it; ok false when it is of another kind or its array
// does not qualify (see above).
func flatRecord(words []int64, a *flatArray) (rest []int64, ok bool) {
	if len(words) < 3 {
		return nil, false
	}
	var dims, strides []int64
	var typ int64
	switch words[0] {
	case recNumpy:
		addr := uint64(words[1])
		if addr == 0 {
			return nil, false
		}
		at := func(off uint64) unsafe.Pointer { return pointer(addr + off) }
		nd := int(*(*int32)(at(npyNDim)))
		if nd != 2 && nd != 3 {
			return nil, false
		}
		a.data = uint64(*(*uintptr)(at(npyData)))
		a.writable = *(*int32)(at(npyFlags))&npyWriteable != 0
		dims = unsafe.Slice((*int64)(*(*unsafe.Pointer)(at(npyDims))), nd)
		strides = unsafe.Slice((*int64)(*(*unsafe.Pointer)(at(npyStrides))), nd)
		typ, rest = words[2], words[3:]
	case recArray:
		if len(words) < 5 || (words[4] != 2 && words[4] != 3) || len(words) < 5+2*int(words[4]) {
			return nil, false
		}
		nd := int(words[4])
		a.data, a.writable = uint64(words[2]), words[1]&4 == 0
		dims, strides = words[5:5+nd], words[5+nd:5+2*nd]
		typ, rest = words[3], words[5+2*nd:]
	default:
		return nil, false
	}
	t, size, ok := flatType(typ)
	if !ok || a.data == 0 || a.data%uint64(size) != 0 {
		return nil, false
	}
	a.t, a.nd = t, len(dims)
	if !flatRows(dims, strides, size, a) {
		return nil, false
	}
	return rest, true
}

// flatRows sets a's dims and rows from a record's dims and strides: the
// last axis contiguous (or of one pixel), the others one run of rows
// pitch bytes apart (axes of one pixel do not count), each row aligned.
func flatRows(dims, strides []int64, size int, a *flatArray) bool {
	last := len(dims) - 1
	n := int64(1)
	for j, d := range dims {
		if d <= 0 || d > 1<<31 {
			return false
		}
		if n *= d; n > 1<<40 {
			return false
		}
		a.dims[j] = int(d)
	}
	if dims[last] > 1 && strides[last] != int64(size) {
		return false
	}
	width := dims[last] * int64(size)
	rows, pitch := int64(1), width
	for j := last - 1; j >= 0; j-- {
		switch {
		case dims[j] == 1:
		case rows == 1:
			rows, pitch = dims[j], strides[j]
		case strides[j] == pitch*rows:
			rows *= dims[j]
		default:
			return false
		}
	}
	if pitch > 1<<40 || pitch < -1<<40 || pitch%int64(size) != 0 {
		return false
	}
	a.rows, a.width, a.pitch = int(rows), int(width), int(pitch)
	a.contiguous = rows == 1 || pitch == width
	return true
}

// flatType is the buffer type and item size of a record's typestr word
// (gips.DType's rule, TestFlatType), for native-order (or order-free)
// dtypes only: here rather than through typeStr's sync.Map, a tenth of a
// flat call.
func flatType(w int64) (gips.BufferType, int, bool) {
	order, kind, size := byte(w), byte(w>>8), int(byte(w>>16))-'0'
	if w>>24 != 0 || order != '|' && order != nativeOrder {
		return 0, 0, false
	}
	var t gips.BufferType
	switch {
	case kind == 'b' && size == 1:
		t = gips.Binary
	case kind == 'u' && size == 1:
		t = gips.UInt8
	case kind == 'i' && size == 1:
		t = gips.Int8
	case kind == 'u' && size == 2:
		t = gips.UInt16
	case kind == 'i' && size == 2:
		t = gips.Int16
	case kind == 'u' && size == 4:
		t = gips.UInt32
	case kind == 'i' && size == 4:
		t = gips.Int32
	case kind == 'f' && size == 4:
		t = gips.Real32
	case kind == 'f' && size == 8:
		t = gips.Real64
	default:
		return 0, 0, false
	}
	return t, size, true
}

// nativeOrder is the byte-order character of this machine's dtypes.
var nativeOrder = func() byte {
	x := uint16(1)
	if *(*byte)(unsafe.Pointer(&x)) == 1 {
		return '<'
	}
	return '>'
}()
