package stream

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// ErrBudget is the error when the memory budget cannot hold even the
// smallest slab an op needs (one plane and its halo).
var ErrBudget = errors.New("memory budget too small")

// ErrUnsupported is the error for an op, input or output that cannot be
// run out of core.
var ErrUnsupported = errors.New("not supported out of core")

// Options tune Run. The zero value is a budget of DefaultMemory() and no
// progress report.
type Options struct {
	// Memory is the budget in bytes for the process's resident memory
	// that the run adds: mapped input pages, the output slab, the op's
	// scratch. 0 means DefaultMemory().
	Memory int64
	// Planes fixes the slab depth (z planes written per step) instead of
	// deriving it from Memory; for tests and experiments.
	Planes int
	// Progress, if set, is called after each slab with the z planes done
	// and the total (label.components passes over the volume twice: the
	// total counts both passes).
	Progress func(done, total int)
	// Save options for the output file (TIFF: BigTIFF; compression and
	// chunky RGB are refused).
	Save *imageio.Options
}

// Stats describe a finished run.
type Stats struct {
	Op     string
	Output gips.Geometry
	Halo   int   // planes of halo read on each side of a slab
	Planes int   // slab depth: z planes written per slab
	Slabs  int   // slabs per pass
	Bands  int   // bands of rows of the passes along z (distance.edt, zoom of orders 2 to 5)
	Budget int64 // the memory budget used, in bytes
}

// Supported reports whether op can run out of core: a Local op, or one of
// the non-local ops this package implements (label.components,
// distance.edt).
func Supported(op *ops.Op) bool { return op.Local || nonLocal[op.Name] != nil }

// nonLocal are the ops with an engine of their own.
var nonLocal = map[string]func(r *runner) error{
	"label.components":   (*runner).labelComponents,
	"distance.edt":       (*runner).edt,
	"transform.zoom":     (*runner).zoom,
	"transform.resample": (*runner).zoom,
}

// Run runs the op registered under name on the files inPaths, mapped
// read-only (imageio.Open: uncompressed TIFF, .npy), and writes its image
// to outPath (.npy, .tif or .raw; see imageio.Create) slab by slab, each
// slab a range of z planes. params are parsed by the registry as ops.Call
// parses them. The output is the image ops.Call would give, pixel for
// pixel. ctx stops the run between slabs; on any error the output file is
// not created and a file already at outPath is left as it was.
func Run(ctx context.Context, name string, params map[string]any, inPaths []string, outPath string, o Options) (Stats, error) {
	op, err := ops.Lookup(name)
	if err != nil {
		return Stats{}, err
	}
	p, err := op.Parse(params)
	if err != nil {
		return Stats{}, err
	}
	return RunOp(ctx, op, p, inPaths, outPath, o)
}

// RunOp is Run with the op and its parsed parameters.
func RunOp(ctx context.Context, op *ops.Op, p ops.Values, inPaths []string, outPath string, o Options) (st Stats, err error) {
	engine := nonLocal[op.Name]
	if engine == nil && !op.Local {
		return Stats{}, fmt.Errorf("stream %s: the op looks at the whole image (it is not Local), and it has no out-of-core engine "+
			"(out of core: the Local ops and %s): %w", op.Name, strings.Join(nonLocalNames(), ", "), ErrUnsupported)
	}
	r, err := open(ctx, op, p, inPaths, o)
	if err != nil {
		return Stats{}, err
	}
	defer r.close()
	r.outPath = outPath
	o = r.o
	if r.out, err = op.OutputGeometry(r.geoms, p); err != nil {
		return Stats{}, err
	}
	// The Go heap is part of the budget: let the collector work to keep it
	// there (the mapped pages are not Go memory, so this is a soft cap).
	if prev := debug.SetMemoryLimit(-1); o.Memory < prev {
		debug.SetMemoryLimit(o.Memory)
		defer debug.SetMemoryLimit(prev)
	}
	if engine == nil {
		engine = (*runner).local
	}
	if err := engine(r); err != nil {
		return Stats{}, fmt.Errorf("stream %s: %w", op.Name, err)
	}
	return r.stats, nil
}

// open maps the inputs read-only and checks that slabs can be cut from
// them: planes shared with the mapping (a copied plane would put the whole
// volume in memory) and inputs of one size.
func open(ctx context.Context, op *ops.Op, p ops.Values, inPaths []string, o Options) (*runner, error) {
	if len(inPaths) != len(op.Inputs) {
		return nil, fmt.Errorf("stream %s: %d input files, want %d: %w", op.Name, len(inPaths), len(op.Inputs), ops.ErrInput)
	}
	if o.Memory < 0 || o.Planes < 0 {
		return nil, fmt.Errorf("stream %s: memory %d, planes %d: want >= 0: %w", op.Name, o.Memory, o.Planes, ops.ErrParam)
	}
	if o.Memory == 0 {
		o.Memory = DefaultMemory()
	}
	r := &runner{ctx: ctx, op: op, p: p, o: o}
	for _, path := range inPaths {
		d, err := imageio.Open(path, imageio.ReadOnly)
		if err != nil {
			return nil, r.closing(fmt.Errorf("stream %s: %w", op.Name, err))
		}
		r.in = append(r.in, d)
		if ok, copied := d.Shared(); !ok {
			return nil, r.closing(fmt.Errorf("stream %s: %s: %d planes cannot be mapped as they lie (byte order, interleaved samples or Fortran order) "+
				"and would be copied into memory: convert the file first: %w", op.Name, path, len(copied), ErrUnsupported))
		}
	}
	r.geoms = make([]gips.Geometry, len(r.in))
	for i, d := range r.in {
		r.geoms[i] = d.Geometry()
		if i > 0 && !r.geoms[i].SameSizes(r.geoms[0]) {
			return nil, r.closing(fmt.Errorf("stream %s: input %s is %v, input %s %v: slabs need inputs of one size: %w",
				op.Name, op.Inputs[i].Name, r.geoms[i], op.Inputs[0].Name, r.geoms[0], ErrUnsupported))
		}
	}
	return r, nil
}

