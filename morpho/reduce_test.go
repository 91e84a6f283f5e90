package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestReduceRowsMatchScalar: reduceRows (the AVX2 many-row kernel in the
// SIMD build, the pure-Go passes otherwise and with useReduceSIMD off)
// equals the element loop written here, for 8- to 32-bit rows of every
// length around the 32- and 128-byte steps, 1 to 150 rows (past one
// pointer chunk), the output one of the rows or not, min and max.
func TestReduceRowsMatchScalar(t *testing.T) {
	for _, simd := range []bool{true, false} {
		useReduceSIMD = simd
		reduceCase[uint8](t, simd)
		reduceCase[uint16](t, simd)
		reduceCase[int16](t, simd)
		reduceCase[int8](t, simd)
		reduceCase[int32](t, simd)
		reduceCase[uint32](t, simd)
	}
	useReduceSIMD = true
}

func reduceCase[T gips.Pixel](t *testing.T, simd bool) {
	rng := rand.New(rand.NewPCG(80, 81))
	for _, n := range []int{1, 15, 16, 31, 32, 33, 64, 100, 127, 128, 129, 200, 300} {
		for _, k := range []int{1, 2, 3, 4, 5, 9, 63, 64, 65, 150} {
			for _, hi := range []bool{false, true} {
				for _, alias := range []bool{false, true} {
					rows := make([][]T, k)
					for i := range rows {
						rows[i] = make([]T, n+rng.IntN(3))
						for j := range rows[i] {
							rows[i][j] = T(int64(rng.Uint64())) // every bit pattern of the integer types
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
					compare(t, fmt.Sprintf("%T simd=%v n=%d rows=%d hi=%v alias=%v", v[0], simd, n, k, hi, alias), v, want)
				}
			}
		}
	}
}
