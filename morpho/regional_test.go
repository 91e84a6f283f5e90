package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// bruteRegional is the definition of skimage's local_maxima (allow_borders,
// the image padded with its minimum), written for the tests: the plateaus
// (equal pixels joined at the connectivity's offsets) by union-find, each
// a maximum iff no member has a higher neighbour inside the volume and its
// value is not the volume's minimum. Minima compare the other way.
func bruteRegional(vals []float64, d nbhd.Dims, offs [][3]int, minima bool) []uint8 {
	higher := func(a, b float64) bool { return a > b }
	if minima {
		higher = func(a, b float64) bool { return a < b }
	}
	parent := make([]int, len(vals))
	for i := range parent {
		parent[i] = i
	}
	var find func(i int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	extreme := vals[0]
	for _, v := range vals {
		if higher(extreme, v) {
			extreme = v
		}
	}
	each := func(fn func(p, q int)) {
		for z := range d.NZ {
			for y := range d.NY {
				for x := range d.NX {
					for _, o := range offs {
						qx, qy, qz := x+o[0], y+o[1], z+o[2]
						if qx < 0 || qy < 0 || qz < 0 || qx >= d.NX || qy >= d.NY || qz >= d.NZ {
							continue
						}
						fn((z*d.NY+y)*d.NX+x, (qz*d.NY+qy)*d.NX+qx)
					}
				}
			}
		}
	}
	each(func(p, q int) {
		if vals[p] == vals[q] {
			parent[find(p)] = find(q)
		}
	})
	beaten := make([]bool, len(vals))
	each(func(p, q int) {
		if higher(vals[q], vals[p]) {
			beaten[find(p)] = true
		}
	})
	out := make([]uint8, len(vals))
	for p, v := range vals {
		if !beaten[find(p)] && v != extreme {
			out[p] = 1
		}
	}
	return out
}

// TestRegionalExtremaMatchBruteForce compares RegionalMaxima and
// RegionalMinima with bruteRegional for every connectivity on 2D images
// and volumes (thin ones too, and sizes split into several parallel
// tasks) of several types, with values that make plateaus (three levels,
// blocks of equal values with noise), ties of unequal bit patterns (-0
// and +0), the types' extremes, and infinities.
func TestRegionalExtremaMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(70, 71))
	shapes := []struct {
		d      nbhd.Dims
		volume bool
	}{
		{nbhd.Dims{NX: 19, NY: 13, NZ: 1}, false}, {nbhd.Dims{NX: 1, NY: 17, NZ: 1}, false}, {nbhd.Dims{NX: 23, NY: 1, NZ: 1}, false},
		{nbhd.Dims{NX: 260, NY: 150, NZ: 1}, false}, {nbhd.Dims{NX: 11, NY: 9, NZ: 7}, true}, {nbhd.Dims{NX: 9, NY: 7, NZ: 1}, true},
		{nbhd.Dims{NX: 1, NY: 1, NZ: 12}, true}, {nbhd.Dims{NX: 40, NY: 24, NZ: 18}, true}, {nbhd.Dims{NX: 200, NY: 6, NZ: 20}, true},
	}
	gens := map[string]func(x, y, z int) float64{
		"levels": func(x, y, z int) float64 { return float64(rng.IntN(3)) },
		"blocks": func(x, y, z int) float64 {
			if rng.IntN(40) == 0 {
				return float64(rng.IntN(6))
			}
			return float64((x/4*7 + y/3*5 + z/2*3) % 6)
		},
		"extremes": func(x, y, z int) float64 { return []float64{-1e300, 1e300, 0, 1}[rng.IntN(4)] },
		// One plateau over nearly everything: its flood's stack grows
		// past the first array the pool gives (4096 entries) in a band
		// and in the whole-volume flood after it.
		"plateau": func(x, y, z int) float64 {
			if rng.IntN(500) == 0 {
				return float64(rng.IntN(10))
			}
			return 5
		},
	}
	for _, s := range shapes {
		for gname, gen := range gens {
			vals := make([]float64, s.d.Len())
			for i := range vals {
				x, y, z := i%s.d.NX, i/s.d.NX%s.d.NY, i/(s.d.NX*s.d.NY)
				vals[i] = gen(x, y, z)
			}
			for _, bt := range []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64} {
				regionalCase(t, fmt.Sprintf("%v %v %s", s.d, bt, gname), bt, s.d, s.volume, vals, gname == "extremes", rng)
			}
		}
	}
}

