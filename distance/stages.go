package distance

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// The EDT in stages, for volumes that are never whole in memory (package
// stream): the passes along x and y stay inside a plane, so a slab of
// planes can be transformed on its own (SquaredXY); the pass along z then
// runs on lines along z gathered from every slab's result (Line). The
// stages do EDT's float64 operations in EDT's order, so square roots of
// their result are EDT's, bit for bit.

// SquaredXY runs EDT's passes along x and y on the grey volume img (one
// channel and time point, e.g. a slab of a larger volume) into f, one
// value per voxel in C order (x fastest): each voxel's squared distance,
// scaled by the sampling, to the nearest zero voxel of its plane (+Inf in
// a plane without one). It returns the squared sampling along z, the
// weight of the pass along z. The sampling is resolved as EDT resolves it
// (WithSampling, else img's calibration).
func SquaredXY(f []float64, img *gips.Image, opts ...Option) (wz float64, err error) {
	g := img.Geometry()
	if g.SizeC != 1 || g.SizeT != 1 {
		return 0, fmt.Errorf("squaredXY: %v: one grey image or volume: %w", g, gips.ErrGeometry)
	}
	samp, err := sampling("squaredXY", img, collect(opts).sampling)
	if err != nil {
		return 0, err
	}
	if len(f) != g.Pixels() {
		return 0, fmt.Errorf("squaredXY: %d values for %v: %w", len(f), g, gips.ErrShape)
	}
	v := &volume{sx: g.SizeX, sy: g.SizeY, sz: g.SizeZ, f: f}
	for k := range v.w {
		v.w[k] = samp[k] * samp[k]
	}
	if err := v.planar(img, 0, false, false); err != nil {
		return 0, fmt.Errorf("squaredXY: %w", err)
	}
	return v.w[2], nil
}

// Line is the scratch of the pass along z for lines of n samples; one per
// goroutine.
type Line struct {
	p *padLine
	w float64
	c *parabola // of w
}

// NewLine is the scratch for lines of n samples.
func NewLine(n int) *Line { return &Line{p: newPadLine(n)} }

// Envelope is the pass along one line of squared distances f (n samples,
// the weight w from SquaredXY): min over p of w*(q-p)^2 + f[p] for each q,
// in a slice of the Line's that the next call overwrites. f is not changed.
func (l *Line) Envelope(f []float64, w float64) []float64 {
	if len(f) == 1 {
		l.p.d[0] = f[0] // EDT skips the pass over lines of one sample
		return l.p.d[:1]
	}
	if l.c == nil || l.w != w {
		l.w, l.c = w, newParabola(w)
	}
	return l.p.run(f, w, l.c)
}
