package color

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestGreyU8SIMDIsGo: uint8-to-uint8 rgbToGrey gives the same bytes with
// the AVX2 loop (GOEXPERIMENT=simd on an AVX2 machine; otherwise both runs
// are the Go loop) as with the Go loop alone: every (r, g, b) triple, and
// rows of every length up to 70 (the SIMD steps and the scalar tail).
// Among the triples are the ties (2125 R + 7154 G + 721 B = 10^4 n - 5000,
// counted here by brute force), where the SIMD loop falls back to the
// float64 numbers.
func TestGreyU8SIMDIsGo(t *testing.T) {
	bothLoops(t, greyU8IsGo)
}

func greyU8IsGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 loop in this build (GOEXPERIMENT=simd on amd64 with AVX2): both runs would be the Go loop")
	}
	ties := 0
	for v := range 1 << 24 {
		if (2125*(v>>16)+7154*(v>>8&255)+721*(v&255)+5000)%10000 == 0 {
			ties++
		}
	}
	if ties == 0 {
		t.Fatal("no tie among the 2^24 triples: the test would not reach the fallback")
	}
	t.Logf("%d ties among the 2^24 triples", ties)
	l := newLoader[uint8](&toGrey)
	run := func(goOnly bool, o, r, g, b []uint8) {
		useGo = goOnly
		defer func() { useGo = false }()
		greyRowLutInt(o, r, g, b, l.greyLut, l.off, 255, 0, 255)
	}
	check := func(r, g, b []uint8) {
		simd, scalar := make([]uint8, len(r)), make([]uint8, len(r))
		run(false, simd, r, g, b)
		run(true, scalar, r, g, b)
		for x := range simd {
			if simd[x] != scalar[x] {
				t.Fatalf("length %d, pixel %d (%d, %d, %d): SIMD %d, Go %d", len(r), x, r[x], g[x], b[x], simd[x], scalar[x])
			}
		}
	}
	r, g, b := make([]uint8, 256), make([]uint8, 256), make([]uint8, 256)
	for i := range 256 {
		for j := range 256 {
			for x := range 256 {
				r[x], g[x], b[x] = uint8(i), uint8(j), uint8(x)
			}
			check(r, g, b)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 71 {
		r, g, b := make([]uint8, n), make([]uint8, n), make([]uint8, n)
		for x := range n {
			r[x], g[x], b[x] = uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))
		}
		check(r, g, b)
	}
}

// TestCbrtSIMDIsGo: cbrtRun gives the same bits with the AVX2 Newton loop
// as with the Go loop, over runs of every length up to a block, of values
// across the whole range, with values outside it (0, negatives, huge,
// tiny, Inf, NaN) among them, and in place (dst = src).
func TestCbrtSIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	odd := []float64{0, -1, 1e-310, 1e308, math.Inf(1), math.NaN(), 0x1p-1000, 0x1p1000, 1, 0.008856}
	for n := 0; n <= block; n += 1 + n/8 {
		src := make([]float64, n)
		for i := range src {
			src[i] = math.Ldexp(0.5+rng.Float64(), rng.IntN(80)-60)
			if rng.IntN(8) == 0 {
				src[i] = odd[rng.IntN(len(odd))]
			}
		}
		simd, scalar := make([]float64, n), make([]float64, n)
		cbrtRun(simd, src)
		inPlace := append([]float64(nil), src...)
		cbrtRun(inPlace, inPlace)
		useGo = true
		cbrtRun(scalar, src)
		useGo = false
		for i := range src {
			if math.Float64bits(simd[i]) != math.Float64bits(scalar[i]) || math.Float64bits(inPlace[i]) != math.Float64bits(scalar[i]) {
				t.Fatalf("n %d: cbrt(%v): SIMD %v, Go %v, SIMD in place %v", n, src[i], simd[i], scalar[i], inPlace[i])
			}
		}
	}
}

// TestQuantizeU8SIMDIsGo: uint8 integer outputs give the same bytes with
// the AVX2 loop as with the Go loop, for values around every rounding
// point and outside the range (negatives, -0, huge, Inf, NaN), with and
// without an offset (Lab's a + 128), in runs of every length up to 40.
func TestQuantizeU8SIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	odd := []float64{0, math.Copysign(0, -1), -1, -0.5, 0.49999999999999994, 0.5, 254.5, 255.49999999999997, 255.5, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, so := range [][2]float64{{255, 0}, {1, 128}, {2.55, 0}} {
		for n := range 41 {
			v := make([]float64, n)
			for i := range v {
				v[i] = (rng.Float64()*300 - 20) / so[0]
				if rng.IntN(3) == 0 {
					v[i] = (math.Floor(rng.Float64()*300-20) + 0.5 - so[1]) / so[0]
				}
				if rng.IntN(6) == 0 {
					v[i] = odd[rng.IntN(len(odd))]
				}
			}
			simd, scalar := make([]uint8, n), make([]uint8, n)
			quantize(simd, v, so[0], so[1], 0, 255)
			useGo = true
			quantize(scalar, v, so[0], so[1], 0, 255)
			useGo = false
			for i := range v {
				if simd[i] != scalar[i] {
					t.Fatalf("scale %v off %v: %v: SIMD %d, Go %d", so[0], so[1], v[i], simd[i], scalar[i])
				}
			}
		}
	}
}

