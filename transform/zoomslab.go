package transform

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Slabs of a zoom, for package stream's out-of-core runs: output z planes
// [z0, z1) of a zoom are computed from the few input planes their windows
// read, with the windows of the whole volume (the same taps, weights and
// border folds), so that the slab is bit for bit the same planes of the
// whole zoom. Orders 0 and 1 here; orders 2 to 5 read B-spline
// coefficients, whose prefilter runs along the whole z axis: their slabs
// read coefficient planes (zoomcoef.go).

// ZoomOpOptions gives the zoom options of the registry's resampling ops
// whose Run is ZoomInto (transform.zoom, transform.resample) from their
// parsed parameters; ok is false for any other op.
func ZoomOpOptions(name string, p ops.Values, in gips.BufferType) (opts []Option, ok bool, err error) {
	var grid bool
	switch name {
	case "transform.zoom":
		grid = p.Bool("grid_mode")
	case "transform.resample":
		grid = true
	default:
		return nil, false, nil
	}
	opts, _, err = interpOptions(p, in)
	return append(opts, WithGridMode(grid)), true, err
}

// ZoomOrder is the spline order the options give (3 unless set).
func ZoomOrder(opts ...Option) int { return collect(opts).order }

// zoomSlabTable is the z windows of output planes [z0, z1) of a zoom from
// nzIn to nzOut planes, and the sorted input planes they read.
func zoomSlabTable(j *job, c config, nzIn, nzOut, z0, z1 int) ([]axisTap, []int) {
	coord := zoomCoord(nzIn, nzOut, c.gridMode)
	tab := j.table(2, z1-z0, func(k int) float64 { return coord(z0 + k) })
	var planes []int
	for k := range tab {
		t := &tab[k]
		if t.zero {
			continue
		}
		for l := 0; l <= c.order; l++ {
			if t.cv>>l&1 == 0 {
				planes = append(planes, t.idx[l])
			}
		}
	}
	slices.Sort(planes)
	return tab, slices.Compact(planes)
}

// localTaps makes the windows of tab index planes (the sorted planes they
// read) by position in it, and gives planes: {0} when no window reads any
// plane (every window outside in constant mode).
func localTaps(tab []axisTap, planes []int) []int {
	if len(planes) == 0 {
		planes = []int{0}
	}
	for k := range tab {
		t := &tab[k]
		for l := range t.idx {
			if i, ok := slices.BinarySearch(planes, t.idx[l]); ok && !t.zero && t.cv>>l&1 == 0 {
				t.idx[l] = i
			} else {
				t.idx[l] = 0
			}
		}
	}
	return planes
}

// checkSlab checks the arguments of a slab of a zoom from nzIn to nzOut
// planes.
func checkSlab(c config, nzIn, nzOut, z0, z1 int) error {
	if err := c.check("zoom slab"); err != nil {
		return err
	}
	if c.order > 1 {
		return fmt.Errorf("zoom slab: order %d: slabs of the input take orders 0 and 1 (orders 2 to 5 prefilter along the whole z axis: ZoomCoefs): %w", c.order, ErrParam)
	}
	return checkRange(nzIn, nzOut, z0, z1)
}

// checkRange checks output planes [z0, z1) of a zoom from nzIn to nzOut
// planes.
func checkRange(nzIn, nzOut, z0, z1 int) error {
	if nzIn < 1 || nzOut < 1 || nzOut > maxZoomSide || z0 < 0 || z1 <= z0 || z1 > nzOut {
		return fmt.Errorf("zoom slab: output planes [%d, %d) of %d from %d: %w", z0, z1, nzOut, nzIn, ErrParam)
	}
	return nil
}

// ZoomSlabPlanes lists, sorted, the input z planes that output planes
// [z0, z1) of a zoom from nzIn to nzOut planes read (orders 0 and 1).
func ZoomSlabPlanes(nzIn, nzOut, z0, z1 int, opts ...Option) ([]int, error) {
	c := collect(opts)
	if err := checkSlab(c, nzIn, nzOut, z0, z1); err != nil {
		return nil, err
	}
	j := &job{e: newEngine(c.order, c.mode, c.cval), rank: 3}
	j.n[2] = nzIn // no padding: orders 0 and 1
	_, planes := zoomSlabTable(j, c, nzIn, nzOut, z0, z1)
	return planes, nil
}

// ZoomSlabInto writes into dst output z planes [z0, z0+dst.SizeZ) of the
// zoom of the volume src to nz planes (dst's x and y sizes are the whole
// output's): the planes ZoomInto gives, bit for bit. Only the input planes
// ZoomSlabPlanes lists are read, so src may be a mapped volume larger than
// memory. Orders 0 and 1.
func ZoomSlabInto(dst, src *gips.Image, z0, nz int, opts ...Option) error {
	c := collect(opts)
	if err := checkIO("zoom slab", dst, src); err != nil {
		return err
	}
	gi, gd := src.Geometry(), dst.Geometry()
	if !gi.Volume {
		return fmt.Errorf("zoom slab: input %v: want a volume: %w", gi, gips.ErrShape)
	}
	if err := checkSlab(c, gi.SizeZ, nz, z0, z0+gd.SizeZ); err != nil {
		return err
	}
	m := &mapping{}
	j := newJob(dst, src, c, m)
	m.tabs[0] = j.table(0, gd.SizeX, zoomCoord(gi.SizeX, gd.SizeX, c.gridMode))
	m.tabs[1] = j.table(1, gd.SizeY, zoomCoord(gi.SizeY, gd.SizeY, c.gridMode))
	tab, planes := zoomSlabTable(j, c, gi.SizeZ, nz, z0, z0+gd.SizeZ)
	planes = localTaps(tab, planes)
	m.tabs[2] = tab
	return gips.Dispatch(src.Type(), gips.AllKernels(slabFrom[uint8], slabFrom[int8], slabFrom[uint16], slabFrom[int16],
		slabFrom[uint32], slabFrom[int32], slabFrom[float32], slabFrom[float64]), slabJob{j, planes})
}

type slabJob struct {
	j      *job
	planes []int
}

func slabFrom[S gips.Pixel](s slabJob) error {
	return gips.Dispatch(s.j.dst.Type(), gips.AllKernels(slabTyped[S, uint8], slabTyped[S, int8], slabTyped[S, uint16], slabTyped[S, int16],
		slabTyped[S, uint32], slabTyped[S, int32], slabTyped[S, float32], slabTyped[S, float64]), s)
}

// slabTyped runs the zoom of each (channel, time) volume over the planes
// read only: the volume's rows are theirs, in the order of s.planes.
func slabTyped[S, D gips.Pixel](s slabJob) error {
	j := s.j
	sp, err := gips.Planes[S](j.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[D](j.dst)
	if err != nil {
		return err
	}
	g := j.src.Geometry()
	for t := range g.SizeT {
		for c := range g.SizeC {
			v := &volume[S]{nx: g.SizeX, ny: g.SizeY, nz: len(s.planes), rows: make([][]S, g.SizeY*len(s.planes))}
			for k, z := range s.planes {
				p := sp[g.PlaneIndex(z, c, t)]
				for y := range g.SizeY {
					v.rows[k*g.SizeY+y] = p.Row(y)
				}
			}
			if err := transformVolume(j, v, dp, c, t); err != nil {
				return err
			}
		}
	}
	return nil
}