// closing closes r and returns err.
func (r *runner) closing(err error) error {
	r.close()
	return err
}

func nonLocalNames() []string {
	var s []string
	for n := range nonLocal {
		s = append(s, n)
	}
	return s
}

// runner is one run: the mapped inputs, the op and the output file.
type runner struct {
	ctx   context.Context
	op    *ops.Op
	p     ops.Values
	o     Options
	in    []*imageio.Disk
	geoms []gips.Geometry
	out   gips.Geometry
	w     *imageio.PlaneWriter
	stats Stats

	outPath string
}

func (r *runner) close() {
	if r.w != nil {
		r.w.Abort() // nothing after a Commit
	}
	for _, d := range r.in {
		dropAll(d)
		d.Close()
	}
}

// create starts the output file.
func (r *runner) create(path string) error {
	cal := r.in[0].Calibration()
	w, err := imageio.Create(path, r.out, cal, r.o.Save)
	if err != nil {
		return err
	}
	r.w = w
	return nil
}

// planesPerZ is the number of planes at one z: channels times frames.
func planesPerZ(g gips.Geometry) int { return g.SizeC * g.SizeT }

// planeBytes is the bytes of one plane of g.
func planeBytes(g gips.Geometry) int64 {
	return int64(g.SizeX) * int64(g.SizeY) * int64(g.Type.ItemSize())
}

// scratchPerPixel is what an op may allocate beyond its output, per
// pixel, for its intermediate results: measured at 4 to 6 bytes for the
// Gaussian, median and morphology on UInt16 (17 for localStd). With the
// output counted twice (slabCost) and a quarter of the budget in reserve,
// 8 keeps the measured peaks under the budget (stream's peak-RSS test).
const scratchPerPixel = 8

// slabCost is the resident bytes one z step of a slab costs: the mapped
// input planes, the output planes twice (the op's output and a converted
// copy for some types) and the op's scratch.
func (r *runner) slabCost() int64 {
	var c int64
	for _, g := range r.geoms {
		c += planeBytes(g)
	}
	px := int64(r.out.SizeX) * int64(r.out.SizeY)
	c += 2*planeBytes(r.out) + scratchPerPixel*px
	return c * int64(planesPerZ(r.out))
}

// usable is the part of the budget left for slabs: a quarter is kept for
// the process itself (the Go runtime, the program's own memory, the Go
// heap's slack between collections).
func (r *runner) usable() int64 { return r.o.Memory - r.o.Memory/4 }

// depth is the slab depth (z planes written per slab) for a halo of h
// planes on each side: the most the budget holds, at least 1.
func (r *runner) depth(h int) (int, error) {
	sz := r.out.SizeZ
	if r.o.Planes > 0 {
		return min(r.o.Planes, sz), nil
	}
	cost := r.slabCost()
	n := r.usable() / cost
	need := int64(min(1+2*h, sz))
	if n < need {
		return 0, fmt.Errorf("--memory %s holds %d z planes of %v (%s each with the op's output and scratch), "+
			"a slab needs at least %d (one plane and a halo of %d on each side): give at least %s: %w",
			FormatBytes(r.o.Memory), n, r.geoms[0], FormatBytes(cost), need, h, FormatBytes(need*cost*4/3+1), ErrBudget)
	}
	return int(min(n-int64(2*h), int64(sz))), nil
}

// progress reports done z planes of total.
func (r *runner) progress(done, total int) {
	if r.o.Progress != nil {
		r.o.Progress(done, total)
	}
}

// check is the cancellation point between slabs.
func (r *runner) check() error {
	if r.ctx == nil {
		return nil
	}
	return r.ctx.Err()
}

// volumeRegion is the view of z planes [a, b) of img (every channel and
// frame), or img itself for a 2D image.
func volumeRegion(img *gips.Image, a, b int) (*gips.Image, error) {
	g := img.Geometry()
	if a == 0 && b == g.SizeZ {
		return img, nil
	}
	return img.Region(0, 0, a, g.SizeX, g.SizeY, b-a)
}

// writeZ writes z planes [z0, z1) of the output from res, whose plane z-a
// holds output plane z (every channel and frame).
func (r *runner) writeZ(res *gips.Image, a, z0, z1 int) error {
	g, rg := r.out, res.Geometry()
	for t := range g.SizeT {
		for c := range g.SizeC {
			for z := z0; z < z1; z++ {
				if err := r.w.WritePlane(g.PlaneIndex(z, c, t), res, rg.PlaneIndex(z-a, c, t)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// FormatBytes writes n as the CLI reads it: 256MiB, 1.5GiB.
func FormatBytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f, u := float64(n), 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d%s", int64(f), units[u])
	}
	return fmt.Sprintf("%.1f%s", f, units[u])
}