// TestHsvSIMDIsGo: rgbToHsv of scaled integers gives the same bits with
// the AVX2 loop as with hsvRow alone, on runs of every length up to 40 of
// values in [-1, 1] with many ties between channels (which channel's
// formula wins), greys (delta 0), zeros and a zero maximum.
func TestHsvSIMDIsGo(t *testing.T) { bothLoops(t, hsvSIMDIsGo) }

func hsvSIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := range 41 {
		for range 20 {
			var in [3][]float64
			for c := range in {
				in[c] = make([]float64, n)
				for i := range n {
					in[c][i] = float64(rng.IntN(9)-3) / 5 // -0.6 .. 1: ties are common
				}
			}
			var simd, scalar [3][]float64
			for c := range 3 {
				simd[c], scalar[c] = make([]float64, n), make([]float64, n)
			}
			hsvRowInt(simd[0], simd[1], simd[2], in[0], in[1], in[2])
			useGo = true
			hsvRowInt(scalar[0], scalar[1], scalar[2], in[0], in[1], in[2])
			useGo = false
			for c := range 3 {
				for i := range n {
					if math.Float64bits(simd[c][i]) != math.Float64bits(scalar[c][i]) {
						t.Fatalf("n %d pixel %d (%v, %v, %v) channel %d: SIMD %v, Go %v", n, i, in[0][i], in[1][i], in[2][i], c, simd[c][i], scalar[c][i])
					}
				}
			}
		}
	}
}

// TestYCbCrSIMDIsGo: rgbToYCbCr of scaled integers gives the same bits with
// the AVX2 loop as with ycbcrRow alone, on runs of every length up to 40.
func TestYCbCrSIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for n := range 41 {
		var in, simd, scalar [3][]float64
		for c := range 3 {
			in[c], simd[c], scalar[c] = make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range n {
				in[c][i] = float64(rng.IntN(65536)-256) / 65535
			}
		}
		ycbcrRowInt(simd[0], simd[1], simd[2], in[0], in[1], in[2])
		useGo = true
		ycbcrRowInt(scalar[0], scalar[1], scalar[2], in[0], in[1], in[2])
		useGo = false
		for c := range 3 {
			for i := range n {
				if math.Float64bits(simd[c][i]) != math.Float64bits(scalar[c][i]) {
					t.Fatalf("n %d pixel %d channel %d: SIMD %v, Go %v", n, i, c, simd[c][i], scalar[c][i])
				}
			}
		}
	}
}

// TestLabSIMDIsGo: rgbToLab of linear values gives the same bits through
// labRowInt with its AVX2 loop, labRowInt as Go alone and labRow, on runs
// of every length up to a block of linear values, many close to labF's
// threshold, a few NaN, infinite, negative or huge (the per-pixel
// fallback).
func TestLabSIMDIsGo(t *testing.T) { bothLoops(t, labSIMDIsGo) }

func labSIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for n := 0; n <= block; n += 1 + n/6 {
		var in [3][]float64
		for c := range 3 {
			in[c] = make([]float64, n)
			for i := range n {
				in[c][i] = linear(float64(rng.IntN(256)) / 255)
				if rng.IntN(3) == 0 { // around labF's threshold, after the product too
					in[c][i] = 0.0087 + rng.Float64()*0.0003
				}
				if rng.IntN(50) == 0 { // float inputs: the per-pixel fallback
					in[c][i] = []float64{math.NaN(), math.Inf(1), -0.5, 1e305, 3, math.Copysign(0, -1)}[rng.IntN(6)]
				}
			}
		}
		cp := func() (a, b, c []float64) {
			return append([]float64(nil), in[0]...), append([]float64(nil), in[1]...), append([]float64(nil), in[2]...)
		}
		var simd, scalar [3][]float64
		for c := range 3 {
			simd[c], scalar[c] = make([]float64, n), make([]float64, n)
		}
		r, g, b := cp()
		labRowInt(simd[0], simd[1], simd[2], r, g, b)
		r, g, b = cp()
		useGo = true
		labRow(scalar[0], scalar[1], scalar[2], r, g, b)
		r, g, b = cp()
		var twin [3][]float64
		for c := range 3 {
			twin[c] = make([]float64, n)
		}
		labRowInt(twin[0], twin[1], twin[2], r, g, b)
		useGo = false
		same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b }
		for c := range 3 {
			for i := range n {
				if !same(simd[c][i], scalar[c][i]) || !same(twin[c][i], scalar[c][i]) {
					t.Fatalf("n %d pixel %d channel %d: SIMD %v, Go twin %v, labRow %v", n, i, c, simd[c][i], twin[c][i], scalar[c][i])
				}
			}
		}
	}
}

