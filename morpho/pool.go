package morpho

import "sync"

// Volume-sized scratch (the intermediate of an opening or closing, the
// copy of an input that is also the output) comes from a pool: a fresh
// allocation of a 4096² image costs its page faults or its clearing on
// every call, as much as a 3x3 pass itself. The buffers are written in
// full before they are read, so their old contents never matter.
var bufPool sync.Pool

// getBuf returns a buffer of n pixels, from the pool when one there is of
// type T and large enough (others are dropped to the collector).
func getBuf[T any](n int) []T {
	if v, ok := bufPool.Get().(*[]T); ok && cap(*v) >= n {
		return (*v)[:n]
	}
	return make([]T, n)
}

// putBuf gives b back to the pool.
func putBuf[T any](b []T) { bufPool.Put(&b) }
