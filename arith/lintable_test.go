package arith

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// The table path of the 8-bit linear combination (images of at least
// linTableMin pixels) against the formula computed here per pixel: every
// (a, b) pair of UInt8 and Int8, with weights that round, saturate and
// land on halves.
func TestLinearCombinationTableMatchesFormula(t *testing.T) {
	const w, h = 512, 512 // 2^18 pixels: every pair 4 times
	for _, k := range [][3]float64{{0.5, 0.5, 0}, {0.3, -1.7, 2.5}, {1, 1, 0}, {-0.25, 0.75, -100}} {
		ua, ub := make([]uint8, w*h), make([]uint8, w*h)
		sa, sb := make([]int8, w*h), make([]int8, w*h)
		for i := range ua {
			ua[i], ub[i] = uint8(i>>8), uint8(i)
			sa[i], sb[i] = int8(ua[i]), int8(ub[i])
		}
		checkLin(t, ua, ub, w, h, k, 0, 255)
		checkLin(t, sa, sb, w, h, k, -128, 127)
	}
}

func checkLin[T uint8 | int8](t *testing.T, a, b []T, w, h int, k [3]float64, lo, hi float64) {
	t.Helper()
	ia, _ := gips.FromArray(gips.ArrayOf(a, h, w))
	ib, _ := gips.FromArray(gips.ArrayOf(b, h, w))
	got, err := LinearCombination(ia, ib, k[0], k[1], k[2])
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := gips.Planes[T](got)
	for y := range h {
		for x, g := range ps[0].Row(y) {
			i := y*w + x
			v := float64(k[0]*float64(a[i])) + float64(k[1]*float64(b[i])) + k[2]
			want := math.Min(math.Max(math.Round(v), lo), hi)
			if float64(g) != want {
				t.Fatalf("%T %v: %v*%d + %v*%d + %v = %v, want %v", a[0], k, k[0], a[i], k[1], b[i], k[2], g, want)
			}
		}
	}
}

// TestLinearF32SIMDMatchesGo: the AVX2 float32 UInt8 kernel against its Go
// twin linOne32 on every pair of bytes (and an odd tail left untouched),
// for weights that round, saturate, land on halves, are tiny, and at
// random; and linF32Exact accepts it for weights whose float32 results
// are the float64 formula's (halves, sums of bytes), so that the image
// path through it runs in TestLinearCombinationTableMatchesFormula.
// Skipped in builds without the kernel.
func TestLinearF32SIMDMatchesGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	a, b := make([]uint8, 65536+11), make([]uint8, 65536+11)
	for i := range 65536 {
		a[i], b[i] = uint8(i), uint8(i>>8)
	}
	ks := [][3]float32{{0.5, 0.5, 0}, {0.3, -1.7, 2.5}, {1, 1, 0}, {-0.25, 0.75, -100}, {0.5, -0.5, 127.5},
		{1.0 / 3, 2.0 / 3, 0.5}, {0.1, 0.2, 0.3}, {-1, -1, 300}, {1e-30, -1e-30, 0.5}, {1e30, -1e30, 1e30},
		{0, 0, 254.5}, {0, 0, -0.49999997}, {0.49999997, 0, 0}}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 40 {
		ks = append(ks, [3]float32{float32(rng.NormFloat64() * 2), float32(rng.NormFloat64() * 2), float32(rng.NormFloat64() * 100)})
	}
	d := make([]uint8, len(a))
	for _, k := range ks {
		for i := range d {
			d[i] = 0xAA
		}
		n := simdLinear8(d, a, b, k[0], k[1], k[2])
		if n != len(d)&^31 {
			t.Fatalf("did %d of %d", n, len(d))
		}
		for i := range d {
			want := uint8(0xAA)
			if i < n {
				want = linOne32(a[i], b[i], k[0], k[1], k[2])
			}
			if d[i] != want {
				t.Fatalf("%v: %v*%d + %v*%d + %v = %d, want %d", k, k[0], a[i], k[1], b[i], k[2], d[i], want)
			}
		}
	}
	for _, k := range [][3]float64{{0.5, 0.5, 0}, {1, 1, 0}, {-0.25, 0.75, -100}} {
		var lut [1 << 16]uint8
		for i := range lut {
			lut[i] = linOne(uint8(i>>8), uint8(i), k[0], k[1], k[2], 0, 255)
		}
		if !linF32Exact(&lut, k[0], k[1], k[2]) {
			t.Errorf("%v: the float32 kernel is refused", k)
		}
		lut[12345]++
		if linF32Exact(&lut, k[0], k[1], k[2]) {
			t.Errorf("%v: the float32 kernel is accepted for a table it does not give", k)
		}
	}
}