// TestYCbCrU8SIMDIsGo: uint8-to-uint8 rgbToYCbCr gives the same bytes
// with the AVX2 loop (GOEXPERIMENT=simd on an AVX2 machine) as with the Go
// loop alone, for every (r, g, b) triple (a 4096² image holding each once,
// the ties among them: where a channel's 1000·255·value + 127500 is a
// multiple of 255000, counted here by brute force), on rows of every
// length up to 40 (the SIMD steps and the tail), and in place (dst = src).
func TestYCbCrU8SIMDIsGo(t *testing.T) {
	w := [3][4]int{{65481, 128553, 24966, 16 * 255000}, {-37797, -74203, 112000, 128 * 255000}, {112000, -93786, -18214, 128 * 255000}}
	bothLoops(t, func(t *testing.T) {
		ycbcrU8IsGo(t, w)
	})
}

// bothLoops runs test with the AVX-512 loops (where the machine has them)
// and with the AVX2 ones.
// everyLoop runs test with the AVX-512 loops (where the machine has
// them), with the AVX2 ones, and with the Go loops alone (useGo).
func everyLoop(t *testing.T, test func(t *testing.T)) {
	bothLoops(t, test)
	t.Run("go", func(t *testing.T) {
		useGo = true
		defer func() { useGo = false }()
		test(t)
	})
}

func bothLoops(t *testing.T, test func(t *testing.T)) {
	if haveAVX512 {
		t.Run("avx512", test)
	}
	t.Run("avx2", func(t *testing.T) {
		avx2Only = true
		defer func() { avx2Only = false }()
		test(t)
	})
}

func ycbcrU8IsGo(t *testing.T, w [3][4]int) {
	u8SIMDIsGo(t, RgbToYCbCr, RgbToYCbCrInto, func(r, g, b int) (ties int) {
		for _, c := range w {
			if (c[0]*r+c[1]*g+c[2]*b+c[3]+127500)%255000 == 0 {
				ties++
			}
		}
		return ties
	})
}

// TestHsvU8SIMDIsGo is TestYCbCrU8SIMDIsGo for rgbToHsv: hsvU8SIMD's
// float32 quotients against hsvU8Row's integer divisions, the ties (where
// 255 times the rational s or h is x.5, counted) included.
func TestHsvU8SIMDIsGo(t *testing.T) {
	bothLoops(t, hsvU8IsGo)
}

func hsvU8IsGo(t *testing.T) {
	u8SIMDIsGo(t, RgbToHsv, RgbToHsvInto, func(r, g, b int) (ties int) {
		v, m := max(r, g, b), min(r, g, b)
		d := v - m
		if d == 0 {
			return 0
		}
		// skimage's hue: blue's formula over green's over red's.
		var h6 float64
		switch v {
		case b:
			h6 = 4 + float64(r-g)/float64(d)
		case g:
			h6 = 2 + float64(b-r)/float64(d)
		default:
			h6 = float64(g-b) / float64(d)
		}
		if h6 < 0 {
			h6 += 6
		}
		for _, x := range []float64{255 * float64(d) / float64(v), 255 * h6 / 6} {
			if f := x - math.Floor(x); math.Abs(f-0.5) < 1e-9 {
				ties++
			}
		}
		return ties
	})
}

// TestLabU8SIMDIsGo is TestYCbCrU8SIMDIsGo for rgbToLab: labU8SIMD's
// float32 loop and its float64 redo of the unsure pixels against the
// float64 path. TestLabU8ValuesMargin shows that the redo is reached (25
// thousand unsure values among the 2^24 triples).
func TestLabU8SIMDIsGo(t *testing.T) {
	bothLoops(t, func(t *testing.T) { u8SIMDIsGo(t, RgbToLab, RgbToLabInto, nil) })
}

