package stream

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Mergeable are the measure.labelAnalysis columns that Table computes out
// of core: those made of counts, boxes and coordinate sums, which slabs
// add up exactly. Shape measures (moments, perimeters, hulls, Euler
// numbers) need a label's whole extent and are not among them.
var Mergeable = []string{"label", "area", "areaPhysical",
	"bboxMinX", "bboxMinY", "bboxMinZ", "bboxMaxX", "bboxMaxY", "bboxMaxZ",
	"centroidX", "centroidY", "centroidZ", "equivalentDiameter", "extent"}

// partial are the columns each slab's table gives.
const partial = "label,area,bboxMinX,bboxMinY,bboxMinZ,bboxMaxX,bboxMaxY,bboxMaxZ,centroidX,centroidY,centroidZ"

// SupportedTable reports whether the table op can run out of core (with
// Mergeable measures only).
func SupportedTable(op *ops.Op) bool { return op.Name == "measure.labelAnalysis" }

// Table runs measure.labelAnalysis out of core on the labels at inPaths[0]:
// each slab of z planes is measured on its own and the partial tables are
// merged (counts and coordinate sums add, boxes widen). The measures must
// be among Mergeable; the table equals the in-memory one (the same integer
// sums go through the same formulas).
func Table(ctx context.Context, name string, params map[string]any, inPaths []string, o Options) (ops.Result, Stats, error) {
	op, err := ops.Lookup(name)
	if err != nil {
		return ops.Result{}, Stats{}, err
	}
	p, err := op.Parse(params)
	if err != nil {
		return ops.Result{}, Stats{}, err
	}
	return TableOp(ctx, op, p, inPaths, o)
}

// TableOp is Table with the op and its parsed parameters.
func TableOp(ctx context.Context, op *ops.Op, p ops.Values, inPaths []string, o Options) (ops.Result, Stats, error) {
	if !SupportedTable(op) {
		return ops.Result{}, Stats{}, fmt.Errorf("stream %s: out of core, the table ops are measure.labelAnalysis: %w", op.Name, ErrUnsupported)
	}
	measures := strings.Split(p.String("measures"), ",")
	for i, m := range measures {
		measures[i] = strings.TrimSpace(m)
		if !slices.Contains(Mergeable, measures[i]) {
			return ops.Result{}, Stats{}, fmt.Errorf("stream %s: measure %q: out of core, slabs' tables merge only %s: %w",
				op.Name, measures[i], strings.Join(Mergeable, ","), ErrUnsupported)
		}
	}
	r, err := open(ctx, op, p, inPaths, o)
	if err != nil {
		return ops.Result{}, Stats{}, err
	}
	defer r.close()
	g := r.geoms[0]
	if g.SizeC != 1 || g.SizeT != 1 {
		return ops.Result{}, Stats{}, fmt.Errorf("stream %s: labels %v: out of core, a grey image or volume: %w", op.Name, g, ErrUnsupported)
	}
	r.out = g.WithType(gips.Real64) // a slab's scratch, as for an op of float output
	res, err := r.measure()
	if err != nil {
		return ops.Result{}, Stats{}, fmt.Errorf("stream %s: %w", op.Name, err)
	}
	return res, r.stats, nil
}

// labelSums is one label's counts, sums and box over the slabs so far.
type labelSums struct {
	n      int64
	s      [3]int64 // coordinate sums
	lo, hi [3]int64 // box, hi inclusive
}

func (r *runner) measure() (ops.Result, error) {
	g := r.geoms[0]
	sz := g.SizeZ
	d, err := r.depth(0)
	if err != nil {
		return ops.Result{}, err
	}
	r.stats = Stats{Op: r.op.Name, Planes: d, Slabs: (sz + d - 1) / d, Budget: r.o.Memory}
	if d >= sz { // one slab: the op itself
		return r.op.Call([]*gips.Image{r.in[0].Image}, nil, r.p)
	}
	cal := r.in[0].Calibration()
	sp := [3]float64{cal.X, cal.Y, cal.Z}
	if !r.p.IsNone("spacing") {
		if sp, err = ops.PerAxis3(r.p, "spacing", g); err != nil {
			return ops.Result{}, err
		}
	}
	pp := ops.Values{}
	for k, v := range r.p {
		pp[k] = v
	}
	pp["measures"] = partial
	sums := map[float64]*labelSums{}
	for z0 := 0; z0 < sz; z0 += d {
		if err := r.check(); err != nil {
			return ops.Result{}, err
		}
		z1 := min(sz, z0+d)
		v, err := volumeRegion(r.in[0].Image, z0, z1)
		if err != nil {
			return ops.Result{}, err
		}
		res, err := r.op.Call([]*gips.Image{v}, nil, pp)
		if err != nil {
			return ops.Result{}, err
		}
		c := res.Table.Columns // in the order of partial
		for i, l := range c[0] {
			n := int64(c[1][i])
			s := sums[l]
			if s == nil {
				s = &labelSums{lo: [3]int64{math.MaxInt64, math.MaxInt64, math.MaxInt64}, hi: [3]int64{-1, -1, -1}}
				sums[l] = s
			}
			off := [3]int64{0, 0, int64(z0)}
			s.n += n
			for a := range 3 {
				s.lo[a] = min(s.lo[a], int64(c[2+a][i])+off[a])
				s.hi[a] = max(s.hi[a], int64(c[5+a][i])-1+off[a])
				// The slab's centroid is its integer sum / n * spacing:
				// the sum comes back exactly (far below 2^52).
				s.s[a] += int64(math.Round(c[8+a][i]/sp[a]*float64(n))) + n*off[a]
			}
		}
		dropZ(r.in[0], 0, z1)
		debug.FreeOSMemory()
		r.progress(z1, sz)
	}
	// Names and units in the caller's order: a table of one plane has them.
	first, err := volumeRegion(r.in[0].Image, 0, 1)
	if err != nil {
		return ops.Result{}, err
	}
	head, err := r.op.Call([]*gips.Image{first}, nil, r.p)
	if err != nil {
		return ops.Result{}, err
	}
	measures := head.Table.Names
	labels := make([]float64, 0, len(sums))
	for l := range sums {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	cols := make([][]float64, len(measures))
	pixel := sp[0] * sp[1] * sp[2]
	for k, m := range measures {
		col := make([]float64, len(labels))
		for i, l := range labels {
			s := sums[l]
			n := float64(s.n)
			vol := n * pixel
			switch m {
			case "label":
				col[i] = l
			case "area":
				col[i] = n
			case "areaPhysical":
				col[i] = vol
			case "bboxMinX", "bboxMinY", "bboxMinZ":
				col[i] = float64(s.lo[m[7]-'X'])
			case "bboxMaxX", "bboxMaxY", "bboxMaxZ":
				col[i] = float64(s.hi[m[7]-'X'] + 1)
			case "centroidX", "centroidY", "centroidZ":
				a := m[8] - 'X'
				col[i] = float64(s.s[a]) / n * sp[a]
			case "equivalentDiameter":
				col[i] = math.Pow(2*3*vol/math.Pi, 1.0/3)
			case "extent":
				col[i] = n / (float64(s.hi[0]-s.lo[0]+1) * float64(s.hi[1]-s.lo[1]+1) * float64(s.hi[2]-s.lo[2]+1))
			}
		}
		cols[k] = col
	}
	return ops.TableResult(head.Table.Names, head.Table.Units, cols), nil
}
