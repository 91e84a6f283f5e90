package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The fast path of a box footprint, the commonest one: a minimum or
// maximum read straight from the image's planes and written straight into
// the output's (no copy of the volume, no order flip), as OpenCV does it.
// Each worker takes a band of rows of one plane. Windows of at most 3x3
// rows along y and z (boxXY) reduce those rows at once into an extended
// row in L1; 2D boxes of 8 to 56 rows of unsigned 8- or 16-bit pixels
// take 8 rows a pass in AVX-512 (boxcols.go), other longer ones run van
// Herk along y and z (boxvh.go). Then each output row is filtered along
// x: the row extended by the border mode,
// the minimum of 2 or 3 shifted copies for short windows, or of shifted
// copies of its triple minima for longer ones (slideRow), all whole-row
// vector minima (rowops.go) on data in cache; 3 rows and 3 pixels along x
// (the 3x3 square) in one call a row (box3.go).

// vview is volume v of an image: planes ps[base+z].
type vview[T gips.Pixel] struct {
	ps   []gips.Plane[T]
	base int
}

func (v vview[T]) row(y, z int) []T { return v.ps[v.base+z].Row(y) }

// bufView is a view of the contiguous volume buf of dims d.
func bufView[T gips.Pixel](buf []T, d nbhd.Dims) vview[T] {
	ps := make([]gips.Plane[T], d.NZ)
	for z := range ps {
		ps[z] = gips.Plane[T]{Pix: buf[z*d.NX*d.NY : (z+1)*d.NX*d.NY], Stride: d.NX, Width: d.NX, Height: d.NY}
	}
	return vview[T]{ps: ps}
}

// boxWindow is the window (before, after) along each axis of the box s for
// an erosion, or a dilation (reflect: a reflected even size reaches one
// pixel further forward), clipped to 2n on a side (a longer window
// already reads every pixel the mode can give, and cval).
func boxWindow(s SE, reflect bool, d nbhd.Dims) [3][2]int {
	var win [3][2]int
	n := [3]int{d.NX, d.NY, d.NZ}
	for a := range 3 {
		b, f := s.size[a]/2, s.size[a]-1-s.size[a]/2
		if reflect {
			b, f = f, b
		}
		win[a] = [2]int{min(b, 2*n[a]), min(f, 2*n[a])}
	}
	return win
}

// boxFilter writes into dst the minimum (maximum when hi) of src over the
// window win, border mode m and constant cval, and calls post (when not
// nil) with each output row and its y and z just after the row is
// written, while it is in cache.
// dst and src must not overlap.
func boxFilter[T gips.Pixel](dst, src vview[T], d nbhd.Dims, win [3][2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	wy, wz := win[1][0]+win[1][1]+1, win[2][0]+win[2][1]+1
	// boxCols first: 8 and 9 rows took 2-3x as long in boxXY (1024² and
	// 256² uint8, 228 and 37 us against 124 and 13 for 8x8).
	if ok, err := boxCols(dst, src, d, win, hi, m, cval, post); ok {
		return err
	}
	if wy*wz <= 9 { // boxXY takes short windows along y and z at once
		return boxXY(dst, src, d, win, hi, m, cval, post)
	}
	return boxLong(dst, src, d, win, hi, m, cval, post)
}

func cvalRow[T gips.Pixel](n int, cval T) []T { return fillRow(make([]T, n), cval) }

// fillRow sets every element of r to v and returns r.
func fillRow[T gips.Pixel](r []T, v T) []T {
	for i := range r {
		r[i] = v
	}
	return r
}

// boxXY filters every plane along x, y and z for windows of at most 3x3
// rows along y and z: each output row is the extreme of those rows, taken
// at once into the extended row (in L1), then along x.
func boxXY[T gips.Pixel](dst, src vview[T], d nbhd.Dims, win [3][2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	nx, ny := d.NX, d.NY
	bx, fx := win[0][0], win[0][1]
	by, fy := win[1][0], win[1][1]
	bz, fz := win[2][0], win[2][1]
	wx := bx + fx + 1
	var z T
	rowBytes := nx * int(unsafe.Sizeof(z))
	band := max(8, (256<<10)/max(rowBytes, 1))
	if d.NZ == 1 {
		band = min(band, max(8, (ny+7)/8)) // enough tasks for every worker
	}
	band = min(band, ny)
	nb := (ny + band - 1) / band
	cv := getBuf[T](nx) // pooled, as ext and g below: a fresh row faulted its pages in on every call
	defer putBuf(cv)
	for i := range cv {
		cv[i] = cval
	}
	// Three rows and 3 pixels along x: box3Row makes the output row.
	three := wx == 3 && (by+fy+1)*(bz+fz+1) == 3
	xe, cvb, lk := xEdgesOf(nx, m), bytesOf([]T{cval}), laneKindOf[T]()
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi2 int) {
		// Written before they are read (box3Row, reduceRows and
		// extendRow fill ext; slideRow fills g).
		ext, g := getBuf[T](nx+wx-1), getBuf[T](nx+wx-1)
		defer putBuf(ext)
		defer putBuf(g)
		rows := make([][]T, 0, 9)
		var ck cleanRows
		for t := lo; t < hi2; t++ {
			zz, y0 := t/nb, (t%nb)*band
			y1 := min(y0+band, ny)
			for y := y0; y < y1; y++ {
				rows = rows[:0]
				for e := zz - bz; e <= zz+fz; e++ {
					j, ok := border.Index(e, d.NZ, m)
					for f := y - by; f <= y+fy; f++ {
						i, ok2 := border.Index(f, ny, m)
						if ok && ok2 {
							rows = append(rows, src.row(i, j))
						} else {
							rows = append(rows, cv)
						}
					}
				}
				switch {
				case three:
					clean := lk == kF32 && ck.row(bytesOf(rows[0][:nx])) && ck.row(bytesOf(rows[1][:nx])) && ck.row(bytesOf(rows[2][:nx]))
					box3Row(dst.row(y, zz)[:nx], ext, (*[3][]T)(rows), hi, xe, cval, cvb, clean)
				case wx == 1:
					reduceRows(dst.row(y, zz), rows, hi)
				default:
					v := ext[bx : bx+nx]
					reduceRows(v, rows, hi)
					extendRow(ext, v, bx, m, cval)
					slideRow(dst.row(y, zz), ext, wx, hi, g)
				}
				if post != nil {
					post(y, zz, dst.row(y, zz))
				}
			}
		}
	})
}

