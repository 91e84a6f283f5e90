package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCrossBinRowTwins runs crossBinRow with the machine's kernel
// (simdCross) against the pure-Go passes and a brute force, on every width
// to 200, raw bytes (0, 1, 255 and any other), either extreme and border
// value.
func TestCrossBinRowTwins(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	kernel := simdCross
	defer func() { simdCross = kernel }()
	pick := []uint8{0, 0, 1, 255, 2, 128}
	for n := 1; n <= 200; n++ {
		rows := make([][]uint8, 3)
		for i := range rows {
			rows[i] = make([]uint8, n)
			for x := range rows[i] {
				if rng.IntN(3) == 0 {
					rows[i][x] = uint8(rng.IntN(256))
				} else {
					rows[i][x] = pick[rng.IntN(len(pick))]
				}
			}
		}
		one := cvalRow(n, uint8(1))
		for _, hi := range []bool{false, true} {
			for _, bv := range []uint8{0, 1} {
				name := fmt.Sprintf("n %d hi %v bv %d", n, hi, bv)
				want := make([]uint8, n)
				for x := range want {
					v := rows[1][x]
					for _, u := range []uint8{rows[0][x], rows[2][x], at1(rows[1], x-1, bv), at1(rows[1], x+1, bv)} {
						if hi == (u > v) {
							v = u
						}
					}
					want[x] = min(v, 1)
				}
				for _, k := range []func(out, up, mid, down []uint8, hi bool) bool{kernel, func(_, _, _, _ []uint8, _ bool) bool { return false }} {
					simdCross = k
					got := make([]uint8, n)
					crossBinRow(got, rows[0], rows[1], rows[2], hi, bv, one)
					for x := range want {
						if got[x] != want[x] {
							t.Fatalf("%s: x %d got %d want %d", name, x, got[x], want[x])
						}
					}
				}
			}
		}
	}
}

// at1 is row[x], or bv beyond its ends.
func at1(row []uint8, x int, bv uint8) uint8 {
	if x < 0 || x >= len(row) {
		return bv
	}
	return row[x]
}
