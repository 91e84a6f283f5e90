// Package scratch keeps image-sized temporaries between calls. A fresh
// allocation of a volume-sized buffer costs its page faults (or its
// clearing, when the collector hands back used memory) on every call, as
// much as a cheap pass over the image itself, and makes a call's time
// depend on whether the runtime had freed pages at hand: the 3D uint16
// Gaussian took 300 or 900 ms a call by that alone. A sync.Pool drops
// what it holds after two collections, so an idle program does not keep
// the memory.
//
// A Pool sorts its buffers by size, eight classes to a doubling, and a
// request takes only from its own class. In one pool with one slot per
// size, a band of a few rows given back by one pass would push out the
// volume the next call needs (and a float64 volume a float32 one): each
// then paid its faults again. Memory is shared across element types, so a
// float64 volume's buffer serves a uint16 request of its byte size. A new
// buffer of several huge pages is advised to them (package hugepage): half
// the page faults' cost, and fewer TLB misses for the flood and label
// passes that read it in the image's order.
//
// Buffers come back with their old contents, possibly another type's
// bits: only code that writes a buffer in full before reading it may take
// one. Element types must hold no pointers (pixels, indices, runs).
package scratch

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/gipsdev/gips/internal/hugepage"
)

// minPooled is the smallest buffer worth keeping, in bytes: smaller ones
// cost less to make than to pool, and the allocator may place them at any
// alignment, so one could not serve another element type.
const minPooled = 4096

// numClasses covers buffers up to 2^47 bytes; larger ones are not pooled.
const numClasses = 48 << 3

// Pool holds buffers of pointer-free element types, by size class; one
// per package or use.
type Pool struct{ classes [numClasses]sync.Pool }

// held is a buffer in the pool: its first byte and its length in bytes.
type held struct {
	p     unsafe.Pointer
	bytes uintptr
}

// Get returns a buffer of n elements: one of its size class from the pool
// when there is one, else a new one (advised to huge pages when large).
func Get[T any](p *Pool, n int) []T {
	es := unsafe.Sizeof(*new(T))
	size := uintptr(n) * es
	if n < 0 || es == 0 || size < minPooled || size/es != uintptr(n) {
		return make([]T, n) // make reports a negative or overflowing n
	}
	c, rounded := classOf(size)
	if c >= numClasses {
		return make([]T, n)
	}
	if h, ok := p.classes[c].Get().(*held); ok {
		return unsafe.Slice((*T)(h.p), h.bytes/es)[:n]
	}
	// Rounded up to the class's size, so that every buffer of a class
	// holds every request of it. The tail beyond n costs address space,
	// not memory, where the pages are new from the system; on memory the
	// heap reuses, make clears it with the rest.
	b := make([]T, (rounded+es-1)/es)
	hugepage.Advise(b)
	return b[:n]
}

// Put gives b, a buffer from Get, back to the pool. It goes to the largest
// class whose requests fit its capacity (its own class, unless another
// element type's rounding trimmed it).
func Put[T any](p *Pool, b []T) {
	bytes := uintptr(cap(b)) * unsafe.Sizeof(*new(T))
	if bytes < minPooled {
		return
	}
	if c := floorClass(bytes); c < numClasses {
		p.classes[c].Put(&held{unsafe.Pointer(unsafe.SliceData(b)), bytes})
	}
}

// classOf is the smallest class whose buffers hold size bytes (size > 8),
// and that class's buffer size: size rounded up to one of the eight steps
// between 2^(k-1) and 2^k, at most an eighth more.
func classOf(size uintptr) (int, uintptr) {
	k := bits.Len(uint(size - 1)) // 2^(k-1) < size <= 2^k, k >= 4
	shift := k - 4
	m := (size-1)>>shift + 1 // steps of 2^(k-4): 9..16
	return k<<3 + int(m) - 9, m << shift
}

// floorClass is the largest class whose buffer size is at most b bytes
// (b > 8): the inverse of classOf on the classes' sizes.
func floorClass(b uintptr) int {
	t := bits.Len(uint(b)) - 1 // 2^t <= b < 2^(t+1), t >= 3
	m := b >> (t - 3)          // 8..15
	if m == 8 {
		return t<<3 + 16 - 9 // 2^t itself: class (t, 16)
	}
	return (t+1)<<3 + int(m) - 9
}
