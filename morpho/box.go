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
// Each worker takes a band of rows of one plane: it filters along x the
// rows the band reads (the row extended by the border mode, then the
// minimum of 2 or 3 shifted copies for short windows, or log2(w) doublings
// of whole rows for longer ones) into a few hundred KiB of scratch, then
// along y over whole rows (the same shifted minima, over rows), so that
// every pass is a whole-row vector minimum (rowops.go) on data in cache.
// A 3D box then runs along z over whole rows of a scratch volume.

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
	if wy*wz <= 9 { // boxXY takes short windows along y and z at once
		return boxXY(dst, src, d, win, hi, m, cval, post)
	}
	return boxLong(dst, src, d, win, hi, m, cval, post)
}

func cvalRow[T gips.Pixel](n int, cval T) []T {
	r := make([]T, n)
	for i := range r {
		r[i] = cval
	}
	return r
}

// boxXY filters every plane along x and y.
func boxXY[T gips.Pixel](dst, src vview[T], d nbhd.Dims, win [3][2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	nx, ny := d.NX, d.NY
	bx, fx := win[0][0], win[0][1]
	by, fy := win[1][0], win[1][1]
	bz, fz := win[2][0], win[2][1]
	wx, wy, wz := bx+fx+1, by+fy+1, bz+fz+1
	var z T
	rowBytes := nx * int(unsafe.Sizeof(z))
	band := max(8, (256<<10)/max(rowBytes, 1)-(wy-1), wy)
	if d.NZ == 1 {
		band = min(band, max(8, (ny+7)/8)) // enough tasks for every worker
	}
	band = min(band, ny)
	nb := (ny + band - 1) / band
	cv := cvalRow(nx, cval)
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi2 int) {
		rows := band + wy - 1
		ext, g := make([]T, nx+wx-1), make([]T, nx+wx-1)
		rs := make([][]T, 0, 9)
		hbuf := make([]T, rows*nx)
		H := make([][]T, rows)
		var s [][]T
		for t := lo; t < hi2; t++ {
			zz, y0 := t/nb, (t%nb)*band
			y1 := min(y0+band, ny)
			if wy*wz <= 9 { // along y and z first, into the extended row (in L1), then along x
				rows := rs[:0]
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
					v := ext[bx : bx+nx]
					if wx == 1 {
						v = dst.row(y, zz)
					}
					reduceRows(v, rows, hi)
					if wx > 1 {
						extendRow(ext, v, bx, m, cval)
						slideRow(dst.row(y, zz), ext, wx, hi, g)
					}
					if post != nil {
						post(y, zz, dst.row(y, zz))
					}
				}
				continue
			}
			n := y1 - y0 + wy - 1
			for k := range n {
				j, ok := border.Index(y0-by+k, ny, m)
				switch {
				case !ok:
					H[k] = cv
				case wx == 1:
					H[k] = src.row(j, zz)
				default:
					H[k] = hbuf[k*nx : (k+1)*nx]
					extendRow(ext, src.row(j, zz), bx, m, cval)
					slideRow(H[k], ext, wx, hi, g)
				}
			}
			s = slide(H[:n], wy, hi, func(i int) []T { return dst.row(y0+i, zz) }, s, nx)
			for y := y0; post != nil && y < y1; y++ {
				post(y, zz, dst.row(y, zz))
			}
		}
	})
}

// boxZ filters along z, a band of rows at a time.
func boxZ[T gips.Pixel](dst, src vview[T], d nbhd.Dims, w [2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	nx, ny, nz := d.NX, d.NY, d.NZ
	wz := w[0] + w[1] + 1
	cv := cvalRow(nx, cval)
	return nbhd.Parallel(ny, nbhd.Grain(nx*nz), func(lo, hi2 int) {
		R := make([][]T, nz+wz-1)
		var s [][]T
		for y := lo; y < hi2; y++ {
			for k := range R {
				j, ok := border.Index(k-w[0], nz, m)
				if ok {
					R[k] = src.row(y, j)
				} else {
					R[k] = cv
				}
			}
			s = slide(R, wz, hi, func(i int) []T { return dst.row(y, i) }, s, nx)
			for z := 0; post != nil && z < nz; z++ {
				post(y, z, dst.row(y, z))
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

func at[T gips.Pixel](row []T, i int, m gips.BorderMode, cval T) T {
	if j, ok := border.Index(i, len(row), m); ok {
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
	// g[i] = extreme of ext[i : i+span], doubling span while it fits.
	L := len(ext) - 1
	mm2(g[:L], ext, ext[1:], hi)
	span := 2
	for 2*span <= w {
		L -= span
		mm2(g[:L], g, g[span:], hi) // forward in place: g[i+span] is read before it is written
		span *= 2
	}
	if span == w {
		copy(out, g)
		return
	}
	mm2(out, g, g[w-span:], hi)
}

// slide sets put(i), 0 <= i <= len(rows)-w, to the element-wise minimum
// (maximum) of rows[i : i+w], each of nx pixels. Windows up to 3 take it
// directly; longer ones double (log2(w) passes over whole rows) in s, row
// scratch that slide grows and returns for reuse.
func slide[T gips.Pixel](rows [][]T, w int, hi bool, put func(i int) []T, s [][]T, nx int) [][]T {
	nout := len(rows) - w + 1
	switch w {
	case 1:
		for i := range nout {
			copy(put(i), rows[i][:nx])
		}
		return s
	case 2:
		for i := range nout {
			mm2(put(i), rows[i], rows[i+1], hi)
		}
		return s
	case 3:
		for i := range nout {
			mm3(put(i), rows[i], rows[i+1], rows[i+2], hi)
		}
		return s
	}
	L := len(rows) - 1
	for len(s) < L {
		s = append(s, make([]T, nx))
	}
	for k := range L {
		mm2(s[k], rows[k], rows[k+1], hi)
	}
	span := 2
	for 2*span <= w {
		L -= span
		for k := range L {
			mm2(s[k], s[k], s[k+span], hi)
		}
		span *= 2
	}
	for i := range nout {
		if span == w {
			copy(put(i), s[i])
		} else {
			mm2(put(i), s[i], s[i+w-span], hi)
		}
	}
	return s
}
