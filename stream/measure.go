package stream

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/measure"
	"github.com/gipsdev/gips/ops"
)

// Mergeable are the measure.labelAnalysis columns that Table computes out
// of core for a volume: every column of measure.labelAnalysis on a volume
// (measure.PartsMeasures). measure.labelIntensityAnalysis adds the
// intensity columns but intensityStd and intensityMedian, which need each
// label's values together.
var Mergeable = measure.PartsMeasures(false)

// SupportedTable reports whether the table op can run out of core.
func SupportedTable(op *ops.Op) bool {
	return op.Name == "measure.labelAnalysis" || op.Name == "measure.labelIntensityAnalysis"
}

// Table runs measure.labelAnalysis out of core on the labels at inPaths[0]:
// each slab of z planes (with the plane before it, for the 2x2x2 windows
// across slab faces) adds its labels' integer moment sums, windows and
// row extremes to a measure.Parts, whose table is the in-memory one: every
// column bit for bit but the surface area and sphericity, a sum of the
// same window areas in another order (a few ulps). The same for
// measure.labelIntensityAnalysis, whose inPaths[1] is the intensity
// volume: its sums within a few ulps, intensityStd and intensityMedian
// refused. Not bounded by the
// budget: a row of sums per label, and for the hull columns (solidity,
// feret*) 16 bytes per row of each label.
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
		return ops.Result{}, Stats{}, fmt.Errorf("stream %s: out of core, the table ops are measure.labelAnalysis and measure.labelIntensityAnalysis: %w", op.Name, ErrUnsupported)
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

func (r *runner) measure() (ops.Result, error) {
	g := r.geoms[0]
	sz := g.SizeZ
	// A slab reads the plane before it too (the 2x2x2 windows that
	// straddle two slabs): the budget's planes less one.
	d, err := r.depth(0)
	if err != nil {
		return ops.Result{}, err
	}
	if d < sz && r.o.Planes == 0 {
		if d--; d < 1 {
			return ops.Result{}, fmt.Errorf("--memory %s holds one z plane of %v, a slab needs two (a plane and the one before it): give at least %s: %w",
				FormatBytes(r.o.Memory), g, FormatBytes(2*r.slabCost()*4/3+1), ErrBudget)
		}
	}
	r.stats = Stats{Op: r.op.Name, Halo: 1, Planes: d, Slabs: (sz + d - 1) / d, Budget: r.o.Memory}
	if d >= sz || !g.Volume { // one slab: the op itself
		in := make([]*gips.Image, len(r.in))
		for i, d := range r.in {
			in[i] = d.Image
		}
		return r.op.Call(in, nil, r.p)
	}
	opts, err := measure.LabelAnalysisOptions(r.p, g)
	if err != nil {
		return ops.Result{}, err
	}
	parts, err := measure.NewParts(g, r.in[0].Calibration(), len(r.in) > 1, opts...)
	if errors.Is(err, measure.ErrNotByParts) {
		return ops.Result{}, fmt.Errorf("%w: %w", err, ErrUnsupported)
	}
	if err != nil {
		return ops.Result{}, err
	}
	for z0 := 0; z0 < sz; z0 += d {
		if err := r.check(); err != nil {
			return ops.Result{}, err
		}
		z1 := min(sz, z0+d)
		v, err := volumeRegion(r.in[0].Image, max(0, z0-1), z1)
		if err != nil {
			return ops.Result{}, err
		}
		var iv *gips.Image
		if len(r.in) > 1 {
			if iv, err = volumeRegion(r.in[1].Image, max(0, z0-1), z1); err != nil {
				return ops.Result{}, err
			}
		}
		if err := parts.Add(v, iv, z0); err != nil {
			return ops.Result{}, err
		}
		for _, in := range r.in {
			dropZ(in, 0, z1-1)
		}
		debug.FreeOSMemory()
		r.progress(z1, sz)
	}
	t, err := parts.Table()
	if err != nil {
		return ops.Result{}, err
	}
	return ops.TableResult(t.Names, t.Units, t.Columns), nil
}
