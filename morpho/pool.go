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

// rowCarver hands out rows of e elements from one pooled block. A band's
// ring of rows (its extended input rows, their running minima and the
// doubling's levels) made afresh took a megabyte a chunk: a 3D erosion by
// a ball faulted 2940 pages a call, a quarter of its time in the kernel.
// Rows are short (a 512-pixel uint16 row is 1 KiB, under what the pool
// keeps), so they share a block; each is written in full (extendRow,
// fillMins) before it is read.
type rowCarver[T any] struct {
	block   []T
	e, next int
}

// carveRows takes a block for n rows of e elements; release gives it back.
func carveRows[T any](n, e int) *rowCarver[T] {
	return &rowCarver[T]{block: getBuf[T](n * e), e: e}
}

// row is the next row, its capacity its length.
func (c *rowCarver[T]) row() []T {
	r := c.block[c.next : c.next+c.e : c.next+c.e]
	c.next += c.e
	return r
}

func (c *rowCarver[T]) release() { putBuf(c.block) }
