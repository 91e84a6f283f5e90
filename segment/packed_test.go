package segment

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestPackedHeapEqualsKeyHeap: the exact and the watershed-line modes'
// packed heap (which the scikit-image comparisons exercise wherever its
// keys fit) gives keyHeap's result, ties between markers of one level
// included, on 8- and 16-bit
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
		for _, line := range []bool{false, true} {
			opts := append(opts, WithWatershedLine(line))
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
					t.Fatalf("trial %d (%v %v, line %v): pixel %d (x fastest) = %v, keyHeap %v", trial, bt, g, line, i, v, wv[i])
				}
			}
		}
	}
}

// TestPackedHeapPopsAsSkimage: the packed heap (Floyd's bottom-up pop,
// keys compared without the index bits) pops, entry for entry, what heap
// (scikit-image's heap_general.pxi, sifted top down) pops after the same
// pushes and pops: random runs with many equal keys (whose order only the
// layout decides; the index bits tell them apart), from 1 to a few
// thousand entries.
func TestPackedHeapPopsAsSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const ib = 16
	for trial := range 200 {
		keys := 1 + rng.IntN(1+trial*trial%5000)
		p := newPackedHeap(1<<ib - 1)
		var ref heap
		next := 0
		for op := range 2 + rng.IntN(6000) {
			if p.len() != len(ref.a) {
				t.Fatalf("trial %d op %d: %d entries, skimage's heap %d", trial, op, p.len(), len(ref.a))
			}
			if p.len() > 0 && rng.IntN(5) < 2 {
				got, want := p.pop(), ref.pop()
				if got>>ib != uint64(want.value) || int32(got&(1<<ib-1)) != want.index {
					t.Fatalf("trial %d op %d: popped key %d index %d, skimage's heap %v index %d",
						trial, op, got>>ib, got&(1<<ib-1), want.value, want.index)
				}
				continue
			}
			k := rng.IntN(keys)
			i := next % (1 << ib)
			next++
			p.push(uint64(k)<<ib | uint64(i))
			ref.push(item{value: float64(k), index: int32(i)})
		}
	}
}
