package stream

import (
	"fmt"
	"runtime/debug"

	"github.com/gipsdev/gips"
)

// local runs a Local op slab by slab. Slab [z0, z1) reads input planes
// [z0-h, z1+h) (clipped to the volume) as views of the mappings, runs the
// op on that sub-volume into a reused output block, and writes planes
// [z0, z1) of the result: inside the volume the halo gives every output
// plane the same neighbourhood as in the whole volume; at the volume's
// own faces the sub-volume's faces are the volume's, so the op's border
// mode applies as it does in memory. Wrap mode reads the far side of the
// volume, which no slab holds: it needs the whole volume in one slab.
func (r *runner) local() error {
	h, err := r.op.HaloOf(r.geoms, r.p)
	if err != nil {
		return err
	}
	hz := h[2]
	sz := r.out.SizeZ
	d, err := r.depth(hz)
	if err != nil {
		return err
	}
	if hz > 0 && d < sz && r.wraps() {
		return fmt.Errorf("mode wrap along z reads the far end of the volume: it needs the whole volume in one slab "+
			"(%d planes; the budget holds %d): %w", sz, d, ErrUnsupported)
	}
	r.stats = Stats{Op: r.op.Name, Output: r.out, Halo: hz, Planes: d, Slabs: (sz + d - 1) / d, Budget: r.o.Memory}
	if err := r.create(r.outPath); err != nil {
		return err
	}
	// One output block for every slab: the op writes into a view of it.
	bg := r.out
	bg.SizeZ = min(sz, d+2*hz)
	block, err := gips.CreateImage(bg)
	if err != nil {
		return fmt.Errorf("slab of %d planes: %w", bg.SizeZ, err)
	}
	views := make([]*gips.Image, len(r.in))
	for z0 := 0; z0 < sz; z0 += d {
		if err := r.check(); err != nil {
			return err
		}
		z1 := min(sz, z0+d)
		a, b := max(0, z0-hz), min(sz, z1+hz)
		for i, in := range r.in {
			if views[i], err = volumeRegion(in.Image, a, b); err != nil {
				return err
			}
		}
		out, err := volumeRegion(block, 0, b-a)
		if err != nil {
			return err
		}
		if _, err := r.op.Call(views, out, r.p); err != nil {
			return err
		}
		if err := r.writeZ(out, a, z0, z1); err != nil {
			return err
		}
		// Input planes below the next slab's first are done with: their
		// pages leave the process (they stay in the page cache).
		for _, in := range r.in {
			dropZ(in, 0, max(0, z1-hz))
		}
		debug.FreeOSMemory()
		r.progress(z1, sz)
	}
	return r.w.Commit()
}

// wraps reports whether the op reads its border in wrap mode.
func (r *runner) wraps() bool {
	if r.op.Param("mode") == nil {
		return false
	}
	m, err := gips.ParseBorderMode(r.p.String("mode"))
	return err == nil && m == gips.Wrap
}
