package filter

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The 5x5 median of 8- and 16-bit pixels, a row at a time from the five
// extended rows y-2 ... y+2. Each column of five is sorted once (nine
// exchanges) and serves the five windows that contain it. For the window
// at x, the sorted columns x ... x+4 form a 5x5 matrix sorted down each
// column; sorting its rows as well would keep the columns sorted, and in a
// matrix sorted both ways the element of row r and row-rank k has at least
// (r+1)(k+1)-1 values at or below it and (5-r)(5-k)-1 at or above. Six
// elements are thus certainly below the median (the 13th of 25), six
// certainly above, and the median is the median of the other 13: the top
// two of row 0, the top three of row 1, the middle three of row 2, the
// bottom three of row 3 and the bottom two of row 4, which need only
// partial sorts. Forgetful selection (forget.go) takes the median of the
// 13. That is about 160 minima and maxima per pixel where forgetful
// selection over the 25 values takes 330; whole rows of them run 32 bytes
// per instruction with AVX2 (median5_simd.go). A comparator network is
// right for all inputs when it is right for all inputs of zeros and ones,
// and TestMedian5Exhaustive01 tries all 2^25 of them (skipped in -short).

// simdCols5 and simdMed5 are the AVX2 twins of cols5 and med5Row for
// unsigned 8-bit (w16 false) and 16-bit rows of bytes; they return the
// bytes done (none in the pure-Go build).
var (
	simdCols5 = func(w16 bool, s, r *[5][]byte) int { return 0 }
	simdMed5  = func(w16 bool, out []byte, s *[5][]byte) int { return 0 }
)

// isBox5 says whether the footprint offsets are the 5x5 box, in order.
func isBox5(offs [][3]int) bool {
	if len(offs) != 25 {
		return false
	}
	for k, o := range offs { // in SE.Offsets' order, row by row, which the float rows' selection keeps
		if o != [3]int{k%5 - 2, k/5 - 2, 0} {
			return false
		}
	}
	return true
}

// median5x5 is the 5x5 median of the planes in (one volume, every plane
// alone) into out, which must not overlap in. Signed pixels run as
// unsigned ones with the sign bit flipped (an order-keeping bijection, so
// the median of the flipped values is the flipped median), to share the
// unsigned vector rows.
func median5x5[T small](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error {
	switch any(cval).(type) {
	case int8:
		return median5x5u(asPlanes[uint8](out), asPlanes[uint8](in), d, m, uint8(cval)^0x80, 0x80)
	case int16:
		return median5x5u(asPlanes[uint16](out), asPlanes[uint16](in), d, m, uint16(cval)^0x8000, 0x8000)
	}
	return median5x5u(out, in, d, m, cval, 0)
}

// median5x5u is median5x5 of unsigned pixels, XORed with flip as they are
// read and written.
func median5x5u[T small](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval, flip T) error {
	return ring5(out, in, d, m, cval, func(r []T) { xorRow(r, flip) }, nil, func(dst []T, rows, s *[5][]T, _ bool) {
		median5Row(dst, rows, s)
		xorRow(dst, flip)
	})
}

// ring5 runs emit on each output row of the planes with the five source
// rows y-2 ... y+2 (cval's beyond the top and bottom) extended along x by
// the mode, and scratch s of five rows: a band of rows per task, each
// source row extended once per band, in a ring of five, after load
// (which may change it) has seen its pixels. Unless flag is nil, it marks
// each extended row (and cval's) once, and emit's ok says whether it
// marked all five rows true (always true when flag is nil).
func ring5[T gips.Pixel](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T, load func([]T), flag func([]T) bool, emit func(dst []T, rows, s *[5][]T, ok bool)) error {
	if flag == nil {
		flag = func([]T) bool { return true }
	}
	nx, ny := d.NX, d.NY
	band := min(ny, max(16, (ny+7)/8))
	nb := (ny + band - 1) / band
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi int) {
		w := nx + 4
		ring, cv := make([]T, 5*w), make([]T, w)
		for i := range cv {
			cv[i] = cval
		}
		cvOK := flag(cv)
		var s [5][]T
		for k := range s {
			s[k] = make([]T, w)
		}
		for t := lo; t < hi; t++ {
			z, y0 := t/nb, (t%nb)*band
			src, dst := in[z], out[z]
			tags := [5]int{math.MinInt, math.MinInt, math.MinInt, math.MinInt, math.MinInt}
			var oks [5]bool // the slots' flags
			row := func(e int) ([]T, bool) {
				j, ok := border.Index(e, ny, m)
				if !ok {
					return cv, cvOK
				}
				slot := mod(e, 5)
				r := ring[slot*w : (slot+1)*w]
				if tags[slot] != e {
					copy(r[2:nx+2], src.Row(j))
					load(r[2 : nx+2])
					for _, x := range [4]int{-2, -1, nx, nx + 1} {
						r[x+2] = cval
						if i, ok := border.Index(x, nx, m); ok {
							r[x+2] = r[i+2]
						}
					}
					tags[slot], oks[slot] = e, flag(r)
				}
				return r, oks[slot]
			}
			for y := y0; y < min(y0+band, ny); y++ {
				var rows [5][]T
				all := true
				for k := range rows {
					var ok bool
					rows[k], ok = row(y + k - 2)
					all = all && ok
				}
				emit(dst.Row(y), &rows, &s, all)
			}
		}
	})
}

