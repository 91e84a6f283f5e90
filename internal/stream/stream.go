// Package stream writes large outputs with non-temporal stores. A plain
// store first reads the output's cache line from memory (the core must
// own the line before it writes part of it): for an op that reads one
// byte per byte it writes, a third of its memory traffic is that read. A
// non-temporal store writes whole lines to memory without reading them,
// and without keeping them in the cache.
//
// That pays only for an output too large to stay in the cache for the
// next op: measured on this project's 2-core machine (a Go probe, 2
// goroutines, XOR of a buffer into another, then a pass that reads the
// output, min of 200), a 16 MiB output was written 18% faster and read
// back 30% slower (852 + 499 us against 696 + 651), 32 MiB 34% faster
// and 15% slower to read back (1998 + 1145 against 1318 + 1313), and 64
// and 128 MiB 34-37% faster with the read back unchanged (128 MiB: 9837
// -> 6483 us at two threads, 19188 -> 13123 at one). Hence Min.
//
// The kernels themselves keep plain stores: a caller that streams runs a
// kernel into a scratch block that stays in the first-level cache and
// copies the block out with Copy (Blocks), which costs a pass over
// cached bytes.
package stream

import (
	"sync"
	"unsafe"
)

// Min is the output bytes from which a caller streams (a variable: the
// tests lower it).
var Min = 32 << 20

// Off turns streaming off (the tests compare both ways).
var Off = false

// On reports whether an output of n bytes is written by streaming: this
// build has non-temporal stores and n is at least Min.
func On(n int) bool { return have && !Off && n >= Min }

// Copy is copy(dst, src) (of equal lengths, not overlapping) with the
// whole 64-byte lines of dst written by non-temporal stores, the bytes
// before the first line and after the last by copy. Call Fence before
// another thread reads dst.
func Copy(dst, src []byte) {
	src = src[:len(dst)]
	if !have || len(dst) < 128 {
		copy(dst, src)
		return
	}
	head := (64 - int(uintptr(unsafe.Pointer(unsafe.SliceData(dst)))%64)) % 64
	lines := (len(dst) - head) &^ 63
	copy(dst[:head], src[:head])
	streamLines(unsafe.Pointer(&dst[head]), unsafe.Pointer(&src[head]), lines)
	copy(dst[head+lines:], src[head+lines:])
}

// Fence orders the non-temporal stores before it before every store
// after it (SFENCE): a worker calls it before it says it is done.
func Fence() {
	if have {
		storeFence()
	}
}

// BlockBytes is the most bytes of a scratch block of Blocks: small
// enough to stay in the first-level cache between the kernel's pass and
// Copy's, large enough that a kernel call's fixed cost (tens of
// nanoseconds) is a few percent of its pass.
const BlockBytes = 16 << 10

// block is one goroutine's scratch block, kept in blocks between calls.
type block [BlockBytes]byte

var blocks = sync.Pool{New: func() any { return new(block) }}

// Blocks writes dst through scratch, a block of at most BlockBytes (a
// whole number of items of itemSize bytes) at a time: fill(off, b)
// writes into b what dst[off:off+len(b)] is to hold, and Copy streams b
// there; it fences at the end. A fill that returns false stops it
// (having written nothing more), and Blocks returns false.
func Blocks(dst []byte, itemSize int, fill func(off int, b []byte) bool) bool {
	w := NewWriter()
	defer w.Done()
	return w.Blocks(dst, itemSize, fill)
}

// A Writer is one goroutine's scratch block for a run of streamed
// writes (a band's rows, each its own run where the rows are apart): one
// block and one fence for the run, not one a row.
type Writer struct{ sb *block }

// NewWriter takes a block from the pool.
func NewWriter() Writer { return Writer{blocks.Get().(*block)} }

// Done fences the writer's stores and gives its block back.
func (w Writer) Done() {
	Fence()
	blocks.Put(w.sb)
}

// Blocks is Blocks through w's block, without the fence (Done fences).
func (w Writer) Blocks(dst []byte, itemSize int, fill func(off int, b []byte) bool) bool {
	step := BlockBytes / itemSize * itemSize
	for off := 0; off < len(dst); off += step {
		b := w.sb[:min(step, len(dst)-off)]
		if !fill(off, b) {
			return false
		}
		Copy(dst[off:off+len(b)], b)
	}
	return true
}

// Items is w.Blocks over a slice of T: fill(k, o) writes into o what
// dst[k:k+len(o)] is to hold.
func Items[T any](w Writer, dst []T, fill func(k int, o []T)) {
	if len(dst) == 0 {
		return
	}
	size := int(unsafe.Sizeof(dst[0]))
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(dst))), len(dst)*size)
	w.Blocks(b, size, func(off int, blk []byte) bool {
		fill(off/size, unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(blk))), len(blk)/size))
		return true
	})
}
