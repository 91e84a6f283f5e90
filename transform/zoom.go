package transform

import (
	"fmt"
	"math"
	"sync"

	"github.com/gipsdev/gips"
)

// Zoom resamples img by factor fx along x, fy along y and fz along z (fz
// is ignored for a 2D image; channels and time points are zoomed alone):
// scipy.ndimage.zoom. The output has round(size*factor) pixels per axis
// (Python's round: half to even) and its own calibration scaled to match.
// The options set the spline order (3 by default), the mode (Constant),
// cval, grid mode and the output type (the input's by default).
//
// Only the output size matters: without grid mode output pixel k reads
// the input at k*(n-1)/(m-1) (first and last pixel centres aligned), with
// grid mode at (k+0.5)*n/m - 0.5 (pixel edges aligned, as OpenCV's resize).
// Orders 2 to 5 prefilter the input into B-spline coefficients in float64
// (with scipy's padding by 12 in nearest and grid-constant modes). Integer
// outputs round half away from zero and saturate, as scipy does.
func Zoom(img *gips.Image, fx, fy, fz float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check("zoom"); err != nil {
		return nil, err
	}
	g, err := ZoomGeometry(img.Geometry(), fx, fy, fz)
	if err != nil {
		return nil, err
	}
	if c.output != 0 {
		g.Type = c.output
	}
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("zoom: %w", err)
	}
	cal := img.Calibration()
	gi := img.Geometry()
	cal.X *= float64(gi.SizeX) / float64(g.SizeX)
	cal.Y *= float64(gi.SizeY) / float64(g.SizeY)
	cal.Z *= float64(gi.SizeZ) / float64(g.SizeZ)
	out.SetCalibration(cal)
	return out, ZoomInto(out, img, opts...)
}

// maxZoomSide bounds an output side, so that a wild factor is an error and
// not an allocation.
const maxZoomSide = 1 << 24

// ZoomGeometry is the geometry Zoom gives: round(size*factor) along each
// axis as scipy (Python's round, half to even), the input's type.
func ZoomGeometry(g gips.Geometry, fx, fy, fz float64) (gips.Geometry, error) {
	in := g
	if !g.Volume {
		fz = 1
	}
	for a, f := range [3]float64{fx, fy, fz} {
		n := [3]int{g.SizeX, g.SizeY, g.SizeZ}[a]
		s := math.RoundToEven(float64(n) * f)
		if !(s >= 1) || s > maxZoomSide {
			return g, fmt.Errorf("zoom: factor %v along %c gives %v pixels from %d: want 1 to %d: %w", f, "xyz"[a], s, n, maxZoomSide, ErrParam)
		}
		switch a {
		case 0:
			g.SizeX = int(s)
		case 1:
			g.SizeY = int(s)
		case 2:
			g.SizeZ = int(s)
		}
	}
	return g, checkGrowth("zoom", fmt.Sprintf("factor (%v, %v, %v)", fx, fy, fz), in, g)
}

// ZoomInto zooms src into dst, whose sizes give the zoom (it may have any
// sizes; the same channels, time points and dimensions as src) and whose
// buffer type is the output type. dst must not share memory with src.
func ZoomInto(dst, src *gips.Image, opts ...Option) error {
	c := collect(opts)
	if err := c.check("zoom"); err != nil {
		return err
	}
	if err := checkIO("zoom", dst, src); err != nil {
		return err
	}
	if ok, err := zoomHalf(dst, src, c); ok {
		return err
	}
	return zoomJob(dst, src, c).run()
}

// zoomJob is the job of ZoomInto (checked arguments).
func zoomJob(dst, src *gips.Image, c config) *job {
	gi, go_ := src.Geometry(), dst.Geometry()
	m := &mapping{}
	j := newJob(dst, src, c, m)
	in := [3]int{gi.SizeX, gi.SizeY, gi.SizeZ}
	out := [3]int{go_.SizeX, go_.SizeY, go_.SizeZ}
	for a := 0; a < 3; a++ {
		m.tabs[a] = j.zoomTable(a, in[a], out[a], c.gridMode)
	}
	return j
}

