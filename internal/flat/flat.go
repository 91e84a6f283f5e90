// Package flat holds pointwise kernels over whole contiguous buffers, for
// the C boundary's fast path (capi, issue 15). A small op call from Python
// spent more time wrapping its numpy arrays as images, checking them and
// dispatching on their type (about a microsecond and a half on 8x8
// arrays) than OpenCV's whole call of a 256x256 add (about one): when
// every array of a pointwise op is C-contiguous, aligned and of one shape,
// the op's result is its row kernel over the arrays' bytes, whatever image
// the arrays stand for: on the calling thread, or over par's workers in
// blocks of pixels when the work is large enough for them.
//
// An op's family registers a Kernel under the op's registry name, built
// from the same row functions its Into function runs (so both paths give
// the same bytes; capi's tests compare them). A Kernel that does not
// handle the call's types or parameters says so, and the caller takes the
// general path, which reports any error. Ops of one contiguous input
// that are not pointwise register the same way: a whole-buffer Kernel
// (RegisterWhole: Otsu's threshold applied), a Reducer for a number (min,
// max, sum, mean), a Histogrammer for a histogram. None of them changes
// the parameters it is given: they are the caller's cached ones.
package flat

import (
	"sync"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/ops"
)

// Kernel runs an op over whole buffers: d the output's bytes (of type
// out), s[:n] the inputs' (of types in[:n]), each the same number of
// pixels, contiguous, aligned to their item size, the output disjoint
// from every input. It returns false, having written nothing, when it
// does not handle these types or parameters. On part of the buffers (the
// same pixels of each) it gives those pixels as on the whole: the caller
// may split a call into blocks, and asks the first block first. A kernel
// registered with RegisterWhole is never split. (Arrays, not slices: a
// slice passed to a function value escapes, an allocation per call.)
type Kernel func(out gips.BufferType, n int, in Types, d []byte, s Buffers, p ops.Values) bool

// MaxInputs is the most inputs of a flat call.
const MaxInputs = 3

// Types and Buffers are a call's input types and bytes.
type (
	Types   [MaxInputs]gips.BufferType
	Buffers [MaxInputs][]byte
)

var (
	kernels  = map[string]Kernel{}
	whole    = map[string]bool{}
	streamed = map[string]bool{}
)

// Register sets the kernel of op; families call it from init, before any
// Lookup.
func Register(op string, k Kernel) { kernels[op] = k }

// RegisterWhole sets the kernel of an op whose output pixels depend on
// every input pixel (Otsu's threshold counts them all), which the caller
// runs on whole buffers only, never on runs of rows.
func RegisterWhole(op string, k Kernel) {
	kernels[op] = k
	whole[op] = true
}

// Lookup is op's kernel, or nil.
func Lookup(op string) Kernel { return kernels[op] }

// Whole says whether op's kernel takes whole buffers only (RegisterWhole).
func Whole(op string) bool { return whole[op] }

// Stream marks ops whose kernels the caller may run into a scratch block
// and stream out (internal/stream) when the output is large: kernels that
// run at memory speed, for which the output's line reads that streaming
// saves are a third of the traffic, and whose cost per call is a few
// tens of nanoseconds. Not a kernel that chooses its method by the
// length of its call (a block is short), and not one measured slower into
// a cached block: arith.divide's 16-bit loop took 55 ms into a block and
// 35 ms into the output, at one thread, for 128 MiB (2026-12-03).
func Stream(ops ...string) {
	for _, op := range ops {
		streamed[op] = true
	}
}

// Streamed says whether op was marked by Stream.
func Streamed(op string) bool { return streamed[op] }

// As is b as a slice of T (b's length a multiple of T's size, b aligned).
func As[T gips.Pixel](b []byte) []T {
	var z T
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/int(unsafe.Sizeof(z)))
}

// Rows1 and Rows2 are the row kernels of a one- or two-input op whose
// inputs and output have one type, by that type.
type (
	Rows1 map[gips.BufferType]func(d, a []byte)
	Rows2 map[gips.BufferType]func(d, a, b []byte)
)

// Row1 adds the row kernel of type T, made for that type by mk on its
// first call (a kernel may build tables: not at every program's start).
func Row1[T gips.Pixel](r Rows1, mk func(t gips.BufferType) func(d, a []T)) {
	t := gips.TypeOf[T]()
	f := sync.OnceValue(func() func(d, a []T) { return mk(t) })
	r[t] = func(d, a []byte) { f()(As[T](d), As[T](a)) }
}

