package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestShiftRowsMatchesBruteForce checks shiftRows, with its AVX-512
// kernel and without, against the extreme of the shifted copies taken
// pixel by pixel: 1 to 9 copies (the kernel takes 4 and 5), offsets as
// slideRow makes them and ragged ones, rows shorter than a vector, one
// vector and a tail, for 8- and 16-bit rows, signed or not (the
// kernel's), and float32 (the kernel's too: Go's min in the order of the
// copies, bit for bit with NaNs of two payloads, ±0 and ±Inf).
func TestShiftRowsMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(90, 91))
	saved := simdShift
	defer func() { simdShift = saved }()
	for _, simd := range []bool{true, false} {
		if !simd {
			simdShift = func(laneKind, bool, []byte, []byte, *[shiftCopies]int) int { return 0 }
		}
		for _, n := range []int{1, 7, 31, 32, 63, 64, 65, 100, 129, 1000} {
			for k := 1; k <= 9; k++ {
				for _, step := range []int{1, 3, 6} {
					offs := make([]int, k)
					for j := 1; j < k; j++ {
						offs[j] = offs[j-1] + step
						if step == 1 {
							offs[j] = offs[j-1] + 1 + rng.IntN(5) // ragged
						}
					}
					name := fmt.Sprintf("simd=%v n=%d offs=%v", simd, n, offs)
					shiftCase(t, name, n, offs, func() uint8 { return uint8(rng.IntN(256)) })
					shiftCase(t, name, n, offs, func() uint16 { return uint16(rng.IntN(65536)) })
					shiftCase(t, name, n, offs, func() int16 { return int16(rng.IntN(65536) - 32768) })
					shiftCase(t, name, n, offs, func() int8 { return int8(rng.Uint32()) })
					shiftCase(t, name, n, offs, func() float32 { return floatGen[float32](rng) })
				}
			}
		}
	}
}

func shiftCase[T uint8 | uint16 | int8 | int16 | float32](t *testing.T, name string, n int, offs []int, gen func() T) {
	g := make([]T, n+offs[len(offs)-1])
	for i := range g {
		g[i] = gen()
	}
	for _, hi := range []bool{false, true} {
		out := make([]T, n)
		shiftRows(out, g, offs, hi, nil)
		for i := range out {
			want := g[i]
			for _, o := range offs {
				if hi {
					want = max(want, g[i+o])
				} else {
					want = min(want, g[i+o])
				}
			}
			if !sameBits(out[i], want) {
				t.Fatalf("%s %T max=%v pixel %d: got %v, want %v", name, g[0], hi, i, out[i], want)
			}
		}
	}
}
