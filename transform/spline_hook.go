package transform

// The vector loops of the spline prefilter and of the z-first
// interpolation (spline_simd.go sets them on AVX2; nil otherwise). Each
// does a prefix of its slices, a multiple of its lane count, rounded as
// the Go loop that finishes the rest (no fused multiply-add), and returns
// the length done: so a sample's value never depends on its column.
var (
	// comb4F64 sets r[i] = w0·a[i] + w1·b[i] + w2·c[i] + w3·d[i] (summed
	// left to right).
	comb4F64 func(r, a, b, c, d []float64, w0, w1, w2, w3 float64) int
	// causalF64 sets row[i] += z·prev[i]; anticausalF64 row[i] =
	// z·(next[i] - row[i]); scaleF64 row[i] *= g.
	causalF64     func(row, prev []float64, z float64) int
	anticausalF64 func(row, next []float64, z float64) int
	scaleF64      func(row []float64, g float64) int
)

// comb4 is comb4F64 on every sample.
func comb4(r, a, b, c, d []float64, w0, w1, w2, w3 float64) {
	a, b, c, d = a[:len(r)], b[:len(r)], c[:len(r)], d[:len(r)]
	x := 0
	if comb4F64 != nil {
		x = comb4F64(r, a, b, c, d, w0, w1, w2, w3)
	}
	for ; x < len(r); x++ {
		r[x] = w0*a[x] + w1*b[x] + w2*c[x] + w3*d[x]
	}
}

// causalRow, anticausalRow and scaleRowF64 are the prefilter's row
// loops (filterLines), vector loop first.
func causalRow(row, prev []float64, z float64) {
	prev = prev[:len(row)]
	k := 0
	if causalF64 != nil {
		k = causalF64(row, prev, z)
	}
	for ; k < len(row); k++ {
		row[k] += z * prev[k]
	}
}

func anticausalRow(row, next []float64, z float64) {
	next = next[:len(row)]
	k := 0
	if anticausalF64 != nil {
		k = anticausalF64(row, next, z)
	}
	for ; k < len(row); k++ {
		row[k] = z * (next[k] - row[k])
	}
}

func scaleRowF64(row []float64, g float64) {
	k := 0
	if scaleF64 != nil {
		k = scaleF64(row, g)
	}
	for ; k < len(row); k++ {
		row[k] *= g
	}
}