// Row2 adds the row kernel of type T, made by mk on its first call.
func Row2[T gips.Pixel](r Rows2, mk func(t gips.BufferType) func(d, a, b []T)) {
	t := gips.TypeOf[T]()
	f := sync.OnceValue(func() func(d, a, b []T) { return mk(t) })
	r[t] = func(d, a, b []byte) { f()(As[T](d), As[T](a), As[T](b)) }
}

// ByType is a table indexed by buffer type: a lookup is a load (a map's
// hashed its key, a tenth of the Go side of a flat 8x8 call).
type ByType[F any] [256]F

// Same1 is the Kernel of a one-input op whose output has its input's type,
// over the row kernels r holds when Same1 is called.
func Same1(r Rows1) Kernel {
	var rows ByType[func(d, a []byte)]
	for t, f := range r {
		rows[t] = f
	}
	return func(out gips.BufferType, n int, in Types, d []byte, s Buffers, _ ops.Values) bool {
		f := rows[in[0]]
		if f == nil || n != 1 || !SameType(out, in[0]) {
			return false
		}
		if h := pointwise.HeadBytes(d, out.ItemSize()); h > 0 { // see pointwise.Head
			f(d[:h], s[0][:h])
			d, s[0] = d[h:], s[0][h:]
		}
		f(d, s[0])
		return true
	}
}

// Same2 is the Kernel of a two-input op whose inputs and output have one
// type, over the row kernels r holds when Same2 is called.
func Same2(r Rows2) Kernel {
	var rows ByType[func(d, a, b []byte)]
	for t, f := range r {
		rows[t] = f
	}
	return func(out gips.BufferType, n int, in Types, d []byte, s Buffers, _ ops.Values) bool {
		f := rows[in[0]]
		if f == nil || n != 2 || in[1] != in[0] || !SameType(out, in[0]) {
			return false
		}
		if h := pointwise.HeadBytes(d, out.ItemSize()); h > 0 { // see pointwise.Head
			f(d[:h], s[0][:h], s[1][:h])
			d, s[0], s[1] = d[h:], s[0][h:], s[1][h:]
		}
		f(d, s[0], s[1])
		return true
	}
}

// SameType says whether an output array of type out holds an op's result
// of type t: t itself, or a Binary result in a uint8 array (Python's
// outputs of Binary images are uint8 arrays, which the general path
// wraps with the op's output geometry).
func SameType(out, t gips.BufferType) bool {
	return out == t || t == gips.Binary && out == gips.UInt8
}

// Reducer computes a one-input op's number over a whole buffer s of type
// t (contiguous, aligned, at least one pixel) that holds planes equal
// planes one after another (a 3D array's; 1 for a 2D one); ok false,
// having computed nothing, when it does not handle this type or these
// parameters. The C boundary calls it for a number op on one contiguous
// array, as it calls a Kernel for a pointwise one.
type Reducer func(t gips.BufferType, s []byte, planes int, p ops.Values) (v float64, ok bool)

var reducers = map[string]Reducer{}

// RegisterReducer sets the reducer of op; families call it from init.
func RegisterReducer(op string, r Reducer) { reducers[op] = r }

// LookupReducer is op's reducer, or nil.
func LookupReducer(op string) Reducer { return reducers[op] }

// Histogrammer computes a histogram op over a whole buffer s of type t
// (contiguous, aligned, at least one pixel), in two steps, so that the
// caller allocates the result's memory in between: Bins is the number of
// bins, ok false when it does not handle this buffer, type or these
// parameters (anything that could fail: the caller then takes the
// general path, which reports the error); Fill then writes every count
// (len(counts) == Bins) and edge (one more). Neither changes p.
type Histogrammer struct {
	Bins func(t gips.BufferType, s []byte, p ops.Values) (n int, ok bool)
	Fill func(t gips.BufferType, s []byte, p ops.Values, counts []int64, edges []float64)
}

var histogrammers = map[string]*Histogrammer{}

// RegisterHistogrammer sets the histogrammer of op; families call it from
// init.
func RegisterHistogrammer(op string, h Histogrammer) { histogrammers[op] = &h }

// LookupHistogrammer is op's histogrammer, or nil.
func LookupHistogrammer(op string) *Histogrammer { return histogrammers[op] }