// regionalCase makes an image of type bt from vals (clamped to the type;
// "extremes" on a float image become ±Inf and, at random, -0 for 0) and
// checks both extrema at every connectivity.
func regionalCase(t *testing.T, name string, bt gips.BufferType, d nbhd.Dims, volume bool, vals []float64, extremes bool, rng *rand.Rand) {
	g := gips.Geometry2d(bt, d.NX, d.NY)
	nd := 2
	if volume {
		g, nd = gips.Geometry3d(bt, d.NX, d.NY, d.NZ), 3
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := bt.Range()
	typed := make([]float64, len(vals))
	for i, v := range vals {
		switch {
		case bt.IsFloat() && extremes && math.Abs(v) > 1e200:
			v = math.Inf(int(math.Copysign(1, v)))
		case bt.IsFloat() && v == 0 && rng.IntN(2) == 0:
			v = math.Copysign(0, -1)
		case !bt.IsFloat():
			v = min(max(v, lo), hi)
		}
		typed[i] = v
	}
	if err := setValues(img, d, typed); err != nil {
		t.Fatal(err)
	}
	for c := 1; c <= nd; c++ {
		offs, err := gips.Connectivity(c).Offsets(nd)
		if err != nil {
			t.Fatal(err)
		}
		for _, minima := range []bool{false, true} {
			f := RegionalMaxima
			if minima {
				f = RegionalMinima
			}
			out, err := f(img, gips.Connectivity(c))
			if err != nil {
				t.Fatal(err)
			}
			ps, err := gips.Planes[uint8](out)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]uint8, d.Len())
			nbhd.Gather(got, ps, out.Geometry(), 0)
			want := bruteRegional(typed, d, offs, minima)
			compare(t, fmt.Sprintf("%s conn %d minima=%v", name, c, minima), got, want)
		}
	}
}

// setValues writes vals (x fastest) into img's one volume.
func setValues(img *gips.Image, d nbhd.Dims, vals []float64) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(setV[uint8], setV[int8], setV[uint16], setV[int16],
		setV[uint32], setV[int32], setV[float32], setV[float64]), setArgs{img, d, vals})
}

type setArgs struct {
	img  *gips.Image
	d    nbhd.Dims
	vals []float64
}

func setV[T gips.Pixel](a setArgs) error {
	ps, err := gips.WritablePlanes[T](a.img)
	if err != nil {
		return err
	}
	s := make([]T, len(a.vals))
	for i, v := range a.vals {
		s[i] = T(v)
	}
	nbhd.Scatter(ps, a.img.Geometry(), 0, s)
	return nil
}

// TestEqWordsTwinsMatchScalar: the candidate marks of UInt8 rows (AVX2 in
// the SIMD build, SWAR in both) are 1 exactly where the bytes are equal,
// on every length up to 100.
func TestEqWordsTwinsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(76, 77))
	for n := range 100 {
		a, b := make([]uint8, n), make([]uint8, n)
		for i := range a {
			a[i], b[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
			if rng.IntN(2) == 0 {
				b[i] = a[i]
			} else if rng.IntN(2) == 0 {
				b[i] = a[i] ^ 0x80 // differs only in the top bit
			}
		}
		for _, simd := range []bool{true, false} {
			got := make([]uint8, n)
			saved := simdEq
			if !simd {
				simdEq = func(out, a, b []byte) int { return 0 }
			}
			markCandidates(got, a, b)
			simdEq = saved
			for i := range n {
				want := uint8(0)
				if a[i] == b[i] {
					want = stCand
				}
				if got[i] != want {
					t.Fatalf("n=%d simd=%v pixel %d (%d, %d): got %d, want %d", n, simd, i, a[i], b[i], got[i], want)
				}
			}
		}
	}
}
