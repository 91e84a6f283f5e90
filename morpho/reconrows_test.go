package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// bruteReconstruct is the reconstruction by its definition: every pixel
// raised to min(r[p], mask[q]) along every edge p -> q, over and over,
// until nothing changes (dual: the same with the order reversed).
func bruteReconstruct[T gips.Pixel](seed, mask []T, d nbhd.Dims, offs [][3]int, dual bool) []T {
	r := append([]T(nil), seed...)
	less := func(a, b T) bool { return a < b }
	if dual {
		less = func(a, b T) bool { return a > b }
	}
	for i := range r {
		if less(mask[i], r[i]) {
			r[i] = mask[i]
		}
	}
	for changed := true; changed; {
		changed = false
		for z := range d.NZ {
			for y := range d.NY {
				for x := range d.NX {
					p := (z*d.NY+y)*d.NX + x
					for _, o := range offs {
						qx, qy, qz := x+o[0], y+o[1], z+o[2]
						if qx < 0 || qx >= d.NX || qy < 0 || qy >= d.NY || qz < 0 || qz >= d.NZ {
							continue
						}
						q := (qz*d.NY+qy)*d.NX + qx
						v := r[p] // min(r[p], mask[q]) in the method's order
						if less(mask[q], v) {
							v = mask[q]
						}
						if less(r[q], v) {
							r[q], changed = v, true
						}
					}
				}
			}
		}
	}
	return r
}

// randomFootprint is a footprint of up to radius 2 without its centre,
// not symmetric, with holes: edges in every direction the scans sort.
func randomFootprint(rng *rand.Rand, nd int) [][3]int {
	rz := 0
	if nd == 3 {
		rz = 1 + rng.IntN(2)
	}
	for {
		var offs [][3]int
		for z := -rz; z <= rz; z++ {
			for y := -2; y <= 2; y++ {
				for x := -2; x <= 2; x++ {
					if (x != 0 || y != 0 || z != 0) && rng.IntN(3) == 0 {
						offs = append(offs, [3]int{x, y, z})
					}
				}
			}
		}
		if len(offs) > 0 {
			return offs
		}
	}
}

// TestReconstructRowsMatchesBruteForce runs the row-wise hybrid
// reconstruction on random volumes (2D and 3D, some one pixel thick),
// random footprints and both methods, in three types, against the
// definition. A scan that missed an edge direction, a queue seeded from
// too few pixels or a propagation that stopped at a border would leave
// some pixel below (above, by erosion) the brute-force answer.
func TestReconstructRowsMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	sizes := []nbhd.Dims{{NX: 1, NY: 1, NZ: 1}, {NX: 1, NY: 9, NZ: 1}, {NX: 9, NY: 1, NZ: 1}, {NX: 13, NY: 11, NZ: 1}, {NX: 31, NY: 17, NZ: 1}, {NX: 7, NY: 6, NZ: 5}, {NX: 12, NY: 9, NZ: 4}, {NX: 1, NY: 5, NZ: 6}}
	for trial := range 120 {
		d := sizes[trial%len(sizes)]
		nd := 2
		if d.NZ > 1 {
			nd = 3
		}
		offs := randomFootprint(rng, nd)
		if trial%5 == 0 { // the usual full 3x3 (3x3x3) footprint
			offs = centreless(Box(3, 3, 1+2*(nd-2)))
		}
		dual := trial%2 == 1
		name := fmt.Sprintf("trial %d %v dual %v", trial, d, dual)
		levels := 2 + rng.IntN(12)
		seed, mask := make([]float64, d.Len()), make([]float64, d.Len())
		for i := range seed {
			mask[i] = float64(rng.IntN(levels))
			seed[i] = float64(rng.IntN(levels)) // beyond the mask in places, as the callers clip
			if !dual {
				seed[i] = min(seed[i], mask[i])
			} else {
				seed[i] = max(seed[i], mask[i])
			}
		}
		checkRecon(t, name+" float64", seed, mask, d, offs, dual)
		checkRecon(t, name+" uint8", conv[uint8](seed), conv[uint8](mask), d, offs, dual)
		checkRecon(t, name+" int16", conv[int16](seed, -5), conv[int16](mask, -5), d, offs, dual)
	}
}

func conv[T gips.Pixel](s []float64, shift ...float64) []T {
	out := make([]T, len(s))
	for i, v := range s {
		for _, sh := range shift {
			v += sh
		}
		out[i] = T(v)
	}
	return out
}

func checkRecon[T gips.Pixel](t *testing.T, name string, seed, mask []T, d nbhd.Dims, offs [][3]int, dual bool) {
	t.Helper()
	want := bruteReconstruct(seed, mask, d, offs, dual)
	got := append([]T(nil), seed...)
	m := append([]T(nil), mask...)
	reconstructVolume(got, m, newReconPlan(d, offs), dual)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s, footprint %v: pixel %d is %v, want %v", name, offs, i, got[i], want[i])
		}
		if m[i] != mask[i] {
			t.Fatalf("%s: the mask changed at %d", name, i)
		}
	}
}
