package transform

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// TestZoomIgnoresWhatPooledBuffersHeld: the order-1 zoom takes its band
// rows, its compact x taps and its gathered rows from the transform pool,
// which hands buffers back with their last contents. Every one is written
// before it is read, so a zoom after the pool was filled with zero bytes
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
		for _, f := range factors {
			for _, m := range allModes {
				for _, grid := range []bool{false, true} {
					opts := []Option{WithOrder(1), WithMode(m), WithGridMode(grid), WithCval(-3.25)}
					what := fmt.Sprintf("%v zoom %v %v grid %v", bt, f, m, grid)
					var want *gips.Image
					for _, b := range []byte{0, 0xff, 0x7f} {
						g, err := ZoomGeometry(src.Geometry(), f[0], f[1], 1)
						if err != nil {
							t.Fatal(err)
						}
						poisonPool(b, src.Geometry().SizeX, g.SizeX)
						got, err := Zoom(src, f[0], f[1], 1, opts...)
						if err != nil {
							t.Fatalf("%s, pool of %#x bytes: %v", what, b, err)
						}
						if want == nil {
							want = got
							continue
						}
						sameImages(t, fmt.Sprintf("%s, pool of %#x bytes", what, b), got, want)
					}
				}
			}
		}
	}
}

// poisonPool fills the transform pool with buffers of every byte b, of
// the sizes a zoom between rows of the given widths takes: 4-, 8- and
// 32-byte elements (int32 and float64 rows, linTap), several of each.
func poisonPool(b byte, widths ...int) {
	var held [][]byte
	for _, n := range widths {
		for _, es := range []int{4, 8, 32} {
			for range 4 {
				buf := scratch.Get[byte](&resizePool, n*es)
				for i := range buf {
					buf[i] = b
				}
				held = append(held, buf)
			}
		}
	}
	for _, h := range held {
		scratch.Put(&resizePool, h)
	}
}
