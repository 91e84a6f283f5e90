package transform

import (
	"math/rand/v2"
	"testing"
)

// TestZoomI16SIMDMatchesGo: the int16 kernels of the integer path (each
// tier's) give
// the Go loops' values on lengths around their 16-lane blocks, samples at
// the type's extremes, and every shift from 0 to 6 (sums of exact halves
// and ties included, positive and negative).
func TestZoomI16SIMDMatchesGo(t *testing.T) { eachTier(t, testZoomI16SIMDMatchesGo) }

func testZoomI16SIMDMatchesGo(t *testing.T) {
	if vertical2I16 == nil || doubleI16 == nil {
		t.Skip("no int16 vector kernels in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(16, 2))
	sample := func() int16 {
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
	for nx := 1; nx <= 70; nx++ {
		r0, r1 := make([]int16, nx), make([]int16, nx)
		for k := range r0 {
			r0[k], r1[k] = sample(), sample()
		}
		for sh := uint(0); sh <= 6; sh++ {
			// Weights of sh/2 bits per axis, as the integer path's.
			b := int32(1) << (sh / 2)
			w0 := rng.Int32N(b + 1)
			w1 := b - w0
			got, want := make([]int32, nx), make([]int32, nx)
			k := vertical2I16(got, r0, r1, w0, w1)
			for i := range want {
				want[i] = int32(r0[i])*w0 + int32(r1[i])*w1
			}
			for i := k; i < nx; i++ {
				got[i] = want[i]
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("vertical2I16 nx %d w %d %d: acc[%d] = %d, want %d", nx, w0, w1, i, got[i], want[i])
				}
			}
			// The doubling pattern of 2nx outputs, a and b of sh-sh/2 bits
			// (sums up to 2^15·2^sh, as the path's).
			c := int32(1) << (sh - sh/2)
			a := rng.Int32N(c + 1)
			il := &intLin{double: true, a: a, b: c - a}
			n := 2 * nx
			if n < 6 {
				continue
			}
			il.i0, il.i1, il.w0, il.w1 = make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
			for x := range n {
				il.i0[x], il.i1[x], il.w0[x], il.w1[x] = int32(max(x/2-1+x%2, 0)), int32(min(x/2+x%2, nx-1)), il.a, il.b
			}
			og, ow := make([]int16, n), make([]int16, n)
			doubleRowI16(il, og, want, sh)
			keep := doubleI16
			doubleI16 = nil
			doubleRowI16(il, ow, want, sh)
			doubleI16 = keep
			for x := range ow {
				if og[x] != ow[x] {
					t.Fatalf("doubleRowI16 nx %d sh %d a %d b %d: o[%d] = %d, Go %d", nx, sh, il.a, il.b, x, og[x], ow[x])
				}
			}
		}
	}
}
