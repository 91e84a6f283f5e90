package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The 3x3x3 median, a row at a time, from sorted columns. The window at
// (x, y, z) is three columns of nine values (the 3x3 cross-sections in y
// and z at x-1, x and x+1), and each column serves the three windows that
// contain it, so it is sorted once:
//
//   - the three planes' values are sorted at each (x, y) (cols3, three
//     exchanges), once per row for the three output rows that read it (a
//     ring of three rows per band);
//   - the three sorted triples of a column are sorted across y rank by
//     rank (nine exchanges), which leaves a 3x3 matrix sorted both ways
//     (a, b, c / d, e, f / g, h, i), and seven more exchanges sort it:
//     a is the least, min(b, d) next, then min(c, g, max(b, d)), and the
//     middle three are max(b, d) <= e <= min(f, h) with min(c, g) and
//     max(c, g) merged in (cols9: 32 minima and maxima per pixel).
//
// The window's three sorted columns A, B, C form a 9x3 matrix sorted down
// each column; sorting its rows as well keeps the columns sorted, and in
// a matrix sorted both ways the element of row r and row-rank k has at
// least (r+1)(k+1) values at or below it and (9-r)(3-k) at or above. The
// median is the 14th of 27, so seven values are certainly below it (the
// least of rows 0 to 4 and the middle of rows 0 and 1), seven certainly
// above, and it is the 7th of the other 13, which are three sorted runs:
// the least of rows 5 to 8, the middle of rows 2 to 6, the greatest of
// rows 0 to 3 (32 minima and maxima for these partial row sorts). The
// first and last runs merge (Batcher's odd-even merge of 4 and 4, 16
// minima and maxima without the ends, which are not needed), and the 7th
// of the merged eight X and the middle run Y (both sorted) is
// min(max(X2, Y5), max(X3, Y4), ..., max(X6, Y1), X7) (10 more).
//
// That is about 100 minima and maxima per pixel where forgetful
// selection over the 27 values takes 390; whole rows of them run 32 or
// 64 bytes per instruction with AVX2 or AVX-512 for 8- and 16-bit pixels
// (median27_simd.go). The exchanges are monotone, so the network selects
// the median of all inputs if it does of all inputs of zeros and ones;
// TestMedian27Exhaustive01 tries every column of zeros and ones and every
// window of three sorted 0/1 columns.

// simdCols9 and simdMed27 are the SIMD twins of cols9 and med27Row for
// unsigned 8-bit (w16 false) and 16-bit rows as bytes; they return the
// bytes done (none in the pure-Go build).
var (
	simdCols9 = func(w16 bool, s, t [9][]byte) int { return 0 }
	simdMed27 = func(w16 bool, out []byte, s [9][]byte) int { return 0 }
)

// isBox333 says whether the footprint offsets are the 3x3x3 box.
func isBox333(offs [][3]int) bool {
	if len(offs) != 27 {
		return false
	}
	for _, o := range offs {
		for _, c := range o {
			if c < -1 || c > 1 {
				return false
			}
		}
	}
	return true
}

