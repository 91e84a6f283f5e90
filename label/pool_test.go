package label

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/scratch"
	"github.com/gipsdev/gips/internal/swar"
	"github.com/gipsdev/gips/ops"
)

// TestRepeatedCallsMatchBruteForce: labelSizes' counts, per-worker
// tables and the op's vector, and removeSmallObjects' sizes and keep list come from a pool with the
// previous call's counts in them; every call on the same image must give
// the brute force's answer again (a table not cleared would add the last
// call's counts). Sizes are large enough for the pool (4 KiB and up).
func TestRepeatedCallsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const sx, sy = 640, 480
	// Labels up to 4000 in short runs: few labels beside the pixels, so
	// labelSizes counts in one table per worker.
	labels := imgtest.Runs(rng, sx*sy, 5, func() uint16 { return uint16(rng.IntN(4001)) })
	want := make([]int64, 4001)
	for _, v := range labels {
		want[v]++
	}
	rank, next := make([]int, 4001), 0 // relabelSequential's numbering
	for v, n := range want {
		if v > 0 && n > 0 {
			next++
			rank[v] = next
		}
	}
	li, err := gips.FromArray(gips.ArrayOf(labels, sy, sx))
	if err != nil {
		t.Fatal(err)
	}
	// A binary noise of a third foreground: thousands of components at
	// faces connectivity, of every size from 1 pixel up.
	pix := make([]uint8, sx*sy)
	for i := range pix {
		if rng.IntN(3) == 0 {
			pix[i] = 1
		}
	}
	lab := floodLabel(pix, sx, sy, 1, 1, true)
	n := 0
	for _, l := range lab {
		n = max(n, int(l))
	}
	size := make([]int, n+1)
	for _, l := range lab {
		size[l]++
	}
	const minSize = 3
	bin, err := gips.CreateImage(gips.Geometry2d(gips.Binary, sx, sy))
	if err != nil {
		t.Fatal(err)
	}
	for y := range sy {
		copy(bin.Row(0, y), pix[y*sx:(y+1)*sx])
	}
	if n < 4096 {
		t.Fatalf("%d components: too few for the pool", n)
	}
	for call := range 3 {
		got, err := LabelSizes(li)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("call %d: labelSizes differs from the count", call)
		}
		scratch.Put(&bufs, got) // as the op does once it has copied them
		res, err := ops.Call("label.labelSizes", []*gips.Image{li}, nil, nil)
		if err != nil || len(res.Vector) != len(want) {
			t.Fatalf("call %d: the op's sizes: %d, %v; want %d", call, len(res.Vector), err, len(want))
		}
		for v, c := range res.Vector {
			if c != float64(want[v]) {
				t.Fatalf("call %d: the op's size of label %d is %v, want %d", call, v, c, want[v])
			}
		}
		res.Release() // the next call's vector: this memory, written again
		rel, nrel, err := RelabelSequential(li)
		if err != nil || nrel != next {
			t.Fatalf("call %d: relabelSequential: %d labels (%v), want %d", call, nrel, err, next)
		}
		for y := range sy {
			for x, v := range swar.View[uint16](rel.Row(0, y)) {
				if w := rank[labels[y*sx+x]]; int(v) != w {
					t.Fatalf("call %d: relabelled (%d, %d) = %d, want %d", call, x, y, v, w)
				}
			}
		}
		out, err := RemoveSmallObjects(bin, minSize, gips.Conn4)
		if err != nil {
			t.Fatal(err)
		}
		for y := range sy {
			for x, v := range out.Row(0, y) {
				i := y*sx + x
				w := uint8(0)
				if lab[i] != 0 && size[lab[i]] >= minSize {
					w = 1
				}
				if v != w {
					t.Fatalf("call %d: pixel (%d, %d) = %d, brute force %d (component of %d pixels)", call, x, y, v, w, size[lab[i]])
				}
			}
		}
	}
}
