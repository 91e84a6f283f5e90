// Package fill sets a run of memory to one value at the speed of a copy.
//
// Go's compiler turns a loop that stores zeros into memclr, but any other
// value into a store per element; and a fill row by row calls copy once a
// row (a 256x256 uint8 image row by row took 2.2 us, as one run under
// 1). Slice stores the value once and then copies what it has set,
// doubling up to a chunk that stays in the L1 cache, so a fill is a few
// long memmoves that read nothing from memory.
package fill

import "unsafe"

// chunk is the most bytes Slice copies from at a time.
const chunk = 16 << 10

// Slice sets every element of s to v.
func Slice[T any](s []T, v T) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	c := max(1, chunk/max(1, int(unsafe.Sizeof(v))))
	for n := 1; n < len(s); {
		n += copy(s[n:], s[:min(n, c)])
	}
}
