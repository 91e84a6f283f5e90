// Package scratch keeps image-sized temporaries between calls. A fresh
// allocation of a volume-sized buffer costs its page faults (or its
// clearing, when the collector hands back used memory) on every call, as
// much as a cheap pass over the image itself, and makes a call's time
// depend on whether the runtime had freed pages at hand: the 3D uint16
// Gaussian took 300 or 900 ms a call by that alone.
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
// A class is a stack behind the pool's mutex, not a sync.Pool: a
// sync.Pool keeps a buffer given back in the giving P's private slot,
// which a Get on another P never searches, so a call from Python that
// landed on the other P made its volume afresh (local variance of a
// 512x512x256 volume: 322 huge-page faults and 375 ms of system time in a
// call after two warm-ups). As with sync.Pool, a buffer not taken again
// by the end of the second garbage collection after it came back is
// dropped, so an idle program does not keep the memory. (Collections are
// counted just after they end, so a count can land just after a Put: a
// buffer always lives through one whole collection.)
//
// Buffers come back with their old contents, possibly another type's
// bits: only code that writes a buffer in full before reading it may take
// one. Element types must hold no pointers (pixels, indices, runs).
package scratch

import (
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
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
// per package or use. The zero Pool is empty and ready.
type Pool struct {
	mu       sync.Mutex
	classes  [numClasses][]held // each a stack, the last given back on top
	n        int                // buffers held
	enlisted bool               // in pools, for the collections' sweep
}

// held is a buffer in the pool: its first byte, its length in bytes and
// the collection count when it came back.
type held struct {
	p     unsafe.Pointer
	bytes uintptr
	gc    uint64
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
	if h, ok := p.take(c); ok {
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

// Grow returns s with room for at least one more element: s itself while
// it has it, else s's elements in a buffer of twice its capacity (at least
// least elements) from p, s given back to p. For stacks and queues that
// grow as a call runs: grown by append, each doubling is fresh memory
// (the watershed heap of segment.separate faulted 16 500 pages a call).
// s must come from p (or be empty); its old array must not be used after.
func Grow[T any](p *Pool, s []T, least int) []T {
	if len(s) < cap(s) {
		return s
	}
	b := Get[T](p, max(least, 2*cap(s)))[:len(s)]
	copy(b, s)
	if cap(s) > 0 {
		Put(p, s)
	}
	return b
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
		p.give(c, held{unsafe.Pointer(unsafe.SliceData(b)), bytes, collections.Load()})
	}
}

func (p *Pool) take(c int) (held, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.classes[c]
	if len(s) == 0 {
		return held{}, false
	}
	h := s[len(s)-1]
	s[len(s)-1] = held{}
	p.classes[c] = s[:len(s)-1]
	p.n--
	return h, true
}

func (p *Pool) give(c int, h held) {
	p.mu.Lock()
	p.classes[c] = append(p.classes[c], h)
	p.n++
	enlist := !p.enlisted
	p.enlisted = true
	p.mu.Unlock()
	if enlist {
		pools.Lock()
		pools.list = append(pools.list, p)
		pools.Unlock()
	}
}

// sweep drops the buffers that came back before collection gc-1: they
// sat through two collections untaken.
func (p *Pool) sweep(gc uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n == 0 {
		return
	}
	for c, s := range p.classes {
		k := 0
		for _, h := range s {
			if h.gc+2 > gc {
				s[k] = h
				k++
			}
		}
		clear(s[k:])
		p.n -= len(s) - k
		p.classes[c] = s[:k]
	}
}

// Drain empties every pool now, for a program about to idle between
// bursts of work (the C API's freeMemory): the buffers go at the next
// collection, not two later.
func Drain() {
	pools.Lock()
	list := pools.list
	pools.Unlock()
	for _, p := range list {
		p.mu.Lock()
		for c := range p.classes {
			clear(p.classes[c])
			p.classes[c] = p.classes[c][:0]
		}
		p.n = 0
		p.mu.Unlock()
	}
}

// collections counts the garbage collections (a finalizer on a sentinel
// runs after each; one allocated while a collection marks waits for the
// next); pools are the Pools that have held a buffer, which each
// collection sweeps; swept is the last collection whose sweep is done.
var (
	collections atomic.Uint64
	swept       atomic.Uint64
	pools       struct {
		sync.Mutex
		list []*Pool
	}
)

type sentinel struct{ _ [4]uintptr } // not a tiny object: its finalizer runs at the next collection

func arm() {
	runtime.SetFinalizer(new(sentinel), func(*sentinel) {
		gc := collections.Add(1)
		pools.Lock()
		list := pools.list
		pools.Unlock()
		for _, p := range list {
			p.sweep(gc)
		}
		swept.Store(gc)
		arm()
	})
}

func init() { arm() }

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
