package transform

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// TestZoomIgnoresWhatPooledBuffersHeld: the zoom takes its band rows, its
// compact x taps, its gathered rows (order 1), its x-interpolated rows and
// its spline filters' line groups (order 3) from the transform pools,
// which hand buffers back with their last contents. Every one is written
// before it is read, so a zoom after the pools were filled with zero bytes
// (what fresh memory held), with 0xff bytes (NaN, index -1) and with 0x7f
// bytes gives the same bits. A buffer read before it is written would
// change the result or index out of range.
func TestZoomIgnoresWhatPooledBuffersHeld(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 1))
	types := []gips.BufferType{gips.Real32, gips.Int16, gips.Int8, gips.Real64}
	factors := [][2]float64{{2, 2}, {0.6, 1.7}}
	for _, bt := range types {
		src, err := gips.CreateImage(gips.Geometry2d(bt, 1030, 9))
		if err != nil {
			t.Fatal(err)
		}
		fillRandom(t, src, rng)
		nx := src.Geometry().SizeX
		for _, f := range factors {
			g, err := ZoomGeometry(src.Geometry(), f[0], f[1], 1)
			if err != nil {
				t.Fatal(err)
			}
			// The byte sizes the zoom takes: int32, float64 and linTap
			// rows of the input's and the output's width; the order-3
			// line groups (8 float64 lines of the padded width).
			var sizes []int
			for _, n := range []int{nx, g.SizeX} {
				sizes = append(sizes, 4*n, 8*n, 32*n)
			}
			for pad := range 17 {
				sizes = append(sizes, 64*(nx+2*pad))
			}
			for _, order := range []int{1, 3} {
				for _, m := range allModes {
					for _, grid := range []bool{false, true} {
						opts := []Option{WithOrder(order), WithMode(m), WithGridMode(grid), WithCval(-3.25)}
						what := fmt.Sprintf("%v zoom %v order %d %v grid %v", bt, f, order, m, grid)
						var want *gips.Image
						for _, b := range []byte{0, 0xff, 0x7f} {
							poisonPools(b, sizes)
							got, err := Zoom(src, f[0], f[1], 1, opts...)
							if err != nil {
								t.Fatalf("%s, pools of %#x bytes: %v", what, b, err)
							}
							if want == nil {
								want = got
								continue
							}
							sameImages(t, fmt.Sprintf("%s, pools of %#x bytes", what, b), got, want)
						}
					}
				}
			}
		}
	}
}

// poisonPools fills the transform pools with buffers of every byte b,
// three of each byte size.
func poisonPools(b byte, sizes []int) {
	for _, p := range []*scratch.Pool{&resizePool, &coefficientPool} {
		var held [][]byte
		for _, n := range sizes {
			for range 3 {
				buf := scratch.Get[byte](p, n)
				for i := range buf {
					buf[i] = b
				}
				held = append(held, buf)
			}
		}
		for _, h := range held {
			scratch.Put(p, h)
		}
	}
}
