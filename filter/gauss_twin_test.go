package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// The twin tests of the float path's vector loops (symVec, convertRow's
// widening, the int16 store): bit for bit what the Go loops give. In the
// pure-Go build both runs take the Go loops, and the tests hold trivially.

// goLoops runs f with every vector loop of the float path switched off.
func goLoops(f func()) {
	st, st16, a8, a9 := simdStore, simdStoreI16, axpy8F32, axpy9F32
	vecOff = true
	simdStore = func(bool, []byte, []float32, float32) int { return 0 }
	simdStoreI16 = func([]byte, []float32, float32) int { return 0 }
	axpy8F32, axpy9F32 = nil, nil
	defer func() {
		vecOff = false
		simdStore, simdStoreI16, axpy8F32, axpy9F32 = st, st16, a8, a9
	}()
	f()
}

// sameBits reports whether a and b are the same float, any NaN equal to
// any NaN (which NaN an operation on two gives is the compiler's choice of
// operand order).
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b
}

// twinValue draws float inputs: mostly ordinary values of spread
// magnitudes, now and then -0, ±0.5, an infinity, NaN or the float32
// extremes (whose sums overflow).
func twinValue(rng *rand.Rand) float32 {
	if rng.IntN(64) == 0 {
		edges := []float32{float32(math.Copysign(0, -1)), 0.5, -0.5, float32(math.Inf(1)), float32(math.Inf(-1)),
			float32(math.NaN()), math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32}
		return edges[rng.IntN(len(edges))]
	}
	return float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(5)-2)))
}

// TestSymVecMatchesGo runs symmetric (symVec, then the Go loops on the
// tail) and its Go loops alone on lines of every length up to 140 (each
// block size and tail) and every radius up to 40 (each schedule), on a
// line of -0 too (0 + -0 is +0: the schedule's first sum must be added to
// 0 exactly when the Go loops do).
func TestSymVecMatchesGo(t *testing.T) { symTwin(t) }

func symTwin(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 22))
	for r := 0; r <= 40; r++ {
		w := make([]float32, r+1)
		for j := range w {
			w[j] = rng.Float32()
		}
		for n := 0; n <= 140; n += 1 + n/16 {
			ext := make([]float32, n+2*r)
			for i := range ext {
				ext[i] = twinValue(rng)
			}
			if n%5 == 1 {
				for i := range ext {
					ext[i] = float32(math.Copysign(0, -1))
				}
			}
			src := func(j int) []float32 { return ext[r+j : r+j+n] }
			got, want := make([]float32, n), make([]float32, n)
			symmetric(got, w, src)
			goLoops(func() { symGo(want, w, src) })
			for i := range want {
				if !sameBits(float64(got[i]), float64(want[i])) {
					t.Fatalf("radius %d, length %d, pixel %d: vector %v (%#x), Go %v (%#x)", r, n, i,
						got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
				}
			}
		}
	}
}

// TestConvertRowMatchesGo: the widened rows of 8- and 16-bit pixels,
// each type's extremes included, on every length up to 40.
func TestConvertRowMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 22))
	for n := 0; n <= 40; n++ {
		convertCase(t, n, func() uint8 { return uint8(rng.IntN(256)) }, []uint8{0, 255})
		convertCase(t, n, func() uint16 { return uint16(rng.IntN(65536)) }, []uint16{0, 65535})
		convertCase(t, n, func() int16 { return int16(rng.IntN(65536) - 32768) }, []int16{-32768, 32767, -1, 0})
	}
}

func convertCase[S gips.Pixel](t *testing.T, n int, draw func() S, edges []S) {
	src := make([]S, n)
	for i := range src {
		src[i] = draw()
		if i%7 == 0 {
			src[i] = edges[i%len(edges)]
		}
	}
	got := make([]float32, n)
	if !convertRow(got, src) {
		t.Fatalf("%T: no fast path", src)
	}
	for i, v := range src {
		if got[i] != float32(v) {
			t.Fatalf("%T length %d, pixel %d: %v, want %v", src, n, i, got[i], float32(v))
		}
	}
}

