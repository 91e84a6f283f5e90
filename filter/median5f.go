package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The 5x5 median of float32 pixels. Go's min and max order -0 below +0
// and spread NaNs, the vector MINPS and MAXPS do neither, and the
// selection that float boxes ran before (quickselect, rank.go's nth over
// the 25 values row by row) returns whichever of -0 and +0 its swaps leave
// at the rank. On values without NaN and -0 they all agree bit for bit:
// so an output row whose five source rows (extended, ring5) hold no NaN
// and no -0 runs the sorted-columns network of median5.go in vectors
// (median5f_simd.go), and every other pixel (a row's tail, rows near a
// NaN or -0, the pure-Go build) the same quickselect on the same 25 values
// in the same order as before, or scipy's selection where they hold a NaN
// (rank_nan.go).

// simdCols5F and simdMed5F are the vector cols5 and med5Row of float32
// rows as bytes; they return the bytes done (none in the pure-Go build).
var (
	simdCols5F = func(s, r *[5][]byte) int { return 0 }
	simdMed5F  = func(out []byte, s *[5][]byte) int { return 0 }
)

// median5x5f is the 5x5 median of float32 planes (median5x5's contract).
func median5x5f[T ~float32](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error {
	return ring5(out, in, d, m, cval, func([]T) {}, func(r []T) bool { return cleanRow(mlF32, r) }, median5RowF[T])
}

// median5RowF is median5Row for float32 rows (each len(dst)+4 long);
// clean says the rows hold no NaN and no -0 (ring5 checks each row once).
func median5RowF[T ~float32](dst []T, rows, s *[5][]T, clean bool) {
	done, w := 0, len(dst)+4
	for k := range rows {
		rows[k], s[k] = rows[k][:w], s[k][:w]
	}
	if clean {
		if nc := simdCols5F(bytes5(s), bytes5(rows)) / 4; nc > 0 {
			for x := nc; x < w; x++ { // the columns the vectors left
				a, b, c, d, e := rows[0][x], rows[1][x], rows[2][x], rows[3][x], rows[4][x]
				a, b = sort2(a, b)
				d, e = sort2(d, e)
				c, e = sort2(c, e)
				c, d = sort2(c, d)
				a, d = sort2(a, d)
				a, c = sort2(a, c)
				b, e = sort2(b, e)
				b, d = sort2(b, d)
				b, c = sort2(b, c)
				s[0][x], s[1][x], s[2][x], s[3][x], s[4][x] = a, b, c, d, e
			}
			done = simdMed5F(bytesOf(dst), bytes5(s)) / 4
		}
	}
	var vals [25]T
	for x := done; x < len(dst); x++ {
		for k := range rows {
			copy(vals[5*k:5*k+5], rows[k][x:x+5])
		}
		if clean { // no NaN: the rows' tails, or the pure-Go build
			dst[x] = nth(vals[:], 12)
		} else {
			dst[x] = rankVals(vals[:], 12)
		}
	}
}
