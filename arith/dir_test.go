package arith

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// The vector loops run forwards or backwards (bulk_amd64.go: by where
// the output lies after the sources modulo 4 KiB); the twin tests run
// them both ways (loopDir), and as rowsOf chooses on sources placed so
// that it chooses each way.

// loopDirs are the loopDir settings the twin tests run: as chosen,
// forwards, backwards.
var loopDirs = []int{0, 1, -1}

// placement puts a row's output da bytes after a and db bytes after b
// modulo 4 KiB (negative: before), the output start bytes into a cache
// line.
type placement struct{ da, db, start int }

// placements make rowsOf choose backwards (the output just after both
// sources, with sources in and on cache lines), forwards (just before
// them; after one and before the other; far from both), on misaligned
// starts.
var placements = []placement{{16, 32, 0}, {48, 16, 24}, {64, 128, 0}, {-16, -32, 8}, {32, -16, 16}, {1040, 2064, 40}}

// placed gives rows d, a and b of n pixels, apart, placed as p says (p's
// numbers rounded down to whole pixels).
func placed[T gips.Pixel](n int, p placement) (d, a, b []T) {
	size := int(unsafe.Sizeof(*new(T)))
	span := (n*size+4095)/4096*4096 + 4096 // a region: the row and a page
	buf := make([]byte, 3*span+4096)
	page := (4096 - int(uintptr(unsafe.Pointer(&buf[0]))%4096)) % 4096
	at := func(region, off int) []T {
		off = (off%4096 + 4096) % 4096 / size * size
		return unsafe.Slice((*T)(unsafe.Pointer(&buf[page+region*span+off])), n)
	}
	o := 2048 + p.start
	return at(2, o), at(0, o-p.da), at(1, o-p.db)
}
