package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestZoomGatherMatchesLinRow: the gathered-row zoom of a plane gives what
// zoomLinRow2 (and the general path for the rows it declines) gives, bit
// for bit, for every mode and grid mode, on odd sizes, zooms up and down
// and the types that take it.
func TestZoomGatherMatchesLinRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 1))
	types := []gips.BufferType{gips.Real32, gips.Int16, gips.Real64, gips.Int8, gips.Int32}
	sizes := [][2]int{{1, 1}, {1, 7}, {7, 5}, {33, 17}, {130, 3}}
	factors := [][2]float64{{2, 2}, {0.5, 0.5}, {1.7, 0.6}, {0.3, 2.9}, {1, 1}}
	for _, bt := range types {
		for _, sz := range sizes {
			src, err := gips.CreateImage(gips.Geometry2d(bt, sz[0], sz[1]))
			if err != nil {
				t.Fatal(err)
			}
			fillRandom(t, src, rng)
			for _, f := range factors {
				if _, err := ZoomGeometry(src.Geometry(), f[0], f[1], 1); err != nil {
					continue // a side of 0 pixels
				}
				for _, m := range allModes {
					for _, grid := range []bool{false, true} {
						opts := []Option{WithOrder(1), WithMode(m), WithGridMode(grid), WithCval(-3.25)}
						what := fmt.Sprintf("%v %v zoom %v %v grid %v", bt, sz, f, m, grid)
						zoomGather = false
						want, err := Zoom(src, f[0], f[1], 1, opts...)
						zoomGather = true
						if err != nil {
							t.Fatal(err)
						}
						got, err := Zoom(src, f[0], f[1], 1, opts...)
						if err != nil {
							t.Fatal(err)
						}
						sameImages(t, what, got, want)
					}
				}
			}
		}
	}
}

// fillRandom fills img with values across the type's range (and signs).
func fillRandom(t *testing.T, img *gips.Image, rng *rand.Rand) {
	switch img.Type() {
	case gips.Real32:
		fillWith(t, img, func() float32 { return float32(rng.NormFloat64() * 1000) })
	case gips.Real64:
		fillWith(t, img, func() float64 { return rng.NormFloat64() * 1e6 })
	case gips.Int8:
		fillWith(t, img, func() int8 { return int8(rng.IntN(256) - 128) })
	case gips.Int16:
		fillWith(t, img, func() int16 { return int16(rng.IntN(65536) - 32768) })
	case gips.Int32:
		fillWith(t, img, func() int32 { return int32(rng.Uint32()) })
	default:
		t.Fatalf("fillRandom: %v", img.Type())
	}
}

func fillWith[S gips.Pixel](t *testing.T, img *gips.Image, gen func() S) {
	ps, err := gips.WritablePlanes[S](img)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for y := range p.Height {
			r := p.Row(y)
			for x := range r {
				r[x] = gen()
			}
		}
	}
}

// sameImages fails unless got and want (one plane each) hold the same
// bits.
func sameImages(t *testing.T, what string, got, want *gips.Image) {
	t.Helper()
	switch got.Type() {
	case gips.Real32:
		samePlanes[float32](t, what, got, want)
	case gips.Real64:
		samePlanes[float64](t, what, got, want)
	case gips.Int8:
		samePlanes[int8](t, what, got, want)
	case gips.Int16:
		samePlanes[int16](t, what, got, want)
	case gips.Int32:
		samePlanes[int32](t, what, got, want)
	}
}

func samePlanes[S gips.Pixel](t *testing.T, what string, got, want *gips.Image) {
	t.Helper()
	g, _ := gips.Planes[S](got)
	w, _ := gips.Planes[S](want)
	for y := range w[0].Height {
		gr, wr := g[0].Row(y), w[0].Row(y)
		for x := range wr {
			if math.Float64bits(float64(gr[x])) != math.Float64bits(float64(wr[x])) {
				t.Fatalf("%s: pixel (%d, %d): gathered %v, zoomLinRow2 %v", what, x, y, gr[x], wr[x])
			}
		}
	}
}

// TestLinRowsSIMDMatchesGo: linRows (its AVX2 part in a GOEXPERIMENT=simd
// build) gives linRowsGo's values bit for bit, at lengths around the
// vector width.
func TestLinRowsSIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 2))
	for n := 0; n <= 37; n++ {
		r := make([][]float64, 6)
		for i := range r {
			r[i] = make([]float64, n)
			for k := range r[i] {
				r[i][k] = rng.NormFloat64() * 3e4
				if rng.IntN(9) == 0 { // past int16's range, and NaN
					r[i][k] = []float64{1e5, -1e5, math.NaN(), 32767.5, -32768.5}[rng.IntN(5)]
				}
				if i >= 4 {
					r[i][k] = rng.Float64()
				}
			}
		}
		wy0 := rng.Float64()
		got, want := make([]float64, n), make([]float64, n)
		linRows(got, r[0], r[1], r[2], r[3], r[4], r[5], wy0, 1-wy0)
		linRowsGo(want, r[0], r[1], r[2], r[3], r[4], r[5], wy0, 1-wy0)
		for k := range want {
			if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
				t.Fatalf("n=%d [%d]: linRows %v, linRowsGo %v", n, k, got[k], want[k])
			}
		}
		linStoreTwin[float32](t, want, r, wy0)
		linStoreTwin[int16](t, want, r, wy0)
	}
}

// linStoreTwin: linRowsStoreSIMD and the Go tail store what storeRow
// stores of linRowsGo's values (want).
func linStoreTwin[D gips.Pixel](t *testing.T, want []float64, r [][]float64, wy0 float64) {
	t.Helper()
	n := len(want)
	got, ref := make([]D, n), make([]D, n)
	k := linRowsStoreSIMD(got, r[0], r[1], r[2], r[3], r[4], r[5], wy0, 1-wy0)
	storeRow(got[k:], want[k:])
	storeRow(ref, want)
	for i := range ref {
		if math.Float64bits(float64(got[i])) != math.Float64bits(float64(ref[i])) && !(got[i] != got[i] && ref[i] != ref[i]) {
			t.Fatalf("%v n=%d [%d] (%v): linRowsStoreSIMD %v, storeRow %v", gips.TypeOf[D](), n, i, want[i], got[i], ref[i])
		}
	}
}