// median3x3x3 is the 3x3x3 median of the planes in (one volume) into
// out, which must not overlap in: a band of rows of one plane per task.
func median3x3x3[T gips.Pixel](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error {
	nx, ny, nz := d.NX, d.NY, d.NZ
	band := min(ny, 16)
	nb := (ny + band - 1) / band
	cv := make([]T, nx)
	for i := range cv {
		cv[i] = cval
	}
	return nbhd.Parallel(nz*nb, 1, func(lo, hi int) {
		ring := make([]T, 9*nx) // the sorted plane triples of three rows
		var s [9][]T            // the sorted columns, one pixel of border each side
		var vals [27]T
		for k := range s {
			s[k] = make([]T, nx+2)
		}
		for t := lo; t < hi; t++ {
			z, y0 := t/nb, (t%nb)*band
			var planes [3]gips.Plane[T]
			var inside [3]bool
			for k := range planes {
				zz, ok := border.Index(z+k-1, nz, m)
				if ok {
					planes[k] = in[zz]
				}
				inside[k] = ok
			}
			tags := [3]int{math.MinInt, math.MinInt, math.MinInt}
			triple := func(e int) [3][]T { // the sorted triple of virtual row e
				slot := mod(e, 3)
				r := ring[3*slot*nx : 3*(slot+1)*nx]
				lo, mid, hi := r[:nx], r[nx:2*nx], r[2*nx:]
				if tags[slot] != e {
					var rows [3][]T
					j, oky := border.Index(e, ny, m)
					for k := range rows {
						rows[k] = cv
						if oky && inside[k] {
							rows[k] = planes[k].Row(j)
						}
					}
					cols3(!medLaneOf[T]().float(), lo, mid, hi, rows[0], rows[1], rows[2]) // floats: the Go loops (NaN, -0)
					tags[slot] = e
				}
				return [3][]T{lo, mid, hi}
			}
			for y := y0; y < min(y0+band, ny); y++ {
				var tr [9][]T
				for k := range 3 {
					p := triple(y + k - 1)
					tr[3*k], tr[3*k+1], tr[3*k+2] = p[0], p[1], p[2]
				}
				var cols [9][]T
				for k := range cols {
					cols[k] = s[k][1 : nx+1]
				}
				cols9(&cols, &tr)
				for _, e := range [2][2]int{{-1, 0}, {nx, nx + 1}} { // the columns beyond the sides
					j, ok := border.Index(e[0], nx, m)
					for k := range s {
						s[k][e[1]] = cval
						if ok {
							s[k][e[1]] = s[k][j+1]
						}
					}
				}
				med27Row(out[z].Row(y), &s)
				if medLaneOf[T]().float() { // NaN outputs: the windows with a NaN, redone as scipy (rank_nan.go)
					var rows [9][]T
					for k := range rows {
						rows[k] = cv
						j, ok := border.Index(y+k%3-1, ny, m)
						if ok && inside[k/3] {
							rows[k] = planes[k/3].Row(j)
						}
					}
					fixNaN(out[z].Row(y), rows[:], m, cval, 13, vals[:])
				}
			}
		}
	})
}

// cols9 sorts each column of nine: s[0][x] <= ... <= s[8][x] are the
// values t[k][x], where t[3j], t[3j+1], t[3j+2] are sorted (a sorted
// triple per row j). All rows are len(s[0]) long at least.
func cols9[T gips.Pixel](s, t *[9][]T) {
	done := 0
	switch any(s[0]).(type) {
	case []uint8:
		done = simdCols9(false, bytes9(s), bytes9(t))
	case []uint16:
		done = simdCols9(true, bytes9(s), bytes9(t)) / 2
	}
	n := len(s[0])
	for x := done; x < n; x++ {
		a, b, c := sort3(t[0][x], t[3][x], t[6][x]) // rank 0 of the triples
		d, e, f := sort3(t[1][x], t[4][x], t[7][x]) // rank 1
		g, h, i := sort3(t[2][x], t[5][x], t[8][x]) // rank 2
		b, d = sort2(b, d)
		f, h = sort2(f, h)
		c, g = sort2(c, g)
		c, d = sort2(c, d)
		f, g = sort2(f, g)
		s[0][x], s[1][x], s[2][x] = a, b, c
		s[3][x], s[4][x], s[5][x] = min(d, e), max(d, min(e, f)), max(e, f)
		s[6][x], s[7][x], s[8][x] = g, h, i
	}
}

// sort3 is a, b, c in order.
func sort3[T gips.Pixel](a, b, c T) (T, T, T) {
	a, b = sort2(a, b)
	b, c = sort2(b, c)
	a, b = sort2(a, b)
	return a, b, c
}

// med27Row sets out[x] to the median of the sorted columns x, x+1, x+2 of
// s (each len(out)+2 long at least).
func med27Row[T gips.Pixel](out []T, s *[9][]T) {
	done := 0
	switch o := any(out).(type) {
	case []uint8:
		done = simdMed27(false, o, bytes9(s))
	case []uint16:
		done = simdMed27(true, bytesOf(o), bytes9(s)) / 2
	}
	for x := done; x < len(out); x++ {
		var r [9][3]T
		for k := range r {
			r[k] = [3]T(s[k][x : x+3])
		}
		out[x] = med27(&r)
	}
}

// med27 is the median of the 27 values of r, whose columns r[.][j] are
// sorted.
func med27[T gips.Pixel](r *[9][3]T) T {
	// The greatest of rows 0 to 3, the middle of rows 2 to 6, the least of
	// rows 5 to 8.
	var hi [4]T
	var mid [5]T
	var lo [4]T
	for k := range 2 {
		hi[k] = max(r[k][0], r[k][1], r[k][2])
		lo[2+k] = min(r[7+k][0], r[7+k][1], r[7+k][2])
	}
	for k := 2; k < 4; k++ {
		l, h := sort2(r[k][0], r[k][1])
		hi[k], mid[k-2] = max(h, r[k][2]), max(l, min(h, r[k][2]))
	}
	mid[2] = med3(r[4][0], r[4][1], r[4][2])
	for k := 5; k < 7; k++ {
		l, h := sort2(r[k][0], r[k][1])
		lo[k-5], mid[k-2] = min(l, r[k][2]), min(h, max(l, r[k][2]))
	}
	// X = lo and hi merged (odd-even), but for its least and greatest.
	m1 := max(lo[0], hi[0])
	m2, v4 := sort2(lo[2], hi[2])
	v2, v3 := sort2(m1, m2)
	w1, n1 := sort2(lo[1], hi[1])
	n2 := min(lo[3], hi[3])
	w2, w3 := sort2(n1, n2)
	x2, x3 := sort2(v2, w1)
	x4, x5 := sort2(v3, w2)
	x6, x7 := sort2(v4, w3)
	return min(max(x2, mid[4]), max(x3, mid[3]), max(x4, mid[2]), max(x5, mid[1]), max(x6, mid[0]), x7)
}

// bytes9 is r as bytes, by value: a pointer passed to the hooks would
// escape, and cost an allocation a row.
func bytes9[T gips.Pixel](r *[9][]T) [9][]byte {
	var b [9][]byte
	for k := range r {
		b[k] = bytesOf(r[k])
	}
	return b
}
