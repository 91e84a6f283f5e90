package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// Ranks of 9 pixels (any footprint of 9, any rank) of float32 images
// sort by rank9Layers' network in vectors (rank9f_simd.go), 8 pixels an
// instruction, on the output rows whose nine source rows hold no NaN and
// no -0. There every exact selection gives the same bits: only +0 and -0
// are distinct values that compare equal, and NaNs compare with nothing,
// which is where scipy's order of comparisons decides. Other rows, and
// the pixels past the last whole vector, keep the selector (nth, or
// scipy's selection where the values hold a NaN: rank_nan.go).

// simdRank9F32 sets out[:done] to the rank r value of rows[k][x] over the
// 9 rows, for the leading whole vectors of out; none in the pure-Go build.
var simdRank9F32 = func(out []float32, rows [][]float32, r int) int { return 0 }

// rank9fFor is the vector rank kernel for footprints of n pixels of type
// T, nil where there is none.
func rank9fFor[T gips.Pixel](n int) func(out []T, rows [][]T, r int) int {
	if n != 9 || !vecFloats {
		return nil
	}
	var f any
	switch any(*new(T)).(type) {
	case float32:
		f = simdRank9F32
	default:
		return nil
	}
	return f.(func(out []T, rows [][]T, r int) int)
}

// rank9Clean says for each extended row of e whether it holds no NaN and
// no -0; the last entry is for the constant row of Constant mode.
func rank9Clean[T gips.Pixel](e *nbhd.Ext[T], cval T) ([]bool, error) {
	rows := e.NY * e.NZ
	clean := make([]bool, rows+1)
	clean[rows] = !special(cval)
	err := nbhd.Parallel(rows, nbhd.Grain(e.W), func(lo, hi int) {
		for r := lo; r < hi; r++ {
			clean[r] = cleanRow(mlF32, e.Pix[r*e.W:(r+1)*e.W])
		}
	})
	return clean, err
}

// rank9RowsClean says whether the rows that output row y of plane z reads
// through offs are all clean (Ext.Row's mapping of rows beyond the volume).
func rank9RowsClean(clean []bool, offs [][3]int, d nbhd.Dims, y, z int, m gips.BorderMode) bool {
	for _, o := range offs {
		r := len(clean) - 1
		yy, oky := border.Index(y+o[1], d.NY, m)
		zz, okz := border.Index(z+o[2], d.NZ, m)
		if oky && okz {
			r = zz*d.NY + yy
		}
		if !clean[r] {
			return false
		}
	}
	return true
}