// TestAffineSIMDMatchesGo: the AVX2 UInt8 affine kernel against its Go
// twin affineOne32 on every byte (and an odd tail left untouched), for
// weights that saturate, land on halves, are negative, and at random;
// and affine8Row accepts it for multiply by 1.5 and 0.5 (so that the image
// path runs in the numpy tests) but not for a formula it does not give.
func TestAffineSIMDMatchesGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	a := make([]uint8, 256*3+7)
	for i := range a {
		a[i] = uint8(i)
	}
	ks := [][2]float32{{1.5, 0.5}, {0.5, 0.5}, {-1, 0.5}, {1.0 / 3, 0.5}, {2.7, 0.25}, {1e30, 0.5}, {0, 254.9}}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 40 {
		ks = append(ks, [2]float32{float32(rng.NormFloat64() * 2), float32(rng.NormFloat64() * 10)})
	}
	d := make([]uint8, len(a))
	for _, k := range ks {
		for i := range d {
			d[i] = 0xAA
		}
		n := simdAffine8(d, a, k[0], k[1])
		if n != len(d)&^31 {
			t.Fatalf("did %d of %d", n, len(d))
		}
		for i := range d {
			want := uint8(0xAA)
			if i < n {
				want = affineOne32(a[i], k[0], k[1])
			}
			if d[i] != want {
				t.Fatalf("%v: %d gives %d, want %d", k, a[i], d[i], want)
			}
		}
	}
	for _, v := range []float64{1.5, 0.5} {
		var want [256]uint8
		for i := range want {
			want[i] = gips.Saturate[uint8](float64(i) * v)
		}
		if affine8Row(&want, sMul, v) == nil {
			t.Errorf("multiply by %v: the kernel is refused", v)
		}
	}
	var want [256]uint8
	for i := range want {
		want[i] = gips.Saturate[uint8](float64(i)*1.5 + 1)
	}
	if affine8Row(&want, sMul, 1.5) != nil {
		t.Error("the kernel is accepted for a formula it does not give")
	}
}

// TestLinear16SIMDMatchesGo: the AVX2 UInt16 linear combination against
// its Go twin linOne (the float64 formula) on every value of a, paired
// with several patterns of b, for weights that land on halves, saturate
// both ways, give NaN (0 * Inf) and Inf, are tiny, huge, and at random;
// the pixels after the last whole vector are left untouched.
func TestLinear16SIMDMatchesGo(t *testing.T) {
	const tail = 9
	a := make([]uint16, 65536+tail)
	for i := range a {
		a[i] = uint16(i)
	}
	bs := [][]uint16{make([]uint16, len(a)), make([]uint16, len(a)), make([]uint16, len(a)), make([]uint16, len(a)), make([]uint16, len(a))}
	for i := range a {
		bs[0][i], bs[1][i], bs[2][i], bs[3][i], bs[4][i] = uint16(i), 65535-uint16(i), uint16(i*7919), uint16(i+1), 0
	}
	inf := math.Inf(1)
	ks := [][3]float64{{0.5, 0.5, 0}, {0.5, -0.5, 0.5}, {1, 1, 0}, {-1, 0, 65535.5}, {1.0 / 3, 2.0 / 3, 0}, {0.25, 0.25, -0.5},
		{inf, 0, 0}, {0, -inf, 0}, {inf, -inf, 0}, {0, 0, math.NaN()}, {1e300, 1e300, 0}, {5e-324, 0, 0.5},
		{0, 0, 0.49999999999999994}, {0, 0, 65534.5}, {0, 0, -0.5}, {1, -1, 0.5}, {0.1, 0.2, 0.3}}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 30 {
		ks = append(ks, [3]float64{rng.NormFloat64() * 2, rng.NormFloat64() * 2, rng.NormFloat64() * 20000})
	}
	d := make([]uint16, len(a))
	for _, b := range bs {
		for _, k := range ks {
			for i := range d {
				d[i] = 0xAAAA
			}
			n := simdLinear16(d, a, b, k[0], k[1], k[2])
			if n == 0 {
				t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
			}
			if n != len(d)&^15 {
				t.Fatalf("did %d of %d", n, len(d))
			}
			for i := range d {
				want := uint16(0xAAAA)
				if i < n {
					want = linOne(a[i], b[i], k[0], k[1], k[2], 0, 65535)
				}
				if d[i] != want {
					t.Fatalf("%v: %v*%d + %v*%d + %v = %d, want %d", k, k[0], a[i], k[1], b[i], k[2], d[i], want)
				}
			}
		}
	}
}