// xorRow sets r[x] ^= f, eight bytes at a time.
func xorRow[T small](r []T, f T) {
	if f == 0 {
		return
	}
	b := bytesOf(r)
	var z T
	f64 := uint64(uint8(f)) * 0x0101010101010101 // f in every lane
	if unsafe.Sizeof(z) == 2 {
		f64 = uint64(uint16(f)) * 0x0001000100010001
	}
	n := len(b) &^ 7
	for i := 0; i < n; i += 8 {
		p := (*uint64)(unsafe.Pointer(&b[i]))
		*p ^= f64
	}
	for x := n / int(unsafe.Sizeof(z)); x < len(r); x++ {
		r[x] ^= f
	}
}

// asPlanes is the planes ps with their pixels seen as U (of T's size).
func asPlanes[U, T gips.Pixel](ps []gips.Plane[T]) []gips.Plane[U] {
	qs := make([]gips.Plane[U], len(ps))
	for i, p := range ps {
		pix := unsafe.Slice((*U)(unsafe.Pointer(unsafe.SliceData(p.Pix))), len(p.Pix))
		qs[i] = gips.Plane[U]{Pix: pix, Stride: p.Stride, Width: p.Width, Height: p.Height}
	}
	return qs
}

// median5Row sets out[x] to the median of the 5x5 window whose rows are
// rows[k][x ... x+4] (each at least len(out)+4 long); s is scratch of five
// rows of len(out)+4.
func median5Row[T small](out []T, rows, s *[5][]T) {
	w := len(out) + 4
	for k := range s {
		s[k], rows[k] = s[k][:w], rows[k][:w]
	}
	cols5(s, rows)
	med5Row(out, s)
}

// cols5 sorts each column: s[0][x] <= ... <= s[4][x] are rows[k][x].
func cols5[T small](s, rows *[5][]T) {
	done := 0
	switch any(s[0]).(type) {
	case []uint8:
		done = simdCols5(false, bytes5(s), bytes5(rows))
	case []uint16:
		done = simdCols5(true, bytes5(s), bytes5(rows)) / 2
	}
	for x := done; x < len(s[0]); x++ {
		a, b, c, d, e := rows[0][x], rows[1][x], rows[2][x], rows[3][x], rows[4][x]
		a, b = sort2s(a, b)
		d, e = sort2s(d, e)
		c, e = sort2s(c, e)
		c, d = sort2s(c, d)
		a, d = sort2s(a, d)
		a, c = sort2s(a, c)
		b, e = sort2s(b, e)
		b, d = sort2s(b, d)
		b, c = sort2s(b, c)
		s[0][x], s[1][x], s[2][x], s[3][x], s[4][x] = a, b, c, d, e
	}
}

