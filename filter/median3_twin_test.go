package filter

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/morpho"
)

// TestMedian3Twins runs the 3x3 median with its vector rows (under
// GOEXPERIMENT=simd, both widths) against the Go loops alone, bit for bit,
// on every pixel type: random values with the type's least and greatest,
// 0, ties, and for floats ±Inf and, in a quarter of the rows, NaNs of
// three kinds and -0 (which keep their rows and their neighbours on the
// Go loops), in every mode with a plain, an edge and a special constant.
func TestMedian3Twins(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		twins3[uint8](t)
		twins3[int8](t)
		twins3[uint16](t)
		twins3[int16](t)
		twins3[uint32](t)
		twins3[int32](t)
		twins3[float32](t)
		twins3[float64](t)
	})
}

func twins3[T gips.Pixel](t *testing.T) {
	rng := rand.New(rand.NewPCG(84, 85))
	for _, d := range []nbhd.Dims{{NX: 77, NY: 13, NZ: 1}, {NX: 130, NY: 9, NZ: 2}, {NX: 1, NY: 5, NZ: 1}, {NX: 33, NY: 1, NZ: 1}, {NX: 7, NY: 2, NZ: 2}, {NX: 64, NY: 3, NZ: 1}} {
		src := medianTwinPixels[T](rng, d)
		cvals := append([]T{1, twinEdges[T]()[0]}, twinSpecials[T]()...)
		for _, m := range []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap} {
			for _, cv := range cvals {
				want := make([]T, len(src))
				withoutVectors(func() {
					if err := median3x3(planesOf(want, d), planesOf(src, d), d, m, cv); err != nil {
						t.Fatal(err)
					}
				})
				got := make([]T, len(src))
				if err := median3x3(planesOf(got, d), planesOf(src, d), d, m, cv); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(bytesOf(got), bytesOf(want)) {
					for i := range got {
						if !bytes.Equal(bytesOf(got[i:i+1]), bytesOf(want[i:i+1])) {
							t.Fatalf("%T %v %v cval %v: pixel %d: vectors %v, Go %v", src[0], d, m, cv, i, got[i], want[i])
						}
					}
				}
				if m != gips.Constant {
					break // one constant will do
				}
			}
		}
	}
}

// withoutVectors runs f with the medians' vector rows off.
func withoutVectors(f func()) {
	c, m, c5, m5 := simdCols3, simdMed3, simdCols5F, simdMed5F
	defer func() { simdCols3, simdMed3, simdCols5F, simdMed5F = c, m, c5, m5 }()
	simdCols5F = func(s, r *[5][]byte) int { return 0 }
	simdMed5F = func(out []byte, s *[5][]byte) int { return 0 }
	simdCols3 = func(medLane, []byte, []byte, []byte, []byte, []byte, []byte) int { return 0 }
	simdMed3 = func(medLane, []byte, []byte, []byte, []byte) int { return 0 }
	f()
}

// medianTwinPixels is d's pixels: random, one in eight an edge value, one in
// four from 0 to 3 (ties), and specials in about a quarter of the rows.
func medianTwinPixels[T gips.Pixel](rng *rand.Rand, d nbhd.Dims) []T {
	src := make([]T, d.Len())
	edges, specials := twinEdges[T](), twinSpecials[T]()
	float := gips.TypeOf[T]().IsFloat()
	for i := range src {
		switch r := rng.IntN(8); {
		case r == 0:
			src[i] = edges[rng.IntN(len(edges))]
		case r < 3:
			src[i] = T(rng.IntN(4))
		case float:
			src[i] = T(rng.NormFloat64() * 1000)
		default:
			src[i] = T(rng.Uint64()) // the low bits: every value of T
		}
	}
	for r := 0; r < d.NY*d.NZ && len(specials) > 0; r++ {
		if rng.IntN(4) == 0 {
			for range 1 + rng.IntN(2) {
				src[r*d.NX+rng.IntN(d.NX)] = specials[rng.IntN(len(specials))]
			}
		}
	}
	return src
}

// twinEdges is T's least and greatest, 0, and for floats ±Inf.
func twinEdges[T gips.Pixel]() []T {
	lo, hi := gips.TypeOf[T]().Range()
	e := []T{T(lo), T(hi), 0}
	if gips.TypeOf[T]().IsFloat() {
		e = append(e, T(math.Inf(1)), T(math.Inf(-1)))
	}
	return e
}

// twinSpecials is, for floats, a quiet NaN, a negative NaN with a
// payload, a signalling NaN, and -0; none for integers.
func twinSpecials[T gips.Pixel]() []T {
	var s any
	switch any(*new(T)).(type) {
	case float32:
		s = []float32{math.Float32frombits(0x7fc00000), math.Float32frombits(0xffc01234), math.Float32frombits(0x7f800001), float32(math.Copysign(0, -1))}
	case float64:
		s = []float64{math.Float64frombits(0x7ff8000000000000), math.Float64frombits(0xfff8000000001234), math.Float64frombits(0x7ff0000000000001), math.Copysign(0, -1)}
	default:
		return nil
	}
	return s.([]T)
}

