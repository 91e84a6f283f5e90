package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestZoomHalfInt16Float32: the halving of int16 and float32 takes
// zoomHalf and gives the general job's values bit for bit (the scipy tests
// check the job) and the formulas written out here: the rounded mean of
// each 2x2 block for int16, ((((0+a)+b)+c)+d)/4 in float64 for float32,
// in every mode, on imgtest's layouts and rows around the 16-output
// vector blocks, with samples at the types' extremes (NaN, infinities,
// -0, subnormal and huge float32s), at every tier of kernels.
func TestZoomHalfInt16Float32(t *testing.T) { eachTier(t, testZoomHalfInt16Float32) }

func testZoomHalfInt16Float32(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, bt := range []gips.BufferType{gips.Int16, gips.Real32} {
		var imgs []*gips.Image
		for _, s := range imgtest.Samples(t, rng, bt, nil) {
			imgs = append(imgs, s.Img)
		}
		for _, sz := range [][2]int{{2, 2}, {30, 4}, {32, 2}, {34, 6}, {64, 2}, {98, 4}} {
			img, _ := gips.CreateImage(gips.Geometry2d(bt, sz[0], sz[1]))
			if bt == gips.Int16 {
				fillWith(t, img, func() int16 { return zoomSampleI16(rng) })
			} else {
				fillWith(t, img, func() float32 { return zoomSampleF32(rng) })
			}
			imgs = append(imgs, img)
		}
		taken := 0
		for _, img := range imgs {
			g := img.Geometry()
			if g.Volume || g.SizeX%2 != 0 || g.SizeY%2 != 0 {
				continue
			}
			og, err := ZoomGeometry(g, 0.5, 0.5, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range []Mode{Nearest, Reflect, Wrap, GridMirror, Constant, GridConstant} {
				what := fmt.Sprintf("%v %v", g, m)
				c := collect([]Option{WithOrder(1), WithMode(m), WithCval(3), WithGridMode(true)})
				got, _ := gips.CreateImage(og)
				if ok, err := zoomHalf(got, img, c); !ok || err != nil {
					t.Fatalf("%s: zoomHalf not taken (%v, %v)", what, ok, err)
				}
				taken++
				want, _ := gips.CreateImage(og)
				if err := zoomJob(want, img, c).run(); err != nil {
					t.Fatal(err)
				}
				if bt == gips.Int16 {
					zoomHalfCheck(t, what, img, got, want, func(a, b, c, d int16) int16 {
						s := int(a) + int(b) + int(c) + int(d)
						return int16(math.Round(float64(s) / 4)) // half away from zero
					})
				} else {
					zoomHalfCheck(t, what, img, got, want, func(a, b, c, d float32) float32 {
						s := 0.0
						for _, v := range [4]float32{a, b, c, d} {
							s += float64(v)
						}
						return float32(s / 4)
					})
				}
			}
		}
		if taken < 20 {
			t.Fatalf("%v: only %d calls took zoomHalf", bt, taken)
		}
	}
}

// zoomHalfCheck fails unless got and want hold the same bits as f of
// each 2x2 block of in, on every plane.
func zoomHalfCheck[S gips.Pixel](t *testing.T, what string, in, got, want *gips.Image, f func(a, b, c, d S) S) {
	t.Helper()
	sp, _ := gips.Planes[S](in)
	gp, _ := gips.Planes[S](got)
	wp, _ := gips.Planes[S](want)
	bits := func(v S) uint64 { return math.Float64bits(float64(v)) }
	for i := range gp {
		for y := range gp[i].Height {
			for x := range gp[i].Width {
				v, j := gp[i].At(x, y), wp[i].At(x, y)
				e := f(sp[i].At(2*x, 2*y), sp[i].At(2*x+1, 2*y), sp[i].At(2*x, 2*y+1), sp[i].At(2*x+1, 2*y+1))
				if bits(v) != bits(e) || bits(v) != bits(j) {
					t.Fatalf("%s plane %d (%d, %d): %v, want %v (job %v)", what, i, x, y, v, e, j)
				}
			}
		}
	}
}

// zoomSampleI16 is an int16 at the extremes, near 0 (ties of the
// rounding) or anywhere.
func zoomSampleI16(rng *rand.Rand) int16 {
	switch rng.IntN(6) {
	case 0:
		return -1 << 15
	case 1:
		return 1<<15 - 1
	case 2:
		return int16(rng.IntN(9) - 4)
	}
	return int16(rng.Uint32())
}

// zoomSampleF32 is a float32 that is special (NaN, infinities, zeros,
// subnormal, largest), of any exponent, or of everyday size.
func zoomSampleF32(rng *rand.Rand) float32 {
	special := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)),
		math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, math.MaxFloat32, -math.MaxFloat32}
	switch rng.IntN(8) {
	case 0:
		return special[rng.IntN(len(special))]
	case 1, 2:
		return math.Float32frombits(rng.Uint32()) // any exponent (NaNs too)
	}
	return float32(rng.NormFloat64() * 1000)
}

// TestZoomHalfSIMDMatchesGo: the vector halving rows of every tier give
// the Go loops' bits at lengths around the 16-output blocks.
func TestZoomHalfSIMDMatchesGo(t *testing.T) { eachTier(t, testZoomHalfSIMDMatchesGo) }

func testZoomHalfSIMDMatchesGo(t *testing.T) {
	if halveF32 == nil || halveI16 == nil {
		t.Skip("no halving kernels for float32 and int16 in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(33, 34))
	for n := 1; n <= 70; n++ {
		a0, a1 := make([]int16, 2*n+1), make([]int16, 2*n+1)
		f0, f1 := make([]float32, 2*n+1), make([]float32, 2*n+1)
		for k := range a0 {
			a0[k], a1[k] = zoomSampleI16(rng), zoomSampleI16(rng)
			f0[k], f1[k] = zoomSampleF32(rng), zoomSampleF32(rng)
		}
		gi, wi := make([]int16, n), make([]int16, n)
		gf, wf := make([]float32, n), make([]float32, n)
		halveRowI16(gi, a0, a1)
		halveRowF32(gf, f0, f1)
		ki, kf := halveI16, halveF32
		halveI16, halveF32 = nil, nil
		halveRowI16(wi, a0, a1)
		halveRowF32(wf, f0, f1)
		halveI16, halveF32 = ki, kf
		for x := range n {
			if gi[x] != wi[x] || math.Float32bits(gf[x]) != math.Float32bits(wf[x]) {
				t.Fatalf("n %d x %d: int16 %d (Go %d), float32 %v (Go %v)", n, x, gi[x], wi[x], gf[x], wf[x])
			}
		}
	}
}
