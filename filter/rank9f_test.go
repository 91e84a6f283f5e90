package filter

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/morpho"
)

// rank9fFootprints are footprints of 9 pixels: the box, two lines, and an
// irregular one reaching two pixels out.
func rank9fFootprints() []morpho.SE {
	irr := morpho.FromBools([]bool{
		true, false, true, false, false,
		false, true, true, true, false,
		true, false, true, false, true,
		false, false, false, false, true}, 5, 4, 1)
	return []morpho.SE{morpho.Rect(3, 3), morpho.Rect(9, 1), morpho.Rect(1, 9), irr}
}

// rank9fRun is Rank of the float32 volume src of dims d, as a slice.
func rank9fRun(t *testing.T, src []float32, d nbhd.Dims, rank int, se morpho.SE, m gips.BorderMode, cv float64) []float32 {
	t.Helper()
	shape := []int{d.NY, d.NX}
	if d.NZ > 1 {
		shape = []int{d.NZ, d.NY, d.NX}
	}
	img, err := gips.FromArray(gips.ArrayOf(slices.Clone(src), shape...))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Rank(img, rank, se, WithMode(m), WithCval(cv))
	if err != nil {
		t.Fatal(err)
	}
	ps, err := gips.Planes[float32](out)
	if err != nil {
		t.Fatal(err)
	}
	var got []float32
	for _, p := range ps {
		for y := range p.Height {
			got = append(got, p.Row(y)[:p.Width]...)
		}
	}
	return got
}

// TestRank9F32Twins runs the float32 ranks of 9 pixels with the vector
// network (under GOEXPERIMENT=simd) against nth's quickselect alone, bit
// for bit: random values with ±Inf, the type's extremes and ties, NaNs of
// three kinds and -0 in a quarter of the rows, odd sizes, every rank,
// footprint and mode, a plain and a special constant.
func TestRank9F32Twins(t *testing.T) {
	rng := rand.New(rand.NewPCG(90, 91))
	for _, d := range []nbhd.Dims{{NX: 77, NY: 13, NZ: 1}, {NX: 41, NY: 9, NZ: 2}, {NX: 8, NY: 5, NZ: 1}, {NX: 3, NY: 1, NZ: 1}} {
		src := medianTwinPixels[float32](rng, d)
		for i, se := range rank9fFootprints() {
			for _, m := range []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap} {
				for _, cv := range []float64{1, math.NaN()} {
					for rank := range 9 {
						got := rank9fRun(t, src, d, rank, se, m, cv)
						old := simdRank9F32
						simdRank9F32 = func([]float32, [][]float32, int) int { return 0 }
						want := rank9fRun(t, src, d, rank, se, m, cv)
						simdRank9F32 = old
						for j := range got {
							if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
								t.Fatalf("%v fp%d %v cval %v rank %d: pixel %d: got %v, quickselect %v", d, i, m, cv, rank, j, got[j], want[j])
							}
						}
					}
				}
			}
		}
	}
}

// TestRank9F32Sorted checks the ranks of 9 pixels of a float32 image
// without NaN and -0 (all on the vectors, tails on nth) against sorting
// each window, in Reflect mode on a width of whole vectors and a tail.
func TestRank9F32Sorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(92, 93))
	d := nbhd.Dims{NX: 37, NY: 11, NZ: 1}
	src := make([]float32, d.Len())
	for i := range src {
		src[i] = float32(rng.IntN(7)) - 3 // ties, +0
		if rng.IntN(9) == 0 {
			src[i] = float32(math.Inf(1 - 2*rng.IntN(2)))
		}
	}
	at := func(x, y int) float32 { // Reflect: -1 -> 0, n -> n-1
		x, y = min(max(x, -1-x), 2*d.NX-1-x), min(max(y, -1-y), 2*d.NY-1-y)
		return src[y*d.NX+x]
	}
	for rank := range 9 {
		got := rank9fRun(t, src, d, rank, morpho.Rect(3, 3), gips.Reflect, 0)
		for y := range d.NY {
			for x := range d.NX {
				var w []float32
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						w = append(w, at(x+dx, y+dy))
					}
				}
				slices.Sort(w)
				if g := got[y*d.NX+x]; g != w[rank] {
					t.Fatalf("rank %d at (%d, %d): got %v, want %v", rank, x, y, g, w[rank])
				}
			}
		}
	}
}

// TestRank9F32Network runs the vector network on all 512 inputs of 0s
// and 1s, one a pixel, for every rank: by the 0-1 principle it then sorts
// anything (as TestRank9Network proves of rank9Layers).
func TestRank9F32Network(t *testing.T) {
	rows := make([][]float32, 9)
	for k := range rows {
		rows[k] = make([]float32, 512)
		for i := range rows[k] {
			rows[k][i] = float32(i >> k & 1)
		}
	}
	out := make([]float32, 512)
	for rank := range 9 {
		if done := simdRank9F32(out, rows, rank); done == 0 {
			t.Skip("no vector network in this build")
		} else if done != 512 {
			t.Fatalf("rank %d: did %d of 512", rank, done)
		}
		for i, v := range out {
			ones := 0
			for k := range 9 {
				ones += i >> k & 1
			}
			want := float32(0) // the 9-ones zeros come first
			if rank >= 9-ones {
				want = 1
			}
			if v != want {
				t.Fatalf("rank %d, input %09b: got %v, want %v", rank, i, v, want)
			}
		}
	}
}
