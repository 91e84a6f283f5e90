package arith

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// linFix16Weights are dyadic weights (blends, differences, sums, large
// shifts, negative constants, weights at the int32 bound) and random
// ones, all of which linFix16For must accept.
func linFix16Weights() [][3]float64 {
	ks := [][3]float64{{0.5, 0.5, 0}, {0.5, -0.5, 0.5}, {1, 1, 0}, {-1, 0, 65535.5}, {0.25, 0.75, -0.5},
		{1, -1, 0}, {-1, 1, 0}, {0.5, 0.5, -0.5}, {0.5, 0.5, 0.25}, {2, 3, -70000}, {0, 0, 65534.5}, {0, 0, -0.5},
		{0, 0, 0}, {1.0 / 65536, 0, 0.5}, {1.0 / 65536, 1.0 / 65536, 0}, {0.125, -0.375, 1000.5},
		{8191, 8191, 0}, {-8191, 8191, 1e5}, {0, 1, 0}, {1, 0, 0}}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 40 {
		s := float64(int(1) << rng.IntN(12))
		ks = append(ks, [3]float64{float64(rng.IntN(4001)-2000) / s, float64(rng.IntN(4001)-2000) / s,
			float64(rng.IntN(400001)-200000) / (2 * s)})
	}
	return ks
}

// linFix16Inputs are every value of a paired with five patterns of b.
func linFix16Inputs(tail int) (a []uint16, bs [][]uint16) {
	a = make([]uint16, 65536+tail)
	for i := range a {
		a[i] = uint16(i)
	}
	bs = make([][]uint16, 5)
	for j := range bs {
		bs[j] = make([]uint16, len(a))
	}
	for i := range a {
		bs[0][i], bs[1][i], bs[2][i], bs[3][i], bs[4][i] = uint16(i), 65535-uint16(i), uint16(i*7919), uint16(i+1), 0
	}
	return a, bs
}

// TestLinFix16MatchesFormula: the integer kernel's Go loop against the
// float64 formula (linOne) and against math.Round of the exact value,
// clamped (both rules are round half away from zero), on every value of
// a with five patterns of b and 2^20 random pairs, for each weight of
// linFix16Weights; and linFix16For refuses weights that are not
// multiples of 2^-16, NaN, Inf, weights that would overflow int32 and
// weights beyond int16.
func TestLinFix16MatchesFormula(t *testing.T) {
	a, bs := linFix16Inputs(0)
	rng := rand.New(rand.NewPCG(7, 8))
	ra, rb := make([]uint16, 1<<20), make([]uint16, 1<<20)
	for i := range ra {
		ra[i], rb[i] = uint16(rng.Uint32()), uint16(rng.Uint32())
	}
	for _, k := range linFix16Weights() {
		w, ok := linFix16For(k[0], k[1], k[2])
		if !ok {
			t.Fatalf("%v: refused", k)
		}
		check := func(x, y uint16) {
			got := linFix16(x, y, w)
			if want := linOne(x, y, k[0], k[1], k[2], 0, 65535); got != want {
				t.Fatalf("%v (%+v): a=%d b=%d gives %d, the formula %d", k, w, x, y, got, want)
			}
			if want := uint16(min(max(math.Round(k[0]*float64(x)+k[1]*float64(y)+k[2]), 0), 65535)); got != want {
				t.Fatalf("%v (%+v): a=%d b=%d gives %d, math.Round %d", k, w, x, y, got, want)
			}
		}
		for _, b := range bs {
			for i := range a {
				check(a[i], b[i])
			}
		}
		for i := range ra {
			check(ra[i], rb[i])
		}
	}
	for _, k := range [][3]float64{{0.1, 0.5, 0}, {0.5, 0.5, 0.1}, {1.0 / 3, 0, 0}, {math.NaN(), 0, 0}, {math.Inf(1), 0, 0},
		{0, 0, math.Inf(-1)}, {1.0 / (1 << 17), 0, 0}, {16384, 16384, 0}, {0, 0, 1 << 31}, {1e300, 0, 0}, {32768, 0, 0.5}, {0, -32768, 0.5}} {
		if w, ok := linFix16For(k[0], k[1], k[2]); ok {
			t.Errorf("%v: accepted as %+v", k, w)
		}
	}
}

