package measure

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestHundredThousandLabelsMatchBruteForce: 100,000 labels (sparse 32-bit
// values, in small random runs) against a per-pixel brute force: counts,
// boxes, centroids and the covariance behind the inertia tensor.
func TestHundredThousandLabelsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	const nx, ny = 700, 500
	v := imgtest.Runs(rng, nx*ny, 4, func() uint32 { return 1 + uint32(rng.IntN(1000000))*4000 }) // sparse: up to 4e9
	img := makeLabels(t, gips.Label32, v, 1, ny, nx, false)
	tab, err := LabelAnalysis(img, nil, WithMeasures("area", "bboxMinX", "bboxMaxY", "centroidX", "centroidY", "inertiaEigen1", "inertiaEigen2"))
	if err != nil {
		t.Fatal(err)
	}
	type acc struct {
		n, minX, maxY int
		sx, sy        float64
		px            [][2]float64
	}
	m := map[uint32]*acc{}
	for y := range ny {
		for x := range nx {
			l := v[y*nx+x]
			if l == 0 {
				continue
			}
			a := m[l]
			if a == nil {
				a = &acc{minX: x, maxY: y}
				m[l] = a
			}
			a.n++
			a.minX, a.maxY = min(a.minX, x), max(a.maxY, y)
			a.sx += float64(x)
			a.sy += float64(y)
			a.px = append(a.px, [2]float64{float64(x), float64(y)})
		}
	}
	if tab.Len() != len(m) || tab.Len() < 100000 {
		t.Fatalf("%d rows, brute force %d labels", tab.Len(), len(m))
	}
	prev := -1.0
	for r, l := range tab.Labels() {
		a := m[l]
		if a == nil || float64(l) <= prev {
			t.Fatalf("row %d: label %d unknown or out of order", r, l)
		}
		prev = float64(l)
		cx, cy := a.sx/float64(a.n), a.sy/float64(a.n)
		var cxx, cyy, cxy float64
		for _, p := range a.px {
			cxx += (p[0] - cx) * (p[0] - cx)
			cyy += (p[1] - cy) * (p[1] - cy)
			cxy += (p[0] - cx) * (p[1] - cy)
		}
		n := float64(a.n)
		cxx, cyy, cxy = cxx/n, cyy/n, cxy/n
		tr, det := cxx+cyy, cxx*cyy-cxy*cxy
		e1 := tr/2 + math.Sqrt(max(tr*tr/4-det, 0))
		got := func(c string) float64 { return tab.Column(c)[r] }
		if got("area") != n || got("bboxMinX") != float64(a.minX) || got("bboxMaxY") != float64(a.maxY+1) ||
			math.Abs(got("centroidX")-cx) > 1e-9*cx || math.Abs(got("centroidY")-cy) > 1e-9*cy ||
			math.Abs(got("inertiaEigen1")-e1) > 1e-9*e1+1e-12 || math.Abs(got("inertiaEigen1")+got("inertiaEigen2")-tr) > 1e-9*tr+1e-12 {
			t.Fatalf("label %d: area %v box %v %v centroid %v %v eig %v %v; brute force %v %v %v %v %v %v (trace %v)", l,
				got("area"), got("bboxMinX"), got("bboxMaxY"), got("centroidX"), got("centroidY"), got("inertiaEigen1"), got("inertiaEigen2"),
				n, a.minX, a.maxY+1, cx, cy, e1, tr)
		}
	}
}