// u8SIMDIsGo is the uint8-to-uint8 twin test of a three-channel
// conversion (see TestYCbCrU8SIMDIsGo); ties counts a triple's tied
// channels, by brute force (nil: no count).
func u8SIMDIsGo(t *testing.T, conv func(*gips.Image, ...Option) (*gips.Image, error), into func(dst, src *gips.Image) error, ties func(r, g, b int) int) {
	if !haveAVX2 {
		t.Skip("no AVX2 loop in this build (GOEXPERIMENT=simd on amd64 with AVX2): both runs would be the Go loop")
	}
	if ties != nil {
		n := 0
		for v := range 1 << 24 {
			n += ties(v>>16, v>>8&255, v&255)
		}
		if n == 0 {
			t.Fatal("no tie among the 2^24 triples: the test would not reach the fallback")
		}
		t.Logf("%d tied channels among the 2^24 triples", n)
	}
	convert := func(goOnly bool, src *gips.Image, inPlace bool) *gips.Image {
		useGo = goOnly
		defer func() { useGo = false }()
		if inPlace {
			dst, err := gips.Copy(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := into(dst, dst); err != nil {
				t.Fatal(err)
			}
			return dst
		}
		dst, err := conv(src, WithOutput(gips.UInt8))
		if err != nil {
			t.Fatal(err)
		}
		return dst
	}
	same := func(name string, src *gips.Image, inPlace bool) {
		a, b := convert(false, src, inPlace), convert(true, src, inPlace)
		pa, _ := gips.Planes[uint8](a)
		pb, _ := gips.Planes[uint8](b)
		ps, _ := gips.Planes[uint8](src)
		g := a.Geometry()
		for c := range 3 {
			for y := range g.SizeY {
				ra, rb := pa[c].Row(y), pb[c].Row(y)
				for x := range ra {
					if ra[x] != rb[x] {
						t.Fatalf("%s: channel %d pixel (%d, %d) rgb (%d, %d, %d): SIMD %d, Go %d", name, c, x, y,
							ps[0].Row(y)[x], ps[1].Row(y)[x], ps[2].Row(y)[x], ra[x], rb[x])
					}
				}
			}
		}
	}
	all := rgbImage(t, 4096, 4096, func(x, y int) (uint8, uint8, uint8) {
		v := y<<12 | x
		return uint8(v >> 16), uint8(v >> 8), uint8(v)
	})
	same("all triples", all, false)
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 1; n <= 40; n++ {
		img := rgbImage(t, n, 3, func(x, y int) (uint8, uint8, uint8) {
			return uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))
		})
		same(fmt.Sprintf("width %d", n), img, false)
		same(fmt.Sprintf("width %d in place", n), img, true)
	}
}

// rgbImage is a width x height uint8 RGB image of the pixels f gives.
func rgbImage(t *testing.T, width, height int, f func(x, y int) (uint8, uint8, uint8)) *gips.Image {
	img, err := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, width, height))
	if err != nil {
		t.Fatal(err)
	}
	p, err := gips.WritablePlanes[uint8](img)
	if err != nil {
		t.Fatal(err)
	}
	for y := range height {
		r, g, b := p[0].Row(y), p[1].Row(y), p[2].Row(y)
		for x := range width {
			r[x], g[x], b[x] = f(x, y)
		}
	}
	return img
}

// TestScaleU8SIMDIsGo: uint8 inputs scaled in vectors (the loader of
// every conversion but rgbToLab, and rgbToGrey's float64 loop) give the
// table's numbers bit for bit: every value, and rows of every length up
// to 300 (the vector steps and the tail).
func TestScaleU8SIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	l, lg := newLoader[uint8](&toHsv), newLoader[uint8](&toGrey)
	for n := range 300 {
		r, g, b := make([]uint8, n), make([]uint8, n), make([]uint8, n)
		for x := range n {
			r[x], g[x], b[x] = uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))
			if n == 256 { // every value
				r[x] = uint8(x)
			}
		}
		got, gotGrey := make([]float64, n), make([]float64, n)
		l.load(got, r)
		greyInto(lg, gotGrey, r, g, b)
		want, wantGrey := make([]float64, n), make([]float64, n)
		useGo = true
		l.load(want, r)
		greyInto(lg, wantGrey, r, g, b)
		useGo = false
		for x := range n {
			if got[x] != want[x] {
				t.Fatalf("n %d: scaled %d: SIMD %v, table %v", n, r[x], got[x], want[x])
			}
			if math.Float64bits(gotGrey[x]) != math.Float64bits(wantGrey[x]) {
				t.Fatalf("n %d: grey(%d, %d, %d): SIMD %v, table %v", n, r[x], g[x], b[x], gotGrey[x], wantGrey[x])
			}
		}
	}
}
