package nbhd

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/scratch"
)

// Ext is a volume whose rows are extended along x by Before pixels ahead
// and After pixels behind, as a border mode reads them, so that a kernel
// reads any x offset in [-Before, After] without a test. Rows beyond the
// volume along y and z are read through Row, which maps them by the same
// mode (a row of cval in Constant mode).
type Ext[T gips.Pixel] struct {
	Dims
	Before, After int
	W             int // Before + NX + After
	Pix           []T // NZ*NY rows of W pixels
	mode          gips.BorderMode
	cvalRow       []T
}

// extPool keeps the extended volumes between calls: a fresh one is the
// image's size in new pages, whose faults (10 us each on the bench's VM)
// cost more than a 3x3 rank filter's pass.
var extPool scratch.Pool

// Extend builds the extended rows of the volume src (x fastest) in
// parallel, in a buffer from a pool that Release gives back.
func Extend[T gips.Pixel](src []T, d Dims, before, after int, m gips.BorderMode, cval T) (*Ext[T], error) {
	e := &Ext[T]{Dims: d, Before: before, After: after, W: before + d.NX + after, mode: m}
	e.Pix = scratch.Get[T](&extPool, e.W*d.NY*d.NZ) // every row written in full below
	e.cvalRow = make([]T, e.W)
	for i := range e.cvalRow {
		e.cvalRow[i] = cval
	}
	err := Parallel(d.NY*d.NZ, Grain(e.W), func(lo, hi int) {
		for r := lo; r < hi; r++ {
			border.Extend(e.Pix[r*e.W:(r+1)*e.W], src[r*d.NX:(r+1)*d.NX], before, m, cval)
		}
	})
	return e, err
}

// Release gives e's rows back to the pool; e is not used after. (An Ext
// never released is collected as garbage.)
func (e *Ext[T]) Release() {
	scratch.Put(&extPool, e.Pix)
	e.Pix = nil
}

// Row is extended row y of plane z; y and z may lie outside the volume.
// Pixel x of the row is at index Before+x.
func (e *Ext[T]) Row(y, z int) []T {
	yy, ok := border.Index(y, e.NY, e.mode)
	if !ok {
		return e.cvalRow
	}
	zz, ok := border.Index(z, e.NZ, e.mode)
	if !ok {
		return e.cvalRow
	}
	r := zz*e.NY + yy
	return e.Pix[r*e.W : (r+1)*e.W : (r+1)*e.W]
}

// FoldX maps an x offset further than 2n from the centre to a nearer one
// that reads the same pixel from every x of a line of n pixels in mode m
// (the modes repeat with a period of at most 2n; beyond the line, Nearest
// and Constant read the same pixel or cval however far), so that a
// footprint far wider than the image never sizes an allocation.
func FoldX(dx, n int, m gips.BorderMode) int {
	if dx >= -2*n && dx <= 2*n {
		return dx
	}
	switch m {
	case gips.Constant, gips.Nearest:
		return min(max(dx, -n), n)
	case gips.Wrap:
		return border.Mod(dx, n)
	case gips.Reflect:
		return border.Mod(dx, 2*n)
	case gips.Mirror:
		if n == 1 {
			return 0
		}
		return border.Mod(dx, 2*n-2)
	}
	return dx
}