// TestCleanRow checks the NaN and -0 scan on rows long enough for the
// vectors (both widths, and the 32-byte step after 64-byte ones), a
// special at each place in turn, against rows of edges (±Inf, the
// greatest and least finite values, +0), which are clean.
func TestCleanRow(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		for _, n := range []int{37, 45, 7} {
			cleanRowCase[float32](t, n, []float32{math.Float32frombits(0xffffffff), math.Float32frombits(0x7fffffff), math.Float32frombits(0xff800001)})
			cleanRowCase[float64](t, n, []float64{math.Float64frombits(0xffffffffffffffff), math.Float64frombits(0x7fffffffffffffff)})
		}
	})
}

func cleanRowCase[T float32 | float64](t *testing.T, n int, more []T) {
	k := medLaneOf[T]()
	r := make([]T, n)
	edges := []T{T(math.Inf(1)), T(math.Inf(-1)), T(math.MaxFloat32), -T(math.MaxFloat32), 0}
	for i := range r {
		r[i] = T(i) - 3 // +0 among them: clean
		if i%3 == 0 {
			r[i] = edges[i%len(edges)]
		}
	}
	if !cleanRow(k, r) {
		t.Fatalf("%T: clean row said unclean", r[0])
	}
	for _, s := range append(twinSpecials[T](), more...) {
		for i := range r {
			old := r[i]
			r[i] = s
			if cleanRow(k, r) {
				t.Fatalf("%T: %v at %d not seen", r[0], s, i)
			}
			r[i] = old
		}
	}
}

// BenchmarkMedian3Types times the 3x3 median of 1024x1024 and 4096x4096
// images of each type, CPU time at one worker for -cpu 1. The images are
// random bits: a float row of them holds NaNs (one value in 256), so the
// float cases time the Go loops that such rows keep, not the vectors.
func BenchmarkMedian3Types(b *testing.B) {
	for _, n := range []int{1024, 4096} {
		for _, bt := range []gips.BufferType{gips.Real32, gips.Int16, gips.UInt16, gips.Real64, gips.Int32} {
			g := gips.Geometry2d(bt, n, n)
			in := imgtest.BenchImages(b, g, 1)[0]
			out := imgtest.BenchOutput(b, g)
			b.Run(fmt.Sprintf("%v/%d", bt, n), func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(g))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := MedianInto(out, in, morpho.Rect(3, 3)); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}

// TestMedian5FloatTwins runs the float32 5x5 median (its vector rows
// under GOEXPERIMENT=simd, both widths) against the Go rows' selection
// of each window's 25 values in row order (quickselect, as float boxes
// ran before, or scipy's where they hold a NaN), bit for bit:
// random values, edges, ties, and NaNs and -0 in a quarter of the rows, in
// every mode with a plain, an edge and a special constant.
func TestMedian5FloatTwins(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(86, 87))
		for _, d := range []nbhd.Dims{{NX: 77, NY: 13, NZ: 1}, {NX: 150, NY: 9, NZ: 2}, {NX: 5, NY: 5, NZ: 1}, {NX: 33, NY: 1, NZ: 1}, {NX: 9, NY: 2, NZ: 2}, {NX: 64, NY: 3, NZ: 1}} {
			src := medianTwinPixels[float32](rng, d)
			for _, m := range []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap} {
				for _, cv := range append([]float32{1, twinEdges[float32]()[0]}, twinSpecials[float32]()...) {
					want := bruteNth5(src, d, m, cv)
					got := make([]float32, len(src))
					if err := median5x5f(planesOf(got, d), planesOf(src, d), d, m, cv); err != nil {
						t.Fatal(err)
					}
					for i := range got {
						if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
							t.Fatalf("%v %v cval %v: pixel %d: got %v, quickselect %v", d, m, cv, i, got[i], want[i])
						}
					}
					if m != gips.Constant {
						break
					}
				}
			}
		}
	})
}

// bruteNth5 is rankVals of each 5x5 window's values read through
// border.Index in row order.
func bruteNth5[T gips.Pixel](src []T, d nbhd.Dims, m gips.BorderMode, cval T) []T {
	out := make([]T, len(src))
	var v [25]T
	for z := range d.NZ {
		for y := range d.NY {
			for x := range d.NX {
				for k := range v {
					yy, oky := border.Index(y+k/5-2, d.NY, m)
					xx, okx := border.Index(x+k%5-2, d.NX, m)
					v[k] = cval
					if oky && okx {
						v[k] = src[(z*d.NY+yy)*d.NX+xx]
					}
				}
				out[(z*d.NY+y)*d.NX+x] = rankVals(v[:], 12)
			}
		}
	}
	return out
}
