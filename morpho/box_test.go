package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// TestBoxPathMatchesBruteForce runs the fast box path (box.go: bands of
// rows read straight from planes, shifted minima and doublings along x, y
// and z, the AVX2 / SWAR / scalar row kernels with their tails) against
// the brute-force footprint kernel, erosion and dilation, in every mode,
// on widths around the vector sizes and boxes up to beyond the image.
func TestBoxPathMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(70, 71))
	dims := []nbhd.Dims{{NX: 77, NY: 13, NZ: 3}, {NX: 45, NY: 40, NZ: 1}, {NX: 1, NY: 11, NZ: 5}, {NX: 33, NY: 1, NZ: 2}, {NX: 2, NY: 2, NZ: 9}}
	for _, d := range dims {
		u8 := make([]uint8, d.Len())
		u16 := make([]uint16, d.Len())
		i8 := make([]int8, d.Len())
		f32 := make([]float32, d.Len())
		i32 := make([]int32, d.Len())
		for i := range u8 {
			u8[i] = uint8(rng.IntN(256))
			u16[i] = uint16(rng.IntN(65536))
			i8[i] = int8(rng.IntN(256) - 128)
			f32[i] = float32(rng.NormFloat64())
			i32[i] = int32(rng.Uint32())
		}
		boxPaths(t, d, u8, 7)
		boxPaths(t, d, u16, 300)
		boxPaths(t, d, i8, -3)
		boxPaths(t, d, f32, 0.5)
		boxPaths(t, d, i32, 9)
		useReduceSIMD = false // the pure-Go twins of the int8, int32 and float rows
		boxPaths(t, d, i8, -3)
		boxPaths(t, d, i32, 9)
		boxPaths(t, d, f32, 0.5)
		useReduceSIMD = true
	}
}

func boxPaths[T gips.Pixel](t *testing.T, d nbhd.Dims, src []T, cval T) {
	ses := []SE{Box(3, 3, 1), Box(3, 3, 3), Box(2, 5, 4), Box(5, 1, 1), Box(1, 4, 1), Box(15, 15, 1), Box(7, 6, 5),
		Box(33, 1, 1), Box(1, 1, 15), Box(2, 2, 2), Box(1, 3, 3), Box(5, 1, 9), Box(4, 1, 2)}
	if d.Len() < 100 { // beyond the image (the brute force costs its volume per pixel)
		ses = append(ses, Box(5*d.NX+3, 2*d.NY+1, 4))
	}
	for _, s := range ses {
		if s.size[2] > 1 && d.NZ == 1 {
			continue
		}
		for _, m := range modes {
			for _, hi := range []bool{false, true} {
				name := fmt.Sprintf("%T %v box%v %v max=%v", src[0], d, s.size, m, hi)
				var want []T
				if hi { // max = flip(min(flip)) over the reflected box
					f := append([]T(nil), src...)
					nbhd.Flip(f)
					want = bruteMin(f, d, s, true, m, nbhd.FlipValue(cval))
					nbhd.Flip(want)
				} else {
					want = bruteMin(src, d, s, false, m, cval)
				}
				got := make([]T, len(src))
				err := boxFilter(bufView(got, d), bufView(src, d), d, boxWindow(s, hi, d), hi, m, cval, nil)
				if err != nil {
					t.Fatal(err)
				}
				compare(t, name, got, want)
			}
		}
	}
}

// TestRowOpsMatchScalar: the AVX2 and SWAR row kernels (and their tails)
// equal Go's min and max on every length up to 100, two and three rows.
// Signed, 32-bit and float rows take the AVX2 reduce kernel (useReduceSIMD
// on; uint8, uint16, int16 and float32 the AVX-512 one) or SWAR,
// arithmetic and Go's min alone, on values that include the
// type's extremes (floats: NaNs, ±0, ±Inf), bit for bit.
func TestRowOpsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(72, 73))
	defer func() { useReduceSIMD, box3Wide = true, true }()
	for _, simd := range []bool{true, false} {
		useReduceSIMD, box3Wide = simd, simd // box3Wide: the AVX-512 kernel of mmRows (simdTri)
		for n := range 100 {
			rowOps(t, n, func() uint8 { return uint8(rng.IntN(256)) })
			rowOps(t, n, func() uint16 { return uint16(rng.IntN(65536)) })
			rowOps(t, n, edgeGen(rng, func() int8 { return int8(rng.Uint32()) }, -128, 127))
			rowOps(t, n, edgeGen(rng, func() int16 { return int16(rng.Uint32()) }, -32768, 32767))
			rowOps(t, n, edgeGen(rng, func() int32 { return int32(rng.Uint32()) }, math.MinInt32, math.MaxInt32))
			rowOps(t, n, edgeGen(rng, rng.Uint32, 0, math.MaxUint32))
			rowOps(t, n, func() float32 { return floatGen[float32](rng) })
			rowOps(t, n, func() float64 { return floatGen[float64](rng) })
		}
	}
}

// edgeGen draws from gen, one value in four instead the type's lowest or
// highest, 0 or -1 (the lanes' sign and carry edges).
func edgeGen[T gips.Pixel](rng *rand.Rand, gen func() T, lo, hi T) func() T {
	return func() T {
		switch rng.IntN(16) {
		case 0:
			return lo
		case 1:
			return hi
		case 2:
			return 0
		case 3:
			return lo + hi // -1 for the signed types
		}
		return gen()
	}
}

