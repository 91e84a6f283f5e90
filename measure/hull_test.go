package measure

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// smallShape is a random set of pixels in an n^ndim box (at least one).
func smallShape(rng *rand.Rand, ndim, n int, p float64) []uint32 {
	nz := 1
	if ndim == 3 {
		nz = n
	}
	v := make([]uint32, nz*n*n)
	for i := range v {
		if rng.Float64() < p {
			v[i] = 7
		}
	}
	v[rng.IntN(len(v))] = 7
	return v
}

// corners are the corners of every pixel (voxel) of the shape, calibrated.
func corners(v []uint32, nz, n int, sp [3]float64) [][3]float64 {
	var out [][3]float64
	for z := range nz {
		for y := range n {
			for x := range n {
				if v[(z*n+y)*n+x] == 0 {
					continue
				}
				for c := range 8 {
					dz := c >> 2 & 1
					if nz == 1 && dz == 1 {
						continue
					}
					q := [3]float64{float64(x+c&1) * sp[0], float64(y+c>>1&1) * sp[1], float64(z+dz) * sp[2]}
					if nz == 1 {
						q[2] = 0
					}
					out = append(out, q)
				}
			}
		}
	}
	return out
}

func extentAlong(p [][3]float64, u [3]float64) float64 {
	l := math.Sqrt(u[0]*u[0] + u[1]*u[1] + u[2]*u[2])
	if l < 1e-12 {
		return math.Inf(1)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, q := range p {
		d := (q[0]*u[0] + q[1]*u[1] + q[2]*u[2]) / l
		lo, hi = min(lo, d), max(hi, d)
	}
	return hi - lo
}

// bruteFeret: the largest distance between two corners; the smallest width
// over every direction that can give it: in 2D the normals of every pair
// of corners, in 3D the normals of every triple and the cross products of
// every two pair differences (no hull involved).
func bruteFeret(p [][3]float64, ndim int) (maxD, minD float64) {
	minD = math.Inf(1)
	var diffs [][3]float64
	for i := range p {
		for j := i + 1; j < len(p); j++ {
			maxD = max(maxD, math.Sqrt(sq3(p[i], p[j])))
			d := subf(p[j], p[i])
			if ndim == 2 {
				minD = min(minD, extentAlong(p, [3]float64{-d[1], d[0], 0}))
			} else {
				diffs = append(diffs, d)
			}
		}
	}
	for i := range diffs {
		for j := i + 1; j < len(diffs); j++ {
			minD = min(minD, extentAlong(p, crossf(diffs[i], diffs[j])))
		}
	}
	return maxD, minD
}

func uniq(p [][3]float64) [][3]float64 {
	seen := map[[3]float64]bool{}
	var out [][3]float64
	for _, q := range p {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// TestFeretMatchesBruteForce compares the Feret diameters of small random
// shapes (2D and 3D, anisotropic pixels) with an exhaustive search over
// the corners of their pixels.
func TestFeretMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, ndim := range []int{2, 3} {
		for trial := range 60 {
			n := 2 + rng.IntN(2) // the 3D search is O(corners^5)
			if ndim == 2 {
				n += 4
			}
			nz := 1
			if ndim == 3 {
				nz = n
			}
			sp := [3]float64{1, 1, 1}
			if trial%2 == 1 {
				sp = [3]float64{0.5 + rng.Float64(), 0.5 + rng.Float64(), 0.5 + rng.Float64()}
			}
			v := smallShape(rng, ndim, n, 0.3)
			img := makeLabels(t, gips.Label8, v, nz, n, n, ndim == 3)
			tab, err := LabelAnalysis(img, nil, WithSpacing(sp[0], sp[1], sp[2]), WithMeasures("feretMax", "feretMin"))
			if err != nil {
				t.Fatal(err)
			}
			wmax, wmin := bruteFeret(uniq(corners(v, nz, n, sp)), ndim)
			gmax, gmin := tab.Column("feretMax")[0], tab.Column("feretMin")[0]
			if math.Abs(gmax-wmax) > 1e-12*wmax || math.Abs(gmin-wmin) > 1e-12*wmax {
				t.Errorf("%dD shape %v (%d^%d, spacing %v): feret max %v min %v, brute force %v %v", ndim, v, n, ndim, sp, gmax, gmin, wmax, wmin)
			}
		}
	}
}

// TestHull3IsTheHull checks the 3D hull of random integer points: every
// face supports every point, its vertices are input points, and the faces
// close (each edge in exactly two faces, V - E + F = 2).
func TestHull3IsTheHull(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for trial := range 200 {
		n := 4 + rng.IntN(60)
		r := int64(1 + rng.IntN(6))
		p := make([]pt3, n)
		for i := range p {
			p[i] = pt3{rng.Int64N(r + 1), rng.Int64N(r + 1), rng.Int64N(r + 1)}
		}
		h := convexHull3(dedupe3(p))
		if h == nil {
			continue // coplanar
		}
		faces := h.live()
		edges := map[[2]int32]int{}
		verts := map[int32]bool{}
		for _, f := range faces {
			if f.n == (pt3{}) {
				t.Fatalf("trial %d: a degenerate face", trial)
			}
			for _, q := range h.p {
				if dot3(f.n, q) > f.off {
					t.Fatalf("trial %d: point %v outside face %v", trial, q, f.v)
				}
			}
			for e := range 3 {
				a, b := f.v[e], f.v[(e+1)%3]
				verts[a] = true
				edges[[2]int32{min(a, b), max(a, b)}]++
			}
		}
		for e, c := range edges {
			if c != 2 {
				t.Fatalf("trial %d: edge %v in %d faces", trial, e, c)
			}
		}
		if len(verts)-len(edges)+len(faces) != 2 {
			t.Fatalf("trial %d: V-E+F = %d", trial, len(verts)-len(edges)+len(faces))
		}
	}
}
