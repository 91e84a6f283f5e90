package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestFrangiBoundKeepsTheMaximum: frangiValue skips its exponentials when
// a bound says the value cannot beat the best so far. Against skimage's
// formula written out here, on eigenvalues of every magnitude and best
// values near the true one: whenever the true value beats best,
// frangiValue returns it bit for bit, and whenever it returns something
// that does not beat best, neither does the true value; so the maximum
// over the scales is unchanged.
func TestFrangiBoundKeepsTheMaximum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	a2, b2, g2 := 2*0.5*0.5, 2*0.5*0.5, 2*15.0*15.0
	plain := func(l [3]float64, nd int) float64 {
		idx := []int{0, 1, 2}[:nd]
		for i := 1; i < nd; i++ { // stable sort by magnitude
			for j := i; j > 0 && math.Abs(l[idx[j]]) < math.Abs(l[idx[j-1]]); j-- {
				idx[j], idx[j-1] = idx[j-1], idx[j]
			}
		}
		s := [3]float64{}
		for i, k := range idx {
			s[i] = l[k]
		}
		nz := func(x float64) float64 {
			if x == 0 {
				return 1e-10
			}
			return x
		}
		if nd == 2 {
			if s[1] > 0 {
				return 0
			}
			rb := s[0] / nz(math.Abs(s[1]))
			return math.Exp(-rb*rb/b2) * (1 - math.Exp(-(s[0]*s[0]+s[1]*s[1])/g2))
		}
		if s[1] > 0 || s[2] > 0 {
			return 0
		}
		ra, rb := s[1]/nz(s[2]), s[0]/nz(math.Sqrt(math.Abs(s[1]*s[2])))
		return (1 - math.Exp(-ra*ra/a2)) * math.Exp(-rb*rb/b2) * (1 - math.Exp(-(s[0]*s[0]+s[1]*s[1]+s[2]*s[2])/g2))
	}
	checked := 0
	for range 500000 {
		nd := 2 + rng.IntN(2)
		var l [3]float64
		for i := range nd {
			l[i] = (rng.Float64()*2 - 1) * math.Pow(10, rng.Float64()*6-3)
		}
		want := plain(l, nd)
		best := want * (1 + (rng.Float64()*2-1)*math.Pow(10, -rng.Float64()*12))
		if rng.IntN(4) == 0 {
			best = rng.Float64()
		}
		got := frangiValue(l, nd, a2, b2, g2, best)
		switch {
		case want > best && got != want:
			t.Fatalf("λ %v (%dD), best %v: got %v, want %v (it beats best)", l, nd, best, got, want)
		case got <= best && want > best:
			t.Fatalf("λ %v (%dD), best %v: skipped a value %v that beats it", l, nd, best, want)
		}
		if want > 0 {
			checked++
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d inputs with a positive response", checked)
	}
}

// TestFrangiRepeatsWithPooledFields: the Hessian's fields come from a
// pool with the previous call's values; a second call on another image,
// then the first again, gives the first answer bit for bit, 2D and 3D.
func TestFrangiRepeatsWithPooledFields(t *testing.T) {
	for _, g := range []gips.Geometry{gips.Geometry2d(gips.UInt8, 37, 29), gips.Geometry3d(gips.UInt16, 13, 11, 9)} {
		rng := rand.New(rand.NewPCG(9, 10))
		var imgs [2]*gips.Image
		for k := range imgs {
			imgs[k], _ = gips.CreateImage(g)
			for z := range g.SizeZ {
				for y := range g.SizeY {
					row := imgs[k].Row(z, y)
					for i := range row {
						row[i] = byte(rng.IntN(256))
					}
				}
			}
		}
		first, err := Frangi(imgs[0], DefaultFrangi(), WithOutput(gips.Real64))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Frangi(imgs[1], DefaultFrangi(), WithOutput(gips.Real64)); err != nil {
			t.Fatal(err)
		}
		again, err := Frangi(imgs[0], DefaultFrangi(), WithOutput(gips.Real64))
		if err != nil {
			t.Fatal(err)
		}
		a, b := imgtest.ImageValues(t, first), imgtest.ImageValues(t, again)
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				t.Fatalf("%v: pixel %d: %v then %v", g, i, a[i], b[i])
			}
		}
	}
}
