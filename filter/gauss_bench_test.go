package filter

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkGaussianTypes is the float path's Gaussian (sigma 2) on the
// bench rows' float32, int16 and uint16 images (made from random grey
// levels g as g/4 + 0.1, (g - 128)·200 and g·257), into the input's type
// and into Real32, at 1024² (in cache) and 4096²; CPU time per call too.
func BenchmarkGaussianTypes(b *testing.B) {
	for _, side := range []int{1024, 4096} {
		for _, bt := range []gips.BufferType{gips.Real32, gips.Int16, gips.UInt16} {
			img := benchTyped(b, bt, side)
			outs := []gips.BufferType{bt, gips.Real32}
			if bt == gips.Real32 {
				outs = outs[:1]
			}
			for _, out := range outs {
				b.Run(fmt.Sprintf("%d/%v/to%v", side, bt, out), func(b *testing.B) {
					dst, err := gips.CreateImage(img.Geometry().WithType(out))
					if err != nil {
						b.Fatal(err)
					}
					cpu := imgtest.StartCPU(b)
					for b.Loop() {
						if err := GaussianInto(dst, img, 2, 2, 2); err != nil {
							b.Fatal(err)
						}
					}
					cpu.Report()
				})
			}
		}
	}
}

func benchTyped(b *testing.B, bt gips.BufferType, side int) *gips.Image {
	rng := rand.New(rand.NewPCG(uint64(side), 9))
	n := side * side
	var a gips.Array
	switch bt {
	case gips.Real32:
		d := make([]float32, n)
		for i := range d {
			d[i] = float32(rng.IntN(256))/4 + 0.1
		}
		a = gips.ArrayOf(d, side, side)
	case gips.Int16:
		d := make([]int16, n)
		for i := range d {
			d[i] = int16((rng.IntN(256) - 128) * 200)
		}
		a = gips.ArrayOf(d, side, side)
	default:
		d := make([]uint16, n)
		for i := range d {
			d[i] = uint16(rng.IntN(256) * 257)
		}
		a = gips.ArrayOf(d, side, side)
	}
	img, err := gips.FromArray(a)
	if err != nil {
		b.Fatal(err)
	}
	return img
}

// BenchmarkSymmetric is symmetric alone on a 1024-pixel line (in L1),
// radius 8: the x pass's arithmetic without its memory traffic.
func BenchmarkSymmetric(b *testing.B) {
	const n, r = 1024, 8
	ext := make([]float32, n+2*r)
	for i := range ext {
		ext[i] = float32(i % 7)
	}
	w := make([]float32, r+1)
	for j := range w {
		w[j] = 1 / float32(j+2)
	}
	out := make([]float32, n)
	src := func(j int) []float32 { return ext[r+j : r+j+n] }
	b.SetBytes(4 * n)
	for b.Loop() {
		symmetric(out, w, src)
	}
}
