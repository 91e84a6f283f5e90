package measure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Parts is LabelAnalysis over a label volume given as slabs of z planes,
// for package stream's out-of-core runs: each slab adds its labels' exact
// integer moment sums, their 2x2x2 windows (Euler number, surface area)
// and their rows' first and last pixels (the convex hulls, Feret
// diameters), and Table gives the table LabelAnalysis gives on the whole
// volume. The moment, Euler, hull and Feret columns are the in-memory
// values bit for bit (the same integers and points through the same
// code); the surface area (and sphericity) is the same sum of per-window
// areas added in another order: equal within a few ulps. With an
// intensity volume, the intensity extremes are exact and the sums (sum,
// mean, weighted centroids) within a few ulps; intensityStd and
// intensityMedian need each label's values together and are refused.
// What Parts keeps
// grows with the labels: a row of sums per label, and with hull columns
// 16 bytes per row of each label.
type Parts struct {
	cols  []column
	inten bool
	need  group
	sp    [3]float64
	area  *[256]float64
	unit  string
	size  [3]int // the whole volume's
	next  int    // the next slab's first plane
	state map[uint32]*partState
}

// ErrNotByParts is the error for a measure that Parts cannot compute:
// intensityStd and intensityMedian.
var ErrNotByParts = errors.New("measure not computable from slabs")

type partState struct {
	mom moments
	in  intens
	win winAcc
	ext []rowExt
}

// PartsMeasures lists the columns Parts serves for a volume, with an
// intensity volume or without, in table order.
func PartsMeasures(intensity bool) []string {
	var out []string
	for _, c := range allColumns {
		if c.dims != 2 && c.group&gGather == 0 && (intensity || c.group&gIntensity == 0) {
			out = append(out, c.name)
		}
	}
	return out
}

// LabelAnalysisOptions are the options the registry's measure ops take from
// their parameters (measures, spacing) for labels of geometry g.
func LabelAnalysisOptions(p ops.Values, g gips.Geometry) ([]Option, error) { return options(p, g) }

// NewParts starts the analysis of the label volume of geometry g (one
// channel, one time point) and calibration cal, with LabelAnalysis's
// options; intensity tells whether Add gets an intensity volume's slabs
// too (LabelIntensityAnalysis).
func NewParts(g gips.Geometry, cal gips.Calibration, intensity bool, opts ...Option) (*Parts, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if !g.Volume || g.SizeC != 1 || g.SizeT != 1 {
		return nil, fmt.Errorf("labelAnalysis by parts: labels %v: want a grey volume: %w", g, ErrLabels)
	}
	sp := [3]float64{cal.X, cal.Y, cal.Z}
	if cfg.spacing != nil {
		sp = *cfg.spacing
	}
	for a, s := range sp {
		if !(s > 0) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("labelAnalysis: spacing %v along %c: want a positive finite size: %w", s, "xyz"[a], ErrParam)
		}
	}
	cols, err := selectColumns(cfg.measures, 3, intensity)
	if err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	for _, c := range cols {
		if c.group&gGather != 0 {
			return nil, fmt.Errorf("labelAnalysis by parts: measure %q needs each label's values together (not sums that slabs add up); "+
				"by parts: %s: %w", c.name, strings.Join(PartsMeasures(intensity), ", "), ErrNotByParts)
		}
	}
	p := &Parts{cols: cols, inten: intensity, sp: sp, unit: cal.Unit, size: [3]int{g.SizeX, g.SizeY, g.SizeZ}, state: map[uint32]*partState{}}
	for _, c := range cols {
		p.need |= c.group
	}
	if p.need&gSurface != 0 {
		p.area = mcAreas(sp)
	}
	li := &labelImage{w: g.SizeX, h: g.SizeY, d: g.SizeZ}
	if err := checkExact(li); err != nil {
		return nil, fmt.Errorf("labelAnalysis: %w", err)
	}
	return p, nil
}