// TestGaussianVectorMatchesGo filters images of float32, float64, int16,
// uint16 and uint8 pixels (edge values among them) with odd widths, in
// every border mode, into Real32 and into the input's type, with the
// vector loops and with the Go loops, and wants the same bits; a volume
// too.
func TestGaussianVectorMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 22))
	types := []gips.BufferType{gips.Real32, gips.Real64, gips.Int16, gips.UInt16, gips.UInt8}
	sizes := [][3]int{{1, 5, 1}, {9, 23, 1}, {37, 11, 1}, {70, 19, 1}, {133, 40, 1}, {45, 13, 6}}
	sigmas := [][3]float64{{1, 1, 1}, {2, 2, 2}, {3, 0.7, 1.2}, {4, 1.5, 0}, {0, 2.5, 1}}
	for _, bt := range types {
		for si, sz := range sizes {
			img := twinImage(t, rng, bt, sz)
			for _, s := range sigmas {
				for _, m := range modes {
					for _, out := range []gips.BufferType{gips.Real32, bt} {
						name := fmt.Sprintf("%v %v sigma %v %v into %v", bt, sz, s, m, out)
						opts := []Option{WithMode(m), WithCval(-3.5), WithOutput(out), WithPrecise()}
						got, err := GaussianXYZ(img, s[0], s[1], s[2], opts...)
						if err != nil {
							t.Fatal(err)
						}
						var want *gips.Image
						goLoops(func() { want, err = GaussianXYZ(img, s[0], s[1], s[2], opts...) })
						if err != nil {
							t.Fatal(err)
						}
						gv, wv := imgtest.ImageValues(t, got), imgtest.ImageValues(t, want)
						for i := range wv {
							if !sameBits(gv[i], wv[i]) {
								t.Fatalf("%s (size %d): pixel %d: vector %v, Go %v", name, si, i, gv[i], wv[i])
							}
						}
					}
				}
			}
		}
	}
}

// twinImage is an image of type bt and sizes x, y, z (z 1: 2D) whose
// values include the type's extremes and, for floats, -0, infinities and
// NaN.
func twinImage(t *testing.T, rng *rand.Rand, bt gips.BufferType, sz [3]int) *gips.Image {
	n := sz[0] * sz[1] * sz[2]
	shape := []int{sz[1], sz[0]}
	if sz[2] > 1 {
		shape = []int{sz[2], sz[1], sz[0]}
	}
	lo, hi := bt.Range()
	var a gips.Array
	switch bt {
	case gips.Real32:
		d := make([]float32, n)
		for i := range d {
			d[i] = twinValue(rng)
		}
		a = gips.ArrayOf(d, shape...)
	case gips.Real64:
		d := make([]float64, n)
		for i := range d {
			d[i] = float64(twinValue(rng))
		}
		a = gips.ArrayOf(d, shape...)
	case gips.Int16:
		a = gips.ArrayOf(twinInts[int16](rng, n, lo, hi), shape...)
	case gips.UInt16:
		a = gips.ArrayOf(twinInts[uint16](rng, n, lo, hi), shape...)
	default:
		a = gips.ArrayOf(twinInts[uint8](rng, n, lo, hi), shape...)
	}
	img, err := gips.FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// twinInts draws integers over [lo, hi], one in eight an extreme.
func twinInts[S int16 | uint16 | uint8](rng *rand.Rand, n int, lo, hi float64) []S {
	d := make([]S, n)
	for i := range d {
		v := math.Floor(lo + rng.Float64()*(hi-lo+1))
		switch rng.IntN(16) {
		case 0:
			v = lo
		case 1:
			v = hi
		}
		d[i] = S(v)
	}
	return d
}
