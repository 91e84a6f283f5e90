package morpho

import "github.com/gipsdev/gips/internal/scratch"

// Volume-sized scratch (the intermediate of an opening or closing, the
// copy of an input that is also the output) and the workers' rows come
// from a pool: a fresh allocation of a 4096² image costs its page faults
// or its clearing on every call, as much as a 3x3 pass itself. A buffer
// holds an earlier call's values: its taker writes it in full before it
// reads it, or clears it (arena, getSlider).
var bufPool scratch.Pool

func getBuf[T any](n int) []T { return scratch.Get[T](&bufPool, n) }

func putBuf[T any](b []T) { scratch.Put(&bufPool, b) }

// arena carves one buffer from the pool into a worker's many rows (the
// line decompositions' rings and levels), cleared as make would clear
// them: made one by one and afresh, they faulted in their pages (about
// 10 us each on the bench's machine) on every call.
type arena[T any] struct{ back, rest []T }

// newArena holds n elements, the sum of the rows' lengths.
func newArena[T any](n int) *arena[T] {
	b := getBuf[T](n)
	clear(b)
	return &arena[T]{back: b, rest: b}
}

// row is the next n elements.
func (a *arena[T]) row(n int) []T {
	r := a.rest[:n:n]
	a.rest = a.rest[n:]
	return r
}

func (a *arena[T]) release() { putBuf(a.back) }
