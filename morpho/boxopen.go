package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The opening, closing and top-hats by a small flat 2D box (at most 9
// rows, boxXY's direct path: the 3x3 square) run both passes band by
// band: each band of output rows first makes the rows of the first pass
// it reads (its own and a few on either side, made again by the next
// band) into a band buffer that stays in cache, then the second pass over
// them. Two passes through a volume-sized intermediate wrote and read it
// all once more from memory, and its first use cost the page faults of a
// fresh 16 MiB buffer (4096² uint8), which made the first call of an
// opening several times slower than the erosion it is made of.

// fuseBox is whether the fused path may run (a variable so that the tests
// can compare it with the two passes).
var fuseBox = true

// fusable is whether boxChain takes the two passes of a with windows w1
// (first) and w2 (second).
func fusable(a greyArgs, w1, w2 [3][2]int) bool {
	if !fuseBox || !a.se.box || a.op < opOpening || a.op == opGradient {
		return false
	}
	for _, w := range [][3][2]int{w1, w2} {
		if w[2] != [2]int{} || (w[1][0]+w[1][1]+1) > 9 {
			return false
		}
	}
	return true
}

// boxChain writes into dst the second pass (window w2, maximum when hi2)
// of the first (w1, the other extreme) of src, plane by plane, and calls
// post with each output row as boxXY does. dst and src must not overlap.
func boxChain[T gips.Pixel](dst, src vview[T], d nbhd.Dims, w1, w2 [3][2]int, hi2 bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	nx, ny := d.NX, d.NY
	b1, f1 := w1[1][0], w1[1][1]
	b2, f2 := w2[1][0], w2[1][1]
	wy2 := b2 + f2 + 1
	wx := max(w1[0][0]+w1[0][1], w2[0][0]+w2[0][1]) + 1
	var z T
	rowBytes := nx * int(unsafe.Sizeof(z))
	band := max(8, (128<<10)/max(rowBytes, 1))
	band = min(band, max(8, (ny+7)/8), ny) // enough tasks for every worker
	nb := (ny + band - 1) / band
	cv := cvalRow(nx, cval)
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi int) {
		ext, g := make([]T, nx+wx-1), make([]T, nx+wx-1)
		rs1, rs2 := make([][]T, 0, 9), make([][]T, 0, 9) // apart: the second pass may run the first mid-list
		// mid[k] is the first pass's row j0+k; extra holds the few rows a
		// wrapping mode reads from the far side.
		mid := make([]T, (band+wy2-1)*nx)
		var extra map[int][]T
		for t := lo; t < hi; t++ {
			zz, y0 := t/nb, (t%nb)*band
			y1 := min(y0+band, ny)
			j0, j1 := max(0, y0-b2), min(ny, y1+f2)
			first := func(out []T, j int) {
				rows := rs1[:0]
				for f := j - b1; f <= j+f1; f++ {
					if i, ok := border.Index(f, ny, m); ok {
						rows = append(rows, src.row(i, zz))
					} else {
						rows = append(rows, cv)
					}
				}
				xRow(out, rows, ext, g, w1[0], !hi2, m, cval)
			}
			for j := j0; j < j1; j++ {
				first(mid[(j-j0)*nx:(j-j0+1)*nx], j)
			}
			clear(extra)
			midRow := func(j int) []T {
				if j >= j0 && j < j1 {
					return mid[(j-j0)*nx : (j-j0+1)*nx]
				}
				r, ok := extra[j]
				if !ok {
					if extra == nil {
						extra = map[int][]T{}
					}
					r = make([]T, nx)
					first(r, j)
					extra[j] = r
				}
				return r
			}
			for y := y0; y < y1; y++ {
				rows := rs2[:0]
				for f := y - b2; f <= y+f2; f++ {
					if i, ok := border.Index(f, ny, m); ok {
						rows = append(rows, midRow(i))
					} else {
						rows = append(rows, cv)
					}
				}
				o := dst.row(y, zz)
				xRow(o, rows, ext, g, w2[0], hi2, m, cval)
				if post != nil {
					post(y, zz, o)
				}
			}
		}
	})
}

// xRow sets out to the minimum (maximum when hi) of rows, then along x
// over the window wx (before, after), through ext and g (scratch of
// len(out)+before+after).
func xRow[T gips.Pixel](out []T, rows [][]T, ext, g []T, wx [2]int, hi bool, m gips.BorderMode, cval T) {
	nx := len(out)
	w := wx[0] + wx[1] + 1
	if w == 1 {
		reduceRows(out, rows, hi)
		return
	}
	e := ext[:nx+w-1]
	v := e[wx[0] : wx[0]+nx]
	reduceRows(v, rows, hi)
	extendRow(e, v, wx[0], m, cval)
	slideRow(out, e, w, hi, g[:nx+w-1])
}
