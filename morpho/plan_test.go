package morpho

import (
	"reflect"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// TestPlanMatchesGrouping: makePlan, row by row, gives the plan of the
// plain definition (every true offset grouped by (dy, dz), then its
// folded x offsets read as runs), for every footprint, border mode,
// reflection and an image narrower than the footprint (folded offsets).
func TestPlanMatchesGrouping(t *testing.T) {
	ses := []SE{Box(3, 3, 3), Box(2, 5, 4), Box(70, 2, 1), Ball(1), Ball(2), Ball(7), Octahedron(3), Disk(4), Disk(20), irregular(3),
		FromBools(append(make([]bool, 40), true, false, true, true, true, true, true), 47, 1, 1)}
	for si, s := range ses {
		for _, nx := range []int{1, 3, 9, 200} {
			for _, m := range modes {
				for _, reflect := range []bool{false, true} {
					d := nbhd.Dims{NX: nx, NY: 5, NZ: 5}
					if got, want := makePlan(s, reflect, d, m), groupedPlan(s, reflect, d, m); !equalPlans(got, want) {
						t.Fatalf("se%d nx %d %v reflect=%v: plan %+v, want %+v", si, nx, m, reflect, got, want)
					}
				}
			}
		}
	}
}

func equalPlans(a, b plan) bool { return reflect.DeepEqual(a, b) }

// groupedPlan is the plan by its definition, through maps (makePlan's
// former body).
func groupedPlan(s SE, reflect bool, d nbhd.Dims, m gips.BorderMode) plan {
	type key struct{ dy, dz int }
	xs := map[key]map[int]bool{}
	var order []key
	for _, o := range s.Offsets() {
		if reflect {
			o = [3]int{-o[0], -o[1], -o[2]}
		}
		k := key{o[1], o[2]}
		if xs[k] == nil {
			xs[k] = map[int]bool{}
			order = append(order, k)
		}
		xs[k][foldX(o[0], d.NX, m)] = true
	}
	var p plan
	for _, k := range order {
		l := sline{dy: k.dy, dz: k.dz}
		lo, hi := 1<<62, -1<<62
		for dx := range xs[k] {
			lo, hi = min(lo, dx), max(hi, dx)
		}
		for dx := lo; dx <= hi; dx++ {
			if !xs[k][dx] {
				continue
			}
			n := 1
			for xs[k][dx+n] {
				n++
			}
			l.runs = append(l.runs, run{dx, n})
			p.maxRun = max(p.maxRun, n)
			dx += n - 1
		}
		p.before = max(p.before, -lo)
		p.after = max(p.after, hi)
		p.lines = append(p.lines, l)
	}
	return p
}