// zoomTables keeps the axis tables of the last few zooms: a table depends
// only on the sizes, the order, the mode and the grid, and building one
// (a window per output index, 104 bytes each: 0.4 MB for 4096 outputs,
// in fresh pages) cost a fifth of a 2048² -> 4096² linear zoom. Tables
// are only read once built, so calls share them.
var zoomTables struct {
	sync.Mutex
	keys [6]zoomTableKey
	tabs [6][]axisTap
	next int
}

type zoomTableKey struct {
	order   int
	mode    Mode
	n, pad  int // the job's samples (padding included) and padding along the axis
	in, out int
	grid    bool
}

// maxCachedTable bounds the tables kept (6 of at most 0.85 MB).
const maxCachedTable = 8192

// zoomTable is j.table for a zoom from in to out samples along axis a,
// from zoomTables when it is there.
func (j *job) zoomTable(a, in, out int, grid bool) []axisTap {
	if out > maxCachedTable {
		return j.table(a, out, zoomCoord(in, out, grid))
	}
	k := zoomTableKey{order: j.e.order, mode: j.e.mode, n: j.n[a], pad: j.pad[a], in: in, out: out, grid: grid}
	zt := &zoomTables
	zt.Lock()
	for i := range zt.keys {
		if zt.tabs[i] != nil && zt.keys[i] == k {
			t := zt.tabs[i]
			zt.Unlock()
			return t
		}
	}
	zt.Unlock()
	t := j.table(a, out, zoomCoord(in, out, grid))
	zt.Lock()
	zt.keys[zt.next], zt.tabs[zt.next] = k, t
	zt.next = (zt.next + 1) % len(zt.keys)
	zt.Unlock()
	return t
}

// Shift moves img by sx, sy, sz pixels (sz ignored for a 2D image):
// scipy.ndimage.shift, output pixel k reads the input at k - s. Options
// as Zoom's (GridMode has no effect); the output has the input's sizes.
func Shift(img *gips.Image, sx, sy, sz float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check("shift"); err != nil {
		return nil, err
	}
	g := img.Geometry()
	if c.output != 0 {
		g.Type = c.output
	}
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("shift: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, ShiftInto(out, img, sx, sy, sz, opts...)
}

// ShiftInto is Shift into dst, of src's sizes.
func ShiftInto(dst, src *gips.Image, sx, sy, sz float64, opts ...Option) error {
	c := collect(opts)
	if err := c.check("shift"); err != nil {
		return err
	}
	if err := checkIO("shift", dst, src); err != nil {
		return err
	}
	gi, gd := src.Geometry(), dst.Geometry()
	if gi.SizeX != gd.SizeX || gi.SizeY != gd.SizeY || gi.SizeZ != gd.SizeZ {
		return fmt.Errorf("shift: output %v must have the sizes of the input %v: %w", gd, gi, gips.ErrShape)
	}
	for a, s := range [3]float64{sx, sy, sz} {
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return fmt.Errorf("shift: shift %v along %c: want a finite number: %w", s, "xyz"[a], ErrParam)
		}
	}
	m := &mapping{}
	j := newJob(dst, src, c, m)
	n := [3]int{gi.SizeX, gi.SizeY, gi.SizeZ}
	for a, s := range [3]float64{sx, sy, sz} {
		shift := -s
		m.tabs[a] = j.table(a, n[a], func(k int) float64 { return float64(k) + shift })
	}
	return j.run()
}

// zoomCoord is the input coordinate of output index k along an axis of n
// input and m output pixels, as scipy's zoom computes it: k*zoom with zoom
// = (n-1)/(m-1), or in grid mode (k+0.5)*zoom-0.5 with zoom = n/m; zoom
// is 1 when the divisor is 0.
func zoomCoord(n, m int, grid bool) func(k int) float64 {
	num, div := float64(n), float64(m)
	if !grid {
		num--
		div--
	}
	zoom := 1.0
	if div != 0 {
		zoom = num / div
	}
	return func(k int) float64 {
		cc := float64(k)
		if grid {
			cc += 0.5
			cc *= zoom
			cc -= 0.5
		} else {
			cc *= zoom
		}
		return cc
	}
}
