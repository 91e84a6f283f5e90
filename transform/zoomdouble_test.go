package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestZoomDoubleF32: the doubling of float32 (grid mode, factor 2) gives
// zoomLinRow2's bits (the path the scipy tests check) in every mode, on
// odd and even sizes around the vector blocks, with samples at float32's
// extremes (NaN, infinities, -0, subnormal and largest values); and its
// vector kernel gives the Go loop's bits on every offset of the row in
// its cache line (the kernel's aligned start) and on edge rows' weights;
// at every tier of kernels.
func TestZoomDoubleF32(t *testing.T) { eachTier(t, testZoomDoubleF32) }

func testZoomDoubleF32(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for _, sz := range [][2]int{{3, 3}, {4, 5}, {9, 4}, {17, 3}, {40, 6}, {67, 5}} {
		src, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, sz[0], sz[1]))
		fillWith(t, src, func() float32 { return zoomSampleF32(rng) })
		for _, m := range allModes {
			opts := []Option{WithOrder(1), WithMode(m), WithGridMode(true), WithCval(-3.25)}
			what := fmt.Sprintf("%v zoom 2 %v", sz, m)
			zoomGather = false
			want, err := Zoom(src, 2, 2, 1, opts...)
			zoomGather = true
			if err != nil {
				t.Fatal(err)
			}
			got, err := Zoom(src, 2, 2, 1, opts...)
			if err != nil {
				t.Fatal(err)
			}
			sameImages(t, what, got, want)
		}
	}
	if doubleF32 == nil {
		return
	}
	for nx := 3; nx <= 60; nx++ {
		u0, u1 := make([]float64, nx), make([]float64, nx)
		for k := range u0 {
			u0[k], u1[k] = float64(zoomSampleF32(rng)), float64(zoomSampleF32(rng))
		}
		g := &gatherTaps{a: 0.25, b: 0.75}
		n := 2 * nx
		g.i0, g.i1, g.w0, g.w1 = make([]int32, n), make([]int32, n), make([]float64, n), make([]float64, n)
		for x := range n {
			g.i0[x], g.i1[x] = int32(max(x/2-1+x%2, 0)), int32(min(x/2+x%2, nx-1))
			g.w0[x], g.w1[x] = 0.25, 0.75
		}
		for _, wy := range [][2]float64{{0.25, 0.75}, {0.75, 0.25}, {1, 0}, {0.5, 0.5}} {
			// Every start offset of the output row in its cache line.
			for off := range 16 {
				buf := make([]float32, n+off)
				o := buf[off:]
				w := make([]float32, n)
				doubleRowF32(o, u0, u1, g, wy[0], wy[1])
				keep := doubleF32
				doubleF32 = nil
				doubleRowF32(w, u0, u1, g, wy[0], wy[1])
				doubleF32 = keep
				for x := range w {
					// Where two NaNs meet, Go's scalar add may take either
					// payload (its operands commute), so NaN matches NaN.
					nan := o[x] != o[x] && w[x] != w[x]
					if math.Float32bits(o[x]) != math.Float32bits(w[x]) && !nan {
						t.Fatalf("nx %d wy %v offset %d: o[%d] = %v, Go %v", nx, wy, off, x, o[x], w[x])
					}
				}
			}
		}
	}
}