// Add adds the slab of planes [z0, z0+n) of the volume. slab holds those
// planes, and before them plane z0-1 when z0 > 0 (the windows between two
// slabs read both): n = slab's planes, less one when z0 > 0. intensity is
// the same planes of the intensity volume (nil without). Slabs come in
// order, from plane 0 to the last.
func (p *Parts) Add(slab, intensity *gips.Image, z0 int) error {
	li, err := newLabelImage(slab)
	if err != nil {
		return fmt.Errorf("labelAnalysis: %w", err)
	}
	off := 0
	if z0 > 0 {
		off = 1
	}
	n := li.d - off
	if z0 != p.next || n < 1 || z0+n > p.size[2] || li.w != p.size[0] || li.h != p.size[1] {
		return fmt.Errorf("labelAnalysis by parts: slab %dx%dx%d at plane %d (the next is %d) of a %dx%dx%d volume: %w",
			li.w, li.h, li.d, z0, p.next, p.size[0], p.size[1], p.size[2], ErrParam)
	}
	ix, err := buildIndex(li)
	if err != nil {
		return fmt.Errorf("labelAnalysis: %w", err)
	}
	defer ix.release()
	// The slab's own planes, without the plane before.
	own := *li
	own.d = n
	own.row = func(z, y int, buf []uint32) ([]uint32, error) { return li.row(z+off, y, buf) }
	if (intensity != nil) != p.inten {
		return fmt.Errorf("labelAnalysis by parts: an intensity slab %v, the analysis has intensity %v: %w", intensity != nil, p.inten, ErrParam)
	}
	var irow func(z, y int, buf []float64) []float64
	if intensity != nil {
		all, err := intensityRows(intensity, li)
		if err != nil {
			return fmt.Errorf("labelAnalysis: %w", err)
		}
		irow = func(z, y int, buf []float64) []float64 { return all(z+off, y, buf) }
	}
	acc, err := accumulate(&own, ix, irow)
	if err != nil {
		return fmt.Errorf("labelAnalysis: %w", err)
	}
	defer acc.release() // copied into p.state below
	var win []winAcc
	if p.need&(gWindows|gSurface) != 0 {
		// The windows whose last plane is in the slab (and, after the last
		// plane, those that end in the padding).
		zhi := li.d
		if z0+n == p.size[2] {
			zhi++
		}
		if win, err = windowsZ(li, ix, p.area, off, zhi); err != nil {
			return fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	var ext [][]rowExt
	if p.need&gHull != 0 {
		if ext, err = extremes(&own, ix); err != nil {
			return fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	dz := int64(z0)
	for i, l := range ix.labels {
		s := p.state[l]
		if s == nil {
			s = &partState{}
			p.state[l] = s
		}
		if m := acc.mom[i]; m.n > 0 {
			// The slab's z are from its first plane: shift them by z0.
			m.ss[2] += 2*dz*m.s[2] + m.n*dz*dz
			m.ss[4] += dz * m.s[0]
			m.ss[5] += dz * m.s[1]
			m.s[2] += m.n * dz
			m.lo[2] += int32(z0)
			m.hi[2] += int32(z0)
			if acc.in != nil {
				in := acc.in[i]
				in.w[2] += in.sum * float64(z0)
				s.in.merge(&in, s.mom.n == 0)
			}
			s.mom.merge(&m)
		}
		if win != nil {
			s.win.euler += win[i].euler
			s.win.surface += win[i].surface
		}
		if ext != nil {
			for _, e := range ext[i] {
				e.z += int32(z0)
				s.ext = append(s.ext, e)
			}
		}
	}
	p.next = z0 + n
	return nil
}

// Table is the table of the labels of every slab added, which must cover
// the volume.
func (p *Parts) Table() (*Table, error) {
	if p.next != p.size[2] {
		return nil, fmt.Errorf("labelAnalysis by parts: planes %d to %d were not added: %w", p.next, p.size[2], ErrParam)
	}
	ix := &index{sparse: map[uint32]int32{}}
	for l, s := range p.state {
		if s.mom.n > 0 {
			ix.labels = append(ix.labels, l)
		}
	}
	slices.Sort(ix.labels)
	nl := len(ix.labels)
	r := &results{ix: ix, acc: &partial{mom: make([]moments, nl)}, sp: p.sp, ndim: 3, unit: p.unit}
	if p.inten {
		r.acc.in = make([]intens, nl)
	}
	r.win = make([]winAcc, nl)
	ext := make([][]rowExt, nl)
	for i, l := range ix.labels {
		ix.sparse[l] = int32(i)
		s := p.state[l]
		r.acc.mom[i], r.win[i], ext[i] = s.mom, s.win, s.ext
		if p.inten {
			r.acc.in[i] = s.in
		}
	}
	if p.need&gHull != 0 {
		r.hull = make([]hullMeasures, nl)
		err := forEach(nl, 64, func(lo, hi int) {
			for l := lo; l < hi; l++ {
				r.hull[l] = hullMeasures3(ext[l], p.sp)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("labelAnalysis: %w", err)
		}
	}
	return r.table(p.cols), nil
}
