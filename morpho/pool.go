package morpho

import "github.com/gipsdev/gips/internal/scratch"

// Volume-sized scratch (the intermediate of an opening or closing, the
// copy of an input that is also the output) comes from a pool: a fresh
// allocation of a 4096² image costs its page faults or its clearing on
// every call, as much as a 3x3 pass itself. The buffers are written in
// full before they are read, so their old contents never matter.
var bufPool scratch.Pool

func getBuf[T any](n int) []T { return scratch.Get[T](&bufPool, n) }

func putBuf[T any](b []T) { scratch.Put(&bufPool, b) }
