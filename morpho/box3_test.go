package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

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
		box3Case(t, n, func() float32 { return cleanGen(rng) })
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
	clean := laneKindOf[T]() == kF32 && cleanRef(bytesOf([]T{cval})) // the kernel's promise: rows and cval clean
	for _, r := range rows {
		clean = clean && cleanRef(bytesOf(r))
	}
	saved := simdBox3
	defer func() { simdBox3, box3Wide, useReduceSIMD = saved, true, true }()
	for _, m := range modes {
		e := xEdgesOf(n, m)
		for _, hi := range []bool{false, true} {
			simdBox3 = func(laneKind, bool, []byte, []byte, []byte, []byte, []byte, xEdges, []byte, bool) bool { return false }
			var want [][]T
			for _, red := range []bool{true, false} { // the generic path, its reduce kernel on and off
				useReduceSIMD = red
				w := make([]T, n)
				box3Row(w, make([]T, n+2), &rows, hi, e, cval, cvb, false)
				want = append(want, w)
			}
			useReduceSIMD = true
			simdBox3 = saved
			for _, wide := range []bool{true, false} {
				box3Wide = wide
				got := make([]T, n)
				box3Row(got, make([]T, n+2), &rows, hi, e, cval, cvb, clean)
				for _, w := range want {
					compareBits(t, fmt.Sprintf("%T n=%d %v max=%v wide=%v", got[0], n, m, hi, wide), got, w)
				}
			}
		}
	}
}

// cleanGen makes float32 values without NaN and -0 (the 3x3 kernel's
// MINPS rows): +0, ±Inf, ±1 and random finite values of both signs.
func cleanGen(rng *rand.Rand) float32 {
	switch rng.IntN(6) {
	case 0:
		return 0
	case 1:
		return float32(math.Inf(1 - 2*rng.IntN(2)))
	case 2:
		return float32(1 - 2*rng.IntN(2))
	}
	return float32(rng.NormFloat64() * 100)
}

// cleanRef is f32Clean by its definition, a pixel at a time.
func cleanRef(b []byte) bool {
	for _, v := range unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), len(b)/4) {
		if v != v || v == 0 && math.Signbit(float64(v)) {
			return false
		}
	}
	return true
}

// TestF32CleanMatchesDefinition: f32Clean (and f32CleanPixel) find a NaN
// (either payload, either sign) or a -0 at any place of rows of every
// length to 140, and pass clean rows (+0 and ±Inf included) where the
// build has the kernel.
func TestF32CleanMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(92, 93))
	bad := []float32{float32(math.NaN()), math.Float32frombits(0xffc00001), math.Float32frombits(0x7f800001), float32(math.Copysign(0, -1))}
	for n := 1; n <= 140; n++ {
		row := make([]float32, n)
		for i := range row {
			row[i] = cleanGen(rng)
		}
		b := bytesOf(row)
		kernel := f32Clean(b) // false where the build has none
		if kernel && !cleanRef(b) {
			t.Fatalf("n=%d: clean row flagged clean wrongly", n)
		}
		if n >= 16 && f32Clean(bytesOf(make([]float32, 16))) && !kernel {
			t.Fatalf("n=%d: a clean row not found clean", n)
		}
		for i := range n {
			for _, v := range bad {
				row[i], v = v, row[i]
				if f32Clean(b) || f32CleanPixel(bytesOf(row[i:i+1])) {
					t.Fatalf("n=%d: %x at %d not found", n, math.Float32bits(row[i]), i)
				}
				row[i] = v
			}
			if !cleanRef(bytesOf(row[i:i+1])) || !f32CleanPixel(bytesOf(row[i:i+1])) {
				t.Fatalf("pixel %v not clean", row[i])
			}
		}
	}
}
