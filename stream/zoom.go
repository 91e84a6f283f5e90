package stream

import (
	"fmt"
	"runtime/debug"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/transform"
)

// zoom runs the resampling ops (transform.zoom, transform.resample), whose
// output has another number of z planes than the input: output slab
// [z0, z1) reads the input planes its interpolation windows reach
// (transform.ZoomSlabPlanes: a few planes around [z0, z1) scaled back to
// the input, plus those the border mode folds in), with the whole
// volume's windows (transform.ZoomSlabInto): the in-memory result, bit
// for bit. Orders 2 to 5 interpolate B-spline coefficients that a
// recursive filter computes along the whole z axis: in one step when the
// budget holds the whole zoom, else through a temporary file of
// coefficients (zoomSpline).
func (r *runner) zoom() error {
	g := r.geoms[0]
	opts, _, err := transform.ZoomOpOptions(r.op.Name, r.p, g.Type)
	if err != nil {
		return err
	}
	nz := r.out.SizeZ
	perZ := int64(planesPerZ(g))
	inPlane := planeBytes(g) * perZ
	outPlane := r.zoomOutPlane()
	if !g.Volume {
		if need := inPlane + outPlane; r.o.Planes == 0 && need > r.usable() {
			return fmt.Errorf("--memory %s cannot hold the image %v and its zoom (%s): give at least %s: %w",
				FormatBytes(r.o.Memory), g, FormatBytes(need), FormatBytes(need*4/3+1), ErrBudget)
		}
		return r.whole()
	}
	if transform.ZoomOrder(opts...) > 1 {
		// The in-memory zoom: the input, its float64 coefficients (padded
		// by 12 planes on each side in some modes) and the output.
		coef := 8 * int64(g.SizeX+24) * int64(g.SizeY+24) * int64(g.SizeZ+24) * perZ
		need := inPlane*int64(g.SizeZ) + coef + outPlane*int64(nz)
		if r.o.Planes >= nz || (r.o.Planes == 0 && need <= r.usable()) {
			return r.whole()
		}
		return r.zoomSpline(opts)
	}
	// cost is the resident bytes of slabs of d output planes: the input
	// planes the worst slab reads and the output block.
	cost := func(d int) (int64, error) {
		most := 0
		for z0 := 0; z0 < nz; z0 += d {
			p, err := transform.ZoomSlabPlanes(g.SizeZ, nz, z0, min(nz, z0+d), opts...)
			if err != nil {
				return 0, err
			}
			most = max(most, len(p))
		}
		return int64(most)*inPlane + int64(d)*outPlane, nil
	}
	d, err := r.zoomDepth(cost, "the input planes of %v it reads", g)
	if err != nil {
		return err
	}
	r.stats = Stats{Op: r.op.Name, Output: r.out, Planes: d, Slabs: (nz + d - 1) / d, Budget: r.o.Memory}
	if err := r.create(r.outPath); err != nil {
		return err
	}
	bg := r.out
	bg.SizeZ = d
	block, err := gips.CreateImage(bg)
	if err != nil {
		return fmt.Errorf("slab of %d planes: %w", d, err)
	}
	for z0 := 0; z0 < nz; z0 += d {
		if err := r.check(); err != nil {
			return err
		}
		z1 := min(nz, z0+d)
		out, err := volumeRegion(block, 0, z1-z0)
		if err != nil {
			return err
		}
		if err := transform.ZoomSlabInto(out, r.in[0].Image, z0, nz, opts...); err != nil {
			return err
		}
		if err := r.writeZ(out, z0, z0, z1); err != nil {
			return err
		}
		// Input planes below the next slab's first are done with (a plane
		// a border mode folds in again is read back from the page cache).
		done := g.SizeZ
		if z1 < nz {
			p, err := transform.ZoomSlabPlanes(g.SizeZ, nz, z1, min(nz, z1+d), opts...)
			if err != nil {
				return err
			}
			if len(p) > 0 {
				done = p[0]
			}
		}
		dropZ(r.in[0], 0, done)
		debug.FreeOSMemory()
		r.progress(z1, nz)
	}
	return r.w.Commit()
}

// zoomOutPlane is the resident bytes of one output z plane of a zoom
// (every channel and frame): the plane twice and the kernel's scratch.
func (r *runner) zoomOutPlane() int64 {
	px := int64(r.out.SizeX) * int64(r.out.SizeY)
	return (2*planeBytes(r.out) + scratchPerPixel*px) * int64(planesPerZ(r.out))
}

// zoomDepth is the slab depth of a zoom: Options.Planes, or the deepest
// slab whose cost the budget holds (cost grows with the depth); what
// (with arg) names what a slab reads, for the error when not even one
// output plane fits.
func (r *runner) zoomDepth(cost func(d int) (int64, error), what string, arg any) (int, error) {
	nz := r.out.SizeZ
	if r.o.Planes > 0 {
		return min(r.o.Planes, nz), nil
	}
	c1, err := cost(1)
	if err != nil {
		return 0, err
	}
	if c1 > r.usable() {
		return 0, fmt.Errorf("--memory %s cannot hold one output plane of %v and %s (%s): give at least %s: %w",
			FormatBytes(r.o.Memory), r.out, fmt.Sprintf(what, arg), FormatBytes(c1), FormatBytes(c1*4/3+1), ErrBudget)
	}
	lo, hi := 1, nz
	for lo < hi {
		mid := (lo + hi + 1) / 2
		c, err := cost(mid)
		if err != nil {
			return 0, err
		}
		if c <= r.usable() {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, nil
}

// whole runs the op on the whole input in one step (the caller checked
// that the budget holds it).
func (r *runner) whole() error {
	nz := r.out.SizeZ
	r.stats = Stats{Op: r.op.Name, Output: r.out, Planes: nz, Slabs: 1, Budget: r.o.Memory}
	if err := r.create(r.outPath); err != nil {
		return err
	}
	out, err := gips.CreateImage(r.out)
	if err != nil {
		return err
	}
	in := make([]*gips.Image, len(r.in))
	for i, d := range r.in {
		in[i] = d.Image
	}
	if _, err := r.op.Call(in, out, r.p); err != nil {
		return err
	}
	if err := r.writeZ(out, 0, 0, nz); err != nil {
		return err
	}
	r.progress(nz, nz)
	return r.w.Commit()
}
