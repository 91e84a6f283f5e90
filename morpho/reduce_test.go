package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestReduceRowsMatchScalar: reduceRows (the AVX2 many-row kernel in the
// SIMD build, the pure-Go passes otherwise and with useReduceSIMD off)
// equals the element loop written here bit for bit, for every pixel type
// (floats with NaNs of two payloads, ±0 and ±Inf), rows of every
// length around the 32- and 128-byte steps, 1 to 150 rows (past one
// pointer chunk), the output one of the rows or not, min and max.
func TestReduceRowsMatchScalar(t *testing.T) {
	for _, simd := range []bool{true, false} {
		useReduceSIMD = simd
		reduceCase(t, simd, func(r *rand.Rand) uint8 { return uint8(r.Uint32()) })
		reduceCase(t, simd, func(r *rand.Rand) uint16 { return uint16(r.Uint32()) })
		reduceCase(t, simd, func(r *rand.Rand) int16 { return int16(r.Uint32()) })
		reduceCase(t, simd, func(r *rand.Rand) int8 { return int8(r.Uint32()) })
		reduceCase(t, simd, func(r *rand.Rand) int32 { return int32(r.Uint32()) })
		reduceCase(t, simd, func(r *rand.Rand) uint32 { return r.Uint32() })
		reduceCase(t, simd, floatGen[float32])
		reduceCase(t, simd, floatGen[float64])
	}
	useReduceSIMD = true
}

func reduceCase[T gips.Pixel](t *testing.T, simd bool, gen func(*rand.Rand) T) {
	rng := rand.New(rand.NewPCG(80, 81))
	for _, n := range []int{1, 15, 16, 31, 32, 33, 64, 100, 127, 128, 129, 200, 300} {
		for _, k := range []int{1, 2, 3, 4, 5, 9, 63, 64, 65, 150} {
			for _, hi := range []bool{false, true} {
				for _, alias := range []bool{false, true} {
					rows := make([][]T, k)
					for i := range rows {
						rows[i] = make([]T, n+rng.IntN(3))
						for j := range rows[i] {
							rows[i][j] = gen(rng)
						}
					}
					want := make([]T, n)
					for j := range want {
						m := rows[0][j]
						for _, r := range rows[1:] {
							if hi {
								m = max(m, r[j])
							} else {
								m = min(m, r[j])
							}
						}
						want[j] = m
					}
					v := make([]T, n)
					if alias {
						v = rows[0][:n]
					}
					reduceRows(v, rows, hi)
					compareBits(t, fmt.Sprintf("%T simd=%v n=%d rows=%d hi=%v alias=%v", v[0], simd, n, k, hi, alias), v, want)
				}
			}
		}
	}
}

// floatGen draws normal values, one in four instead a NaN (of either of
// two payloads), ±0 or ±Inf: the cases where the vector minimum is not
// Go's.
func floatGen[T float32 | float64](r *rand.Rand) T {
	nan1, nan2 := math.NaN(), math.Float64frombits(0x7ff8_0000_dead_0001)
	edges := [...]float64{nan1, nan2, 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), -nan2, 1}
	if r.IntN(4) == 0 {
		return T(edges[r.IntN(len(edges))])
	}
	return T(r.NormFloat64())
}

// compareBits is compare bit for bit (a NaN equals a NaN of its payload,
// -0 is not +0).
func compareBits[T gips.Pixel](t *testing.T, name string, got, want []T) {
	t.Helper()
	for i := range want {
		if !sameBits(got[i], want[i]) {
			t.Fatalf("%s: pixel %d: got %v, want %v", name, i, got[i], want[i])
		}
	}
}

func sameBits[T gips.Pixel](x, y T) bool {
	return string(bytesOf([]T{x})) == string(bytesOf([]T{y}))
}
