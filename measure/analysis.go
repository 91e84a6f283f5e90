package measure

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Option chooses what LabelAnalysis measures and how.
type Option func(*config)

type config struct {
	measures []string
	spacing  *[3]float64
}

// WithMeasures keeps only these columns (and label), in table order;
// "all", or no names, is every measure of the image's dimension.
func WithMeasures(names ...string) Option { return func(c *config) { c.measures = names } }

// WithSpacing sets the physical pixel size along x, y (and z), instead
// of the labels' calibration.
func WithSpacing(x, y, z float64) Option {
	return func(c *config) { c.spacing = &[3]float64{x, y, z} }
}

// LabelAnalysis measures every label of a label image (any label or
// integer type; 0 is the background, negative values are refused): one row
// per label present, sorted by label, with the columns that WithMeasures
// asks for (all by default: see Measures and the package doc for each
// definition). intensity may be nil; when given it must have the labels'
// sizes and adds the intensity columns. Physical values use the labels'
// calibration, or WithSpacing.
func LabelAnalysis(labels, intensity *gips.Image, opts ...Option) (*Table, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	li, err := newLabelImage(labels)
	if err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	ndim := 2
	if labels.Geometry().Volume {
		ndim = 3
	}
	cal := labels.Calibration()
	sp := [3]float64{cal.X, cal.Y, cal.Z}
	if cfg.spacing != nil {
		sp = *cfg.spacing
	}
	if ndim == 2 {
		sp[2] = 1
	}
	for a, s := range sp {
		if !(s > 0) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("labelAnalysis: spacing %v along %c: want a positive finite size: %w", s, "xyz"[a], ErrParam)
		}
	}
	cols, err := selectColumns(cfg.measures, ndim, intensity != nil)
	if err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	var need group
	for _, c := range cols {
		need |= c.group
	}
	var irow func(z, y int, buf []float64) []float64
	if intensity != nil {
		if irow, err = intensityRows(intensity, li); err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	if err := checkExact(li); err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	ix, err := buildIndex(li)
	if err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	defer ix.release()
	if need&gIntensity == 0 {
		irow = nil
	}
	acc, err := accumulate(li, ix, irow)
	if err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	defer acc.release() // the table holds copies
	r := &results{li: li, ix: ix, acc: acc, sp: sp, ndim: ndim, unit: cal.Unit}
	if need&(gWindows|gSurface) != 0 {
		var area *[256]float64
		if need&gSurface != 0 {
			area = mcAreas(sp)
		}
		if r.win, err = windows(li, ix, area); err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	if need&gPerimeter != 0 {
		if r.perim, err = perimeters(li, ix); err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	switch {
	case need&gMedian != 0:
		if r.std, r.median, err = gather(li, ix, acc, irow); err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
	case need&gGather != 0:
		if r.std, err = spread(li, ix, acc, irow); err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
		defer scratch.Put(&pool, r.std)
	}
	if need&gHull != 0 {
		if r.hull, err = hulls(li, ix, acc, sp, ndim); err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	return r.table(cols), nil
}

// results holds every pass's output until the table is filled in.
type results struct {
	li          *labelImage
	ix          *index
	acc         *partial
	sp          [3]float64
	ndim        int
	unit        string
	win         []winAcc
	perim       []float64
	std, median []float64
	hull        []hullMeasures
}

// shape is the moment-derived measures of one label.
type shape struct {
	cov                    [6]float64
	eig                    [3]float64
	major, inter, minor    float64
	orientation, eccentric float64
	elongation, flatness   float64
}

func (r *results) shapeOf(m *moments) shape {
	var s shape
	s.cov = m.covariance(r.sp)
	t := inertia(s.cov, r.ndim)
	if r.ndim == 2 {
		s.eig[0], s.eig[1] = eigen2(t[0][0], t[0][1], t[1][1])
		s.major, s.minor = 4*math.Sqrt(s.eig[0]), 4*math.Sqrt(s.eig[1])
		// scikit-image's orientation from its (row, col) tensor: a = T_rr
		// (= C_xx), c = T_cc (= C_yy), b = -C_xy. For a == c and b != 0,
		// the limit of the general case: 0.19 and 0.20 had the signs the
		// other way round (scikit-image#6815, fixed in 0.21), which 0.19
		// shows only when its rounded a - c is exactly 0; moments here are
		// exact, so every object symmetric about a diagonal would show it.
		// With b == 0 too (a pixel, a square) there is no direction: π/4,
		// 0.19's value (0.21 gives -π/4).
		a, b, c := s.cov[0], -s.cov[3], s.cov[1]
		switch {
		case a-c == 0 && b > 0:
			s.orientation = -math.Pi / 4
		case a-c == 0:
			s.orientation = math.Pi / 4
		default:
			s.orientation = 0.5 * math.Atan2(-2*b, c-a)
		}
		if s.eig[0] != 0 {
			s.eccentric = math.Sqrt(1 - s.eig[1]/s.eig[0])
		}
		s.elongation = s.major / s.minor
	} else {
		e := eigen3(t)
		s.eig = e
		// A flat or thin object makes one sum a rounding error of e[0]:
		// it is 0, so that its axis is 0 rather than noise.
		ax := func(a, b, c float64) float64 {
			v := a + b + c
			if v < 1e-12*e[0] {
				return 0
			}
			return math.Sqrt(10 * v)
		}
		s.major, s.inter, s.minor = ax(e[0], e[1], -e[2]), ax(e[0], -e[1], e[2]), ax(-e[0], e[1], e[2])
		s.elongation, s.flatness = s.major/s.inter, s.inter/s.minor
	}
	return s
}

func (r *results) table(cols []column) *Table {
	nl := len(r.ix.labels)
	t := &Table{}
	data := make([][]float64, len(cols))
	get := make([]cellFunc, len(cols))
	needShape := false
	for i, c := range cols {
		data[i] = scratch.Get[float64](&pool, nl) // written in full; the op's Release gives it back
		get[i] = r.cell(c.name)
		needShape = needShape || c.group == gMoments && c.name != "area" && c.name != "label" && c.name != "areaPhysical"
	}
	// One shape for every row: the cells take its address through a
	// func value, so one declared in the loop was a heap object a label
	// (216 134 allocations for a 4096² table, 7% of its page faults).
	// Without needShape it stays zero, as the cells that ignore it expect.
	var s shape
	for l := range nl {
		m := &r.acc.mom[l]
		if needShape {
			s = r.shapeOf(m)
		}
		for i, g := range get {
			data[i][l] = g(l, m, &s)
		}
	}
	for i, c := range cols {
		t.add(c.name, unitOf(c.unit, r.unit, r.ndim), data[i])
	}
	return t
}

// cellFunc is one column's value for the label of row l, from its moments
// m and the shape derived from them (zero unless a column needs it).
type cellFunc func(l int, m *moments, s *shape) float64

// cell is the column name's cellFunc, chosen once per column: a switch on
// the name in every cell cost as much as the rest of a table of a few
// hundred thousand labels.
func (r *results) cell(name string) cellFunc {
	pixel := r.sp[0] * r.sp[1] * r.sp[2]
	in := func(l int) *intens { return &r.acc.in[l] }
	switch name {
	case "label":
		return func(l int, _ *moments, _ *shape) float64 { return float64(r.ix.labels[l]) }
	case "area":
		return func(_ int, m *moments, _ *shape) float64 { return float64(m.n) }
	case "areaPhysical":
		return func(_ int, m *moments, _ *shape) float64 { return float64(m.n) * pixel }
	case "bboxMinX", "bboxMinY", "bboxMinZ":
		a := name[7] - 'X'
		return func(_ int, m *moments, _ *shape) float64 { return float64(m.lo[a]) }
	case "bboxMaxX", "bboxMaxY", "bboxMaxZ":
		a := name[7] - 'X'
		return func(_ int, m *moments, _ *shape) float64 { return float64(m.hi[a] + 1) }
	case "centroidX", "centroidY", "centroidZ":
		a := name[8] - 'X'
		return func(_ int, m *moments, _ *shape) float64 { return float64(m.s[a]) / float64(m.n) * r.sp[a] }
	case "equivalentDiameter":
		return func(_ int, m *moments, _ *shape) float64 {
			vol := float64(m.n) * pixel
			return math.Pow(2*float64(r.ndim)*vol/math.Pi, 1/float64(r.ndim))
		}
	case "extent":
		return func(_ int, m *moments, _ *shape) float64 {
			return float64(m.n) / (float64(m.hi[0]-m.lo[0]+1) * float64(m.hi[1]-m.lo[1]+1) * float64(m.hi[2]-m.lo[2]+1))
		}
	case "inertiaEigen1", "inertiaEigen2", "inertiaEigen3":
		a := name[12] - '1'
		return func(_ int, _ *moments, s *shape) float64 { return s.eig[a] }
	case "majorAxisLength":
		return func(_ int, _ *moments, s *shape) float64 { return s.major }
	case "intermediateAxisLength":
		return func(_ int, _ *moments, s *shape) float64 { return s.inter }
	case "minorAxisLength":
		return func(_ int, _ *moments, s *shape) float64 { return s.minor }
	case "orientation":
		return func(_ int, _ *moments, s *shape) float64 { return s.orientation }
	case "eccentricity":
		return func(_ int, _ *moments, s *shape) float64 { return s.eccentric }
	case "elongation":
		return func(_ int, _ *moments, s *shape) float64 { return s.elongation }
	case "flatness":
		return func(_ int, _ *moments, s *shape) float64 { return s.flatness }
	case "eulerNumber":
		return func(l int, _ *moments, _ *shape) float64 { return r.euler(l) }
	case "perimeterCrofton", "perimeter":
		if r.sp[0] != r.sp[1] {
			return func(int, *moments, *shape) float64 { return math.NaN() }
		}
		if name == "perimeter" {
			return func(l int, _ *moments, _ *shape) float64 { return r.perim[l] * r.sp[0] }
		}
		return func(l int, _ *moments, _ *shape) float64 { return r.win[l].crofton * r.sp[0] }
	case "solidity":
		return func(l int, m *moments, _ *shape) float64 { return float64(m.n) / float64(r.hull[l].convexArea) }
	case "feretMax":
		return func(l int, _ *moments, _ *shape) float64 { return r.hull[l].feretMax }
	case "feretMaxAngle":
		return func(l int, _ *moments, _ *shape) float64 { return r.hull[l].feretMaxAngle }
	case "feretMin":
		return func(l int, _ *moments, _ *shape) float64 { return r.hull[l].feretMin }
	case "feretMinAngle":
		return func(l int, _ *moments, _ *shape) float64 { return r.hull[l].feretMinAngle }
	case "surfaceArea":
		return func(l int, _ *moments, _ *shape) float64 { return r.win[l].surface }
	case "sphericity":
		return func(l int, m *moments, _ *shape) float64 {
			vol := float64(m.n) * pixel
			return math.Cbrt(math.Pi) * math.Pow(6*vol, 2.0/3) / r.win[l].surface
		}
	case "intensityMin":
		return func(l int, _ *moments, _ *shape) float64 { return in(l).min }
	case "intensityMax":
		return func(l int, _ *moments, _ *shape) float64 { return in(l).max }
	case "intensityMean":
		return func(l int, m *moments, _ *shape) float64 { return in(l).sum / float64(m.n) }
	case "intensitySum":
		return func(l int, _ *moments, _ *shape) float64 { return in(l).sum }
	case "intensityStd":
		return func(l int, _ *moments, _ *shape) float64 { return r.std[l] }
	case "intensityMedian":
		return func(l int, _ *moments, _ *shape) float64 { return r.median[l] }
	case "weightedCentroidX", "weightedCentroidY", "weightedCentroidZ":
		a := name[16] - 'X'
		return func(l int, _ *moments, _ *shape) float64 { return in(l).w[a] / in(l).sum * r.sp[a] }
	}
	return func(int, *moments, *shape) float64 { return 0 }
}
