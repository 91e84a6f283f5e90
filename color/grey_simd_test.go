package color

import (
	"math/rand/v2"
	"testing"
)

// TestGreyU8SIMDIsGo: uint8-to-uint8 rgbToGrey gives the same bytes with
// the AVX2 loop (GOEXPERIMENT=simd on an AVX2 machine; otherwise both runs
// are the Go loop) as with the Go loop alone: every (r, g, b) triple, and
// rows of every length up to 70 (the SIMD steps and the scalar tail).
func TestGreyU8SIMDIsGo(t *testing.T) {
	l := newLoader[uint8](&toGrey)
	run := func(goOnly bool, o, r, g, b []uint8) {
		useGo = goOnly
		defer func() { useGo = false }()
		greyRowLutInt(o, r, g, b, l.greyLut, l.off, l.k, 255, 0, 255)
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
