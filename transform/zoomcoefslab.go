package transform

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Slabs of a zoom of orders 2 to 5 from its coefficient planes: the
// windows of the whole zoom (zoomSlabTable over the padded coefficient
// volume), the in-memory interpolation (separableBand) over the planes
// they read.

// slabJob is the job of output planes [z0, z1) of a zoom to nz planes
// into dst (nil when only the planes read are wanted), with its z windows
// and the sorted coefficient planes they read.
func (k *ZoomCoefs) slabJob(dst *gips.Image, nz, z0, z1 int) (*job, []axisTap, []int, error) {
	if err := checkRange(k.src.SizeZ, nz, z0, z1); err != nil {
		return nil, nil, nil, err
	}
	j := &job{dst: dst, e: k.e, m: &mapping{}, rank: 3}
	for a := range 3 {
		j.pad[a] = k.Pad
		j.win[a] = k.e.order + 1
	}
	j.n = [3]int{k.Nx, k.Ny, k.Nz}
	tab, planes := zoomSlabTable(j, k.c, k.src.SizeZ, nz, z0, z1)
	return j, tab, planes, nil
}

// SlabPlanes lists, sorted, the coefficient planes (0 to Nz-1) that output
// planes [z0, z1) of the zoom to nz planes read.
func (k *ZoomCoefs) SlabPlanes(nz, z0, z1 int) ([]int, error) {
	_, _, planes, err := k.slabJob(nil, nz, z0, z1)
	return planes, err
}

// SlabInto writes into dst output planes [z0, z0+dst.SizeZ) of the zoom
// to nz planes (dst's x and y sizes are the whole output's, its type the
// output type): the planes ZoomInto gives, bit for bit. plane(i, c, t) is
// the i-th coefficient plane SlabPlanes lists of volume (c, t), filtered
// along z, y and x (PlaneLen samples); no other plane is read.
func (k *ZoomCoefs) SlabInto(dst *gips.Image, z0, nz int, plane func(i, c, t int) []float64) (err error) {
	if dst == nil || plane == nil {
		return fmt.Errorf("zoom slab: nil output or planes: %w", ErrParam)
	}
	gd := dst.Geometry()
	if !numeric(gd.Type) || !gd.Volume || gd.SizeC != k.src.SizeC || gd.SizeT != k.src.SizeT {
		return fmt.Errorf("zoom slab: output %v: want a volume of a plain numeric type with the input's channels and time points (%v): %w",
			gd, k.src, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("zoom slab: output: %w", err)
	}
	j, tab, planes, err := k.slabJob(dst, nz, z0, z0+gd.SizeZ)
	if err != nil {
		return err
	}
	listed := len(planes) // none when every window is outside: no plane is read
	planes = localTaps(tab, planes)
	j.m.tabs[0] = j.table(0, gd.SizeX, zoomCoord(k.src.SizeX, gd.SizeX, k.c.gridMode))
	j.m.tabs[1] = j.table(1, gd.SizeY, zoomCoord(k.src.SizeY, gd.SizeY, k.c.gridMode))
	j.m.tabs[2] = tab
	v := &volume[float64]{nx: k.Nx, ny: k.Ny, nz: len(planes), rows: make([][]float64, k.Ny*len(planes))}
	defer catch(&err)
	for t := range gd.SizeT {
		for c := range gd.SizeC {
			for i := range listed {
				p := plane(i, c, t)
				if len(p) != k.PlaneLen() {
					return fmt.Errorf("zoom slab: coefficient plane %d of channel %d, time %d: %d samples, want %d: %w",
						planes[i], c, t, len(p), k.PlaneLen(), ErrParam)
				}
				for y := range k.Ny {
					v.rows[i*k.Ny+y] = p[y*k.Nx : (y+1)*k.Nx : (y+1)*k.Nx]
				}
			}
			if err := gips.Dispatch(gd.Type, gips.AllKernels(coefSlab[uint8], coefSlab[int8], coefSlab[uint16], coefSlab[int16],
				coefSlab[uint32], coefSlab[int32], coefSlab[float32], coefSlab[float64]), coefSlabArgs{j, v, c, t}); err != nil {
				return err
			}
		}
	}
	return nil
}

type coefSlabArgs struct {
	j    *job
	v    *volume[float64]
	c, t int
}

// coefSlab is runTyped's interpolation of orders above 1, over the slab.
func coefSlab[D gips.Pixel](a coefSlabArgs) error {
	dp, err := gips.WritablePlanes[D](a.j.dst)
	if err != nil {
		return err
	}
	og := a.j.dst.Geometry()
	return bands(og.SizeZ, og.SizeY, og.SizeX*8*(a.j.e.order+1), func(z, y0, y1 int) {
		separableBand(a.j, a.v, dp, a.c, a.t, z, y0, y1, make([]float64, og.SizeX), newRowCache())
	})
}