// reduceRows sets v to the element-wise minimum (maximum) of rows (one at
// least, each at least len(v) long; v may be one of them), all at once
// with AVX2 from four rows on (reduce.go), else three at a time.
func reduceRows[T gips.Pixel](v []T, rows [][]T, hi bool) {
	if len(rows) >= 4 {
		if done := reduceWide(v, rows, hi); done > 0 {
			reduceTail(v, rows, hi, done)
			return
		}
	}
	switch len(rows) {
	case 1:
		copy(v, rows[0])
		return
	case 2:
		mm2(v, rows[0], rows[1], hi)
		return
	}
	mm3(v, rows[0], rows[1], rows[2], hi)
	rows = rows[3:]
	for ; len(rows) >= 2; rows = rows[2:] {
		mm3(v, v, rows[0], rows[1], hi)
	}
	if len(rows) == 1 {
		mm2(v, v, rows[0], hi)
	}
}

// extendRow writes row into ext with before pixels ahead and the rest
// behind, read by mode m. row may already be in place at ext[before:].
func extendRow[T gips.Pixel](ext, row []T, before int, m gips.BorderMode, cval T) {
	n := len(row)
	if &ext[before] != &row[0] {
		copy(ext[before:], row)
	}
	for i := range before {
		ext[i] = at(row, i-before, m, cval)
	}
	for i := before + n; i < len(ext); i++ {
		ext[i] = at(row, i-before, m, cval)
	}
}

// at is row[i] read by mode m beyond the row. Within a row's length of
// its ends (every box up to twice the row) the index is found without
// border.Index's division, which a 15-pixel window paid 14 times a row
// (a tenth of a uint16 erosion's time).
func at[T gips.Pixel](row []T, i int, m gips.BorderMode, cval T) T {
	n := len(row)
	j := -1
	switch {
	case i >= 0 && i < n:
		return row[i]
	case m == gips.Constant:
		return cval
	case i < 0 && m == gips.Reflect:
		j = -i - 1
	case i < 0 && m == gips.Mirror:
		j = -i
	case i >= n && m == gips.Reflect:
		j = 2*n - 1 - i
	case i >= n && m == gips.Mirror:
		j = 2*n - 2 - i
	}
	if j >= 0 && j < n {
		return row[j]
	}
	if j, ok := border.Index(i, n, m); ok {
		return row[j]
	}
	return cval
}

// slideRow sets out[i] to the minimum (maximum) of ext[i : i+w], with g
// (len(ext)) as scratch.
func slideRow[T gips.Pixel](out, ext []T, w int, hi bool, g []T) {
	switch w {
	case 1:
		copy(out, ext)
		return
	case 2:
		mm2(out, ext, ext[1:], hi)
		return
	case 3:
		mm3(out, ext, ext[1:], ext[2:], hi)
		return
	}
	// g[i] = extreme of ext[i : i+span]: span 3, doubled while more than
	// 8 copies of g would cover w; then out is the extreme of those
	// copies, shifted by span (the last by w-span), at once in registers
	// (shiftRows): for w 15, 8 loads and 2 stores per vector where
	// doublings alone took 8 and 4.
	L := len(ext) - 2
	mm3(g[:L], ext, ext[1:], ext[2:], hi)
	span := 3
	for w > 8*span && 2*span <= w {
		L -= span
		mm2(g[:L], g, g[span:], hi) // forward in place: g[i+span] is read before it is written
		span *= 2
	}
	var offs [10]int
	var rs [10][]T
	k := 0
	for off := 0; off < w-span; off += span {
		offs[k] = off
		k++
	}
	offs[k] = w - span
	shiftRows(out, g, offs[:k+1], hi, rs[:0])
}