func rowOps[T gips.Pixel](t *testing.T, n int, gen func() T) {
	a, b, c := make([]T, n), make([]T, n), make([]T, n)
	for i := range a {
		a[i], b[i], c[i] = gen(), gen(), gen()
	}
	for _, hi := range []bool{false, true} {
		got2, got3 := make([]T, n), make([]T, n)
		mm2(got2, a, b, hi)
		mm3(got3, a, b, c, hi)
		for i := range n {
			w2, w3 := min(a[i], b[i]), min(a[i], b[i], c[i])
			if hi {
				w2, w3 = max(a[i], b[i]), max(a[i], b[i], c[i])
			}
			if !sameBits(got2[i], w2) || !sameBits(got3[i], w3) {
				t.Fatalf("%T n=%d max=%v pixel %d: got %v %v, want %v %v", a[0], n, hi, i, got2[i], got3[i], w2, w3)
			}
		}
	}
}

// TestSubSatTwinsMatchScalar: subSat's word kernel (AVX2 in the SIMD
// build, SWAR in both) equals the saturating difference pixel by pixel on
// every length up to 100, in place on either operand too.
func TestSubSatTwinsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(74, 75))
	for n := range 100 {
		subTwins(t, n, func() uint8 { return uint8(rng.IntN(256)) })
		subTwins(t, n, func() uint16 { return uint16(rng.IntN(65536)) })
	}
}

func subTwins[T uint8 | uint16](t *testing.T, n int, gen func() T) {
	a, b := make([]T, n), make([]T, n)
	for i := range a {
		a[i], b[i] = gen(), gen()
		if i%5 == 0 {
			b[i] = a[i] // ties give 0
		}
	}
	want := make([]T, n)
	for i := range want {
		if a[i] > b[i] {
			want[i] = a[i] - b[i]
		}
	}
	var z T
	w16 := unsafe.Sizeof(z) == 2
	l := lanes8
	if w16 {
		l = lanes16
	}
	swar := make([]T, n)
	copy(swar, b)
	saved := simdSub
	simdSub = func(bool, []byte, []byte, []byte) int { return 0 } // the pure-Go twin alone
	done := subWords(l, w16, bytesOf(swar), bytesOf(a), bytesOf(swar)) / int(unsafe.Sizeof(z))
	simdSub = saved
	for i := range done {
		if swar[i] != want[i] {
			t.Fatalf("%T n=%d SWAR pixel %d: got %v, want %v", z, n, i, swar[i], want[i])
		}
	}
	got, in := append([]T(nil), a...), append([]T(nil), b...)
	subSat(got, got, in) // out = a: the SIMD twin when the build has it
	for i := range n {
		if got[i] != want[i] {
			t.Fatalf("%T n=%d pixel %d: got %v, want %v", z, n, i, got[i], want[i])
		}
	}
}

// TestSubSatOtherTwinsMatchScalar: subSat on int8, int16, int32 and float
// rows (AVX2 in the SIMD build, the Go loops with simdSubOther off) equals
// the difference clamped in int64 (floats: Go's subtraction, bit for bit,
// NaNs included) on every length up to 100, in place too.
func TestSubSatOtherTwinsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(76, 77))
	saved := simdSubOther
	defer func() { simdSubOther = saved }()
	for _, simd := range []bool{true, false} {
		if !simd {
			simdSubOther = func(laneKind, []byte, []byte, []byte) int { return 0 }
		}
		for n := range 100 {
			subOther(t, n, edgeGen(rng, func() int8 { return int8(rng.Uint32()) }, -128, 127), func(a, b int8) int8 {
				return int8(min(max(int64(a)-int64(b), -128), 127))
			})
			subOther(t, n, edgeGen(rng, func() int16 { return int16(rng.Uint32()) }, -32768, 32767), func(a, b int16) int16 {
				return int16(min(max(int64(a)-int64(b), -32768), 32767))
			})
			subOther(t, n, edgeGen(rng, func() int32 { return int32(rng.Uint32()) }, math.MinInt32, math.MaxInt32), func(a, b int32) int32 {
				return int32(min(max(int64(a)-int64(b), math.MinInt32), math.MaxInt32))
			})
			subOther(t, n, func() float32 { return floatGen[float32](rng) }, func(a, b float32) float32 { return a - b })
			subOther(t, n, func() float64 { return floatGen[float64](rng) }, func(a, b float64) float64 { return a - b })
		}
	}
}

func subOther[T gips.Pixel](t *testing.T, n int, gen func() T, sub func(a, b T) T) {
	a, b := make([]T, n), make([]T, n)
	for i := range a {
		a[i], b[i] = gen(), gen()
	}
	got := append([]T(nil), a...)
	subSat(got, got, b)
	for i := range n {
		if w := sub(a[i], b[i]); !sameBits(got[i], w) {
			t.Fatalf("%T n=%d pixel %d: %v - %v: got %v, want %v", a[0], n, i, a[i], b[i], got[i], w)
		}
	}
}