// med5Row sets out[x] to the median of the sorted columns x ... x+4 of s.
func med5Row[T small](out []T, s *[5][]T) {
	done := 0
	switch o := any(out).(type) {
	case []uint8:
		done = simdMed5(false, o, bytes5(s))
	case []uint16:
		done = simdMed5(true, bytesOf(o), bytes5(s)) / 2
	}
	for x := done; x < len(out); x++ {
		var c [13]T
		r := s[0][x : x+5]
		c[0], c[1] = top2(r[0], r[1], r[2], r[3], r[4])
		r = s[1][x : x+5]
		h1, h2, h3, h4 := dropMin5(r[0], r[1], r[2], r[3], r[4])
		c[2], c[3], c[4] = dropMin4(h1, h2, h3, h4)
		r = s[2][x : x+5]
		h1, h2, h3, h4 = dropMin5(r[0], r[1], r[2], r[3], r[4])
		c[5], c[6], c[7] = dropMax4(h1, h2, h3, h4)
		r = s[3][x : x+5]
		h1, h2, h3, h4 = dropMax5(r[0], r[1], r[2], r[3], r[4])
		c[8], c[9], c[10] = dropMax4(h1, h2, h3, h4)
		r = s[4][x : x+5]
		c[11], c[12] = bottom2(r[0], r[1], r[2], r[3], r[4])
		out[x] = forget13(&c)
	}
}

// top2 is the second greatest and the greatest of five values.
func top2[T small](a, b, c, d, e T) (T, T) {
	l1, hi := sort2s(a, b)
	l2, hi := sort2s(hi, c)
	l3, hi := sort2s(hi, d)
	l4, hi := sort2s(hi, e)
	return maxs(maxs(l1, l2), maxs(l3, l4)), hi
}

// bottom2 is the least and the second least of five values.
func bottom2[T small](a, b, c, d, e T) (T, T) {
	lo, h1 := sort2s(a, b)
	lo, h2 := sort2s(lo, c)
	lo, h3 := sort2s(lo, d)
	lo, h4 := sort2s(lo, e)
	return lo, mins(mins(h1, h2), mins(h3, h4))
}

// dropMin5 is four of five values, all but one least; dropMax5 all but
// one greatest; dropMin4 and dropMax4 the same for four.
func dropMin5[T small](a, b, c, d, e T) (T, T, T, T) {
	lo, h1 := sort2s(a, b)
	lo, h2 := sort2s(lo, c)
	lo, h3 := sort2s(lo, d)
	return h1, h2, h3, maxs(lo, e)
}

func dropMax5[T small](a, b, c, d, e T) (T, T, T, T) {
	l1, hi := sort2s(a, e)
	l2, hi := sort2s(b, hi)
	l3, hi := sort2s(c, hi)
	return l1, l2, l3, mins(d, hi)
}

func dropMin4[T small](a, b, c, d T) (T, T, T) {
	lo, h1 := sort2s(a, b)
	lo, h2 := sort2s(lo, c)
	return h1, h2, maxs(lo, d)
}

func dropMax4[T small](a, b, c, d T) (T, T, T) {
	l1, hi := sort2s(a, d)
	l2, hi := sort2s(b, hi)
	return l1, l2, mins(c, hi)
}

// forget13 is the median of c by forgetful selection: keep eight, drop
// the least and the greatest, take the next, until three are left.
func forget13[T small](c *[13]T) T {
	var b [8]T
	copy(b[:], c[:8])
	for m, next := 8, 8; ; next++ {
		lo := b[0]
		for j := 1; j < m-1; j++ {
			lo, b[j] = sort2s(lo, b[j])
		}
		b[m-1] = maxs(lo, b[m-1]) // the least dropped: b[1:m] remain
		hi := b[m-1]
		for j := 1; j < m-2; j++ {
			b[j], hi = sort2s(b[j], hi)
		}
		b[m-2] = mins(b[m-2], hi) // the greatest dropped: b[1:m-1] remain
		b[0] = c[next]            // b[0:m-1] with the next value
		if next == 12 {
			return maxs(mins(b[0], b[1]), mins(maxs(b[0], b[1]), b[2]))
		}
		m--
	}
}

func bytes5[T gips.Pixel](r *[5][]T) *[5][]byte {
	var b [5][]byte
	for k := range r {
		b[k] = bytesOf(r[k])
	}
	return &b
}
