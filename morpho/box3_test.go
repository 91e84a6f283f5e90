package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestBox3MatchesGeneric: box3Row's SIMD kernels (AVX-512 and AVX2 in the
// SIMD build) equal its pure-Go path (mm3, the border pixels, mm3; with
// the reduce kernel on and off) bit for bit, on every row length up to
// 140 (around the 32- and 64-byte steps and their overlapping last
// vectors), every border mode, min and max, values that include the
// types' extremes (floats: NaNs of two payloads, ±0, ±Inf).
func TestBox3MatchesGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(90, 91))
	for n := 1; n <= 140; n++ {
		box3Case(t, n, edgeGen(rng, func() uint8 { return uint8(rng.Uint32()) }, 0, 255))
		box3Case(t, n, edgeGen(rng, func() uint16 { return uint16(rng.Uint32()) }, 0, 65535))
		box3Case(t, n, edgeGen(rng, func() int16 { return int16(rng.Uint32()) }, -32768, 32767))
		box3Case(t, n, func() float32 { return floatGen[float32](rng) })
		box3Case(t, n, edgeGen(rng, func() int8 { return int8(rng.Uint32()) }, -128, 127))
		box3Case(t, n, func() float64 { return floatGen[float64](rng) })
		box3Case(t, n, edgeGen(rng, func() int32 { return int32(rng.Uint32()) }, math.MinInt32, math.MaxInt32))
	}
}

func box3Case[T gips.Pixel](t *testing.T, n int, gen func() T) {
	var rows [3][]T
	for i := range rows {
		rows[i] = make([]T, n)
		for j := range rows[i] {
			rows[i][j] = gen()
		}
	}
	cval := gen()
	cvb := bytesOf([]T{cval})
	saved := simdBox3
	defer func() { simdBox3, box3Wide, useReduceSIMD = saved, true, true }()
	for _, m := range modes {
		e := xEdgesOf(n, m)
		for _, hi := range []bool{false, true} {
			simdBox3 = func(laneKind, bool, []byte, []byte, []byte, []byte, []byte, xEdges, []byte) bool { return false }
			var want [][]T
			for _, red := range []bool{true, false} { // the generic path, its reduce kernel on and off
				useReduceSIMD = red
				w := make([]T, n)
				box3Row(w, make([]T, n+2), &rows, hi, e, cval, cvb)
				want = append(want, w)
			}
			useReduceSIMD = true
			simdBox3 = saved
			for _, wide := range []bool{true, false} {
				box3Wide = wide
				got := make([]T, n)
				box3Row(got, make([]T, n+2), &rows, hi, e, cval, cvb)
				for _, w := range want {
					compareBits(t, fmt.Sprintf("%T n=%d %v max=%v wide=%v", got[0], n, m, hi, wide), got, w)
				}
			}
		}
	}
}