// TestLinFix16SIMDMatchesGo: the AVX2 kernel against linFix16 on the
// same inputs, the pixels after the last whole vector left untouched.
func TestLinFix16SIMDMatchesGo(t *testing.T) {
	const tail = 11
	a, bs := linFix16Inputs(tail)
	d := make([]uint16, len(a))
	for _, k := range linFix16Weights() {
		w, _ := linFix16For(k[0], k[1], k[2])
		for _, b := range bs {
			for i := range d {
				d[i] = 0xAAAA
			}
			n := simdLinearFix16(d, a, b, w)
			if n == 0 {
				t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
			}
			if n != len(d)&^15 {
				t.Fatalf("did %d of %d", n, len(d))
			}
			for i := range d {
				want := uint16(0xAAAA)
				if i < n {
					want = linFix16(a[i], b[i], w)
				}
				if d[i] != want {
					t.Fatalf("%v (%+v): a=%d b=%d gives %d, want %d", k, w, a[i], b[i], d[i], want)
				}
			}
		}
	}
}

// TestLinearCombination16Image: LinearCombinationInto on a UInt16 image
// (odd width, so rows end off a vector) with dyadic weights, which take
// the integer path, and with others, against math.Round of the formula
// pixel by pixel.
func TestLinearCombination16Image(t *testing.T) {
	g := gips.Geometry2d(gips.UInt16, 333, 67)
	a, b, d := mustImg(t, g), mustImg(t, g), mustImg(t, g)
	pa, pb := pixels16(t, a), pixels16(t, b)
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range pa {
		pa[i], pb[i] = uint16(rng.Uint32()), uint16(rng.Uint32())
		if i%97 == 0 {
			pa[i], pb[i] = 65535, 65535
		}
	}
	for _, k := range [][3]float64{{0.5, 0.5, 0}, {1, -1, 0}, {0.75, 0.5, 7.5}, {0.3, 0.6, 1}} {
		if err := LinearCombinationInto(d, a, b, k[0], k[1], k[2]); err != nil {
			t.Fatal(err)
		}
		for i, v := range pixels16(t, d) {
			want := uint16(min(max(math.Round(k[0]*float64(pa[i])+k[1]*float64(pb[i])+k[2]), 0), 65535))
			if v != want {
				t.Fatalf("%v: pixel %d: %d, want %d", k, i, v, want)
			}
		}
	}
}

func mustImg(t *testing.T, g gips.Geometry) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func pixels16(t *testing.T, img *gips.Image) []uint16 {
	t.Helper()
	p, err := gips.Planes[uint16](img)
	if err != nil {
		t.Fatal(err)
	}
	return p[0].Pix
}

// TestLinFixMatchesFormula: the UInt8 integer kernel's Go loop (linFix)
// gives the float64 formula (linOne) and math.Round of the exact value
// on every pair of bytes for every weight linFixFor accepts here
// (blends, sums, constants below 0 that round to it, and random
// multiples of 2^-8), so linear may use it at any size without building
// and checking the formula's table.
func TestLinFixMatchesFormula(t *testing.T) {
	ks := [][3]float64{{0.5, 0.5, 0}, {1, 1, 0}, {0.25, 0.75, 3}, {2, 0, 0.5}, {100, 20, 0}, {0, 0, 200.5},
		{0.00390625, 0.0078125, 0}, {0.125, 0.5, 100}, {1, 0, -0.5}, {0.49609375, 0.5, 0}, {0.5, 0.5, -0.25}, {0, 1, 0}}
	rng := rand.New(rand.NewPCG(17, 18))
	for range 60 {
		ks = append(ks, [3]float64{float64(rng.IntN(256)) / 256, float64(rng.IntN(256)) / 256, float64(rng.IntN(512)-128) / 256})
	}
	for _, k := range ks {
		w, ok := linFixFor(k[0], k[1], k[2])
		if !ok {
			continue // (a random constant below -1/2)
		}
		for i := range 1 << 16 {
			a, b := uint8(i>>8), uint8(i)
			got := linFix(a, b, w)
			if want := linOne(a, b, k[0], k[1], k[2], 0, 255); got != want {
				t.Fatalf("%v (%+v): a=%d b=%d gives %d, the formula %d", k, w, a, b, got, want)
			}
			if want := uint8(min(max(math.Round(k[0]*float64(a)+k[1]*float64(b)+k[2]), 0), 255)); got != want {
				t.Fatalf("%v (%+v): a=%d b=%d gives %d, math.Round %d", k, w, a, b, got, want)
			}
		}
	}
}
