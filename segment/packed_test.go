package segment

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestPackedHeapEqualsKeyHeap: the exact mode's packed heap (which the
// scikit-image comparisons exercise wherever its keys fit) gives keyHeap's
// result, ties between markers of one level included, on 8- and 16-bit
// images with few levels (many equal markers) and with many (smooth
// volumes), 2D and 3D, every connectivity, with and without a mask.
func TestPackedHeapEqualsKeyHeap(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	useKeyHeap := Option(func(c *config) { c.keyHeap = true })
	for trial := range 24 {
		vol := trial%2 == 1
		bt := []gips.BufferType{gips.UInt8, gips.UInt16, gips.Int8, gips.Int16}[trial/2%4]
		sx, sy, sz := 20+rng.IntN(30), 20+rng.IntN(30), 1
		nd := 2
		if vol {
			sz, nd = 3+rng.IntN(5), 3
		}
		g := gips.Geometry2d(bt, sx, sy)
		if vol {
			g = gips.Geometry3d(bt, sx, sy, sz)
		}
		n := sx * sy * sz
		fv, fl, fm := make([]float64, n), make([]float64, n), make([]float64, n)
		var sm []float64
		if trial >= 16 && !bt.IsSigned() {
			sm = values(t, smooth(bt, sx, sy, sz))
		}
		for i := range n {
			if sm != nil {
				fv[i] = sm[i]
			} else {
				fv[i] = float64(rng.IntN(4))
			}
			if rng.IntN(12) == 0 {
				fl[i] = float64(1 + rng.IntN(30))
			}
			fm[i] = b2f(rng.IntN(9) != 0)
		}
		img, mk, mask := build(t, g, fv, bt), build(t, g, fl, gips.Int32), build(t, g, fm, gips.Binary)
		opts := []Option{WithConnectivity(gips.Connectivity(1 + trial%nd))}
		if trial%3 == 0 {
			opts = append(opts, WithMask(mask))
		}
		got, err := Watershed(img, mk, opts...)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Watershed(img, mk, append(opts, useKeyHeap)...)
		if err != nil {
			t.Fatal(err)
		}
		wv := values(t, want)
		for i, v := range values(t, got) {
			if v != wv[i] {
				t.Fatalf("trial %d (%v %v): pixel %d (x fastest) = %v, keyHeap %v", trial, bt, g, i, v, wv[i])
			}
		}
	}
}