// TestLinearFixSIMDMatchesGo: the AVX2 16-bit integer UInt8 kernel
// against its Go twin linFix on every pair of bytes (and an odd tail left
// untouched), for the weights linFixFor makes of blends, sums, large and
// tiny weights and at random; linFixExact accepts them where they give the
// float64 formula's table (weights that are multiples of 2^-8, so that the
// image path through it runs in TestLinearCombinationTableMatchesFormula)
// and refuses a table they do not give and negative weights.
func TestLinearFixSIMDMatchesGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	a, b := make([]uint8, 65536+13), make([]uint8, 65536+13)
	for i := range 65536 {
		a[i], b[i] = uint8(i), uint8(i>>8)
	}
	ks := [][3]float64{{0.5, 0.5, 0}, {1, 1, 0}, {0.25, 0.75, 3}, {2, 0, 0.5}, {100, 20, 0}, {0, 0, 200.5},
		{0.00390625, 0.0078125, 0}, {0.125, 0.5, 100}, {1, 0, -0.5}, {0.49609375, 0.5, 0}}
	rng := rand.New(rand.NewPCG(15, 16))
	for range 30 { // multiples of 2^-8 whose sums fit in 16 bits
		ks = append(ks, [3]float64{float64(rng.IntN(128)) / 256, float64(rng.IntN(128)) / 256, float64(rng.IntN(256)) / 256})
	}
	d := make([]uint8, len(a))
	for _, k := range ks {
		w, ok := linFixFor(k[0], k[1], k[2])
		if !ok {
			t.Fatalf("%v: no weights", k)
		}
		for i := range d {
			d[i] = 0xAA
		}
		n := simdLinearFix8(d, a, b, w)
		if n != len(d)&^31 {
			t.Fatalf("did %d of %d", n, len(d))
		}
		for i := range d {
			want := uint8(0xAA)
			if i < n {
				want = linFix(a[i], b[i], w)
			}
			if d[i] != want {
				t.Fatalf("%v (%+v): a %d b %d gives %d, want %d", k, w, a[i], b[i], d[i], want)
			}
		}
	}
	for _, k := range [][3]float64{{0.5, 0.5, 0}, {1, 1, 0}, {0.25, 0.75, 3}, {0.125, 0.5, 100}, {2, 0, 0.5}} {
		var lut [1 << 16]uint8
		for i := range lut {
			lut[i] = linOne(uint8(i>>8), uint8(i), k[0], k[1], k[2], 0, 255)
		}
		if _, ok := linFixExact(&lut, k[0], k[1], k[2]); !ok {
			t.Errorf("%v: the integer kernel is refused", k)
		}
		lut[54321]++
		if _, ok := linFixExact(&lut, k[0], k[1], k[2]); ok {
			t.Errorf("%v: the integer kernel is accepted for a table it does not give", k)
		}
	}
	for _, k := range [][3]float64{{-0.5, 1, 0}, {0.3, 0.7, 0}, {1.0 / 3, 1.0 / 3, 0}, {0.5, 0.5, 0.1}, {200, 200, 0}} {
		if w, ok := linFixFor(k[0], k[1], k[2]); ok {
			t.Errorf("%v: integer weights %+v made (negative, not multiples of 2^-8, or too large)", k, w)
		}
	}
}
