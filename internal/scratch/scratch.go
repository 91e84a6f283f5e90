// Package scratch keeps image-sized temporaries between calls. A fresh
// allocation of a volume-sized buffer costs its page faults (or its
// clearing, when the collector hands back used memory) on every call, as
// much as a cheap pass over the image itself, and makes a call's time
// depend on whether the runtime had freed pages at hand: the 3D uint16
// Gaussian took 300 or 900 ms a call by that alone. A sync.Pool drops
// what it holds after two collections, so an idle program does not keep
// the memory.
//
// Buffers come back with their old contents: only code that writes a
// buffer in full before reading it may take one.
package scratch

import "sync"

// Pool holds buffers of any element type; one per package or use.
type Pool struct{ p sync.Pool }

// Get returns a buffer of n elements, from the pool when the one it holds
// is of type T and large enough (another is dropped to the collector).
func Get[T any](p *Pool, n int) []T {
	if v, ok := p.p.Get().(*[]T); ok && cap(*v) >= n {
		return (*v)[:n]
	}
	return make([]T, n)
}

// Put gives b back to the pool for the next Get.
func Put[T any](p *Pool, b []T) { p.p.Put(&b) }
