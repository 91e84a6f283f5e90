package stream

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/transform"
)

// zoomSpline is the zoom of orders 2 to 5 when the budget does not hold
// the whole zoom. The in-memory zoom converts the input to a float64
// volume (padded by 12 samples in the nearest and grid-constant modes),
// filters it along z, y, then x (scipy's axis order) into B-spline
// coefficients, and interpolates them. Here the same steps, on a
// temporary file of the coefficients (8 bytes per padded voxel) beside
// the output:
//
//  1. plane by plane: the input converted and padded (FillPlane);
//  2. band of rows by band of rows, every plane of the band read: the
//     filter along z (FilterZ), written back;
//  3. slab by slab of the output: the coefficient planes the slab's
//     windows read, filtered along y and x (FilterXY; a plane the next
//     slab reads again is kept), and the in-memory interpolation
//     (SlabInto).
//
// Each line is filtered by the same calls on the same values in the same
// order as in memory: the output is the in-memory one, bit for bit. The
// file is read and written (pread, pwrite), not mapped, as the EDT's: a
// band is a few rows of every plane, and a mapping's faults bring whole
// page-cache folios around each row into the process; what is resident is
// then the buffers below, counted in the budget, and the file's pages
// stay in the page cache, outside the process.
func (r *runner) zoomSpline(opts []transform.Option) error {
	g, nz := r.geoms[0], r.out.SizeZ
	k, err := transform.NewZoomCoefs(g, opts...)
	if err != nil {
		return err
	}
	vols := planesPerZ(g)
	plane := int64(k.PlaneLen()) * 8
	// Pass 3's slab: the coefficient planes the worst slab reads (of every
	// volume) and the output block.
	cost := func(d int) (int64, error) {
		most := 0
		for z0 := 0; z0 < nz; z0 += d {
			p, err := k.SlabPlanes(nz, z0, min(nz, z0+d))
			if err != nil {
				return 0, err
			}
			most = max(most, len(p))
		}
		return int64(most)*int64(vols)*plane + int64(d)*r.zoomOutPlane(), nil
	}
	// Pass 1: a coefficient plane and an input plane; pass 2: a band of
	// rows across every coefficient plane of one volume.
	fill := plane + planeBytes(g)*int64(vols)
	rowCost := int64(k.Nz) * int64(k.Nx) * 8
	if need := max(fill, rowCost); need > r.usable() {
		return fmt.Errorf("--memory %s holds no row of the %dx%dx%d B-spline coefficients of %v across their %d planes (%s) "+
			"nor one of their planes: give at least %s: %w",
			FormatBytes(r.o.Memory), k.Nx, k.Ny, k.Nz, g, k.Nz, FormatBytes(need), FormatBytes(need*4/3+1), ErrBudget)
	}
	d, err := r.zoomDepth(cost, "the B-spline coefficient planes of %v it reads", g)
	if err != nil {
		return err
	}
	band := int(min(int64(k.Ny), r.usable()/rowCost))
	r.stats = Stats{Op: r.op.Name, Output: r.out, Planes: d, Slabs: (nz + d - 1) / d, Bands: (k.Ny + band - 1) / band, Budget: r.o.Memory}
	size := int64(vols) * int64(k.Nz) * plane
	tmp, err := scratchFile(filepath.Dir(r.outPath), ".gips-zoom-*.f64", size)
	if err != nil {
		return fmt.Errorf("B-spline coefficients of %v: %w", g, err)
	}
	defer tmp.close()
	z := zoomFile{r: r, k: k, f: tmp.File, vols: vols, total: k.Nz + vols*k.Ny + nz}
	if err := z.fill(); err != nil {
		return err
	}
	if err := z.filterZ(band); err != nil {
		return err
	}
	if err := r.create(r.outPath); err != nil {
		return err
	}
	if err := z.interpolate(d); err != nil {
		return err
	}
	return r.w.Commit()
}

// zoomFile is a zoom's temporary file of coefficients: volume v (channel
// v % SizeC, time v / SizeC) after volume, plane after plane.
type zoomFile struct {
	r     *runner
	k     *transform.ZoomCoefs
	f     *os.File
	vols  int
	done  int // progress
	total int
}

// at is the byte offset of row y of coefficient plane z of volume v.
func (z *zoomFile) at(v, p, y int) int64 {
	k := z.k
	return ((int64(v)*int64(k.Nz)+int64(p))*int64(k.Ny) + int64(y)) * int64(k.Nx) * 8
}

func (z *zoomFile) step(n int) {
	z.done += n
	z.r.progress(z.done, z.total)
}

// fill is pass 1: the input converted and padded, plane by plane.
func (z *zoomFile) fill() error {
	k, g, in := z.k, z.r.geoms[0], z.r.in[0]
	buf := make([]float64, k.PlaneLen())
	for p := range k.Nz {
		if err := z.r.check(); err != nil {
			return err
		}
		for v := range z.vols {
			if err := k.FillPlane(buf, in.Image, p, v%g.SizeC, v/g.SizeC); err != nil {
				return err
			}
			if _, err := z.f.WriteAt(float64Bytes(buf), z.at(v, p, 0)); err != nil {
				return fmt.Errorf("B-spline coefficients: %w", err)
			}
		}
		if zi := p - k.Pad; zi >= 0 && zi < g.SizeZ {
			dropZ(in, 0, zi+1)
		}
		z.step(1)
	}
	dropAll(in)
	return nil
}

// filterZ is pass 2: the filter along z, band of rows by band of rows of
// each volume.
func (z *zoomFile) filterZ(band int) error {
	k := z.k
	buf := make([]float64, k.Nz*band*k.Nx)
	for v := range z.vols {
		for y0 := 0; y0 < k.Ny; y0 += band {
			if err := z.r.check(); err != nil {
				return err
			}
			rows := min(band, k.Ny-y0)
			n := rows * k.Nx
			b := buf[:k.Nz*n]
			for p := range k.Nz {
				if _, err := z.f.ReadAt(float64Bytes(b[p*n:(p+1)*n]), z.at(v, p, y0)); err != nil {
					return fmt.Errorf("B-spline coefficients: %w", err)
				}
			}
			if err := k.FilterZ(b, rows); err != nil {
				return err
			}
			for p := range k.Nz {
				if _, err := z.f.WriteAt(float64Bytes(b[p*n:(p+1)*n]), z.at(v, p, y0)); err != nil {
					return fmt.Errorf("B-spline coefficients: %w", err)
				}
			}
			z.step(rows)
		}
	}
	buf = nil
	debug.FreeOSMemory()
	return nil
}

// interpolate is pass 3: slabs of d output planes from the coefficient
// planes they read, filtered along y and x once while consecutive slabs
// read them.
func (z *zoomFile) interpolate(d int) error {
	r, k := z.r, z.k
	g, nz := r.geoms[0], r.out.SizeZ
	bg := r.out
	bg.SizeZ = d
	block, err := gips.CreateImage(bg)
	if err != nil {
		return fmt.Errorf("slab of %d planes: %w", d, err)
	}
	type key struct{ v, p int }
	cache := map[key][]float64{}
	var free [][]float64
	for z0 := 0; z0 < nz; z0 += d {
		if err := r.check(); err != nil {
			return err
		}
		z1 := min(nz, z0+d)
		planes, err := k.SlabPlanes(nz, z0, z1)
		if err != nil {
			return err
		}
		need := map[key]bool{}
		for v := range z.vols {
			for _, p := range planes {
				need[key{v, p}] = true
			}
		}
		for c, b := range cache {
			if !need[c] {
				free = append(free, b)
				delete(cache, c)
			}
		}
		for c := range need {
			if cache[c] != nil {
				continue
			}
			var b []float64
			if n := len(free); n > 0 {
				b, free = free[n-1], free[:n-1]
			} else {
				b = make([]float64, k.PlaneLen())
			}
			if _, err := z.f.ReadAt(float64Bytes(b), z.at(c.v, c.p, 0)); err != nil {
				return fmt.Errorf("B-spline coefficients: %w", err)
			}
			if err := k.FilterXY(b); err != nil {
				return err
			}
			cache[c] = b
		}
		out, err := volumeRegion(block, 0, z1-z0)
		if err != nil {
			return err
		}
		err = k.SlabInto(out, z0, nz, func(i, c, t int) []float64 { return cache[key{t*g.SizeC + c, planes[i]}] })
		if err != nil {
			return err
		}
		if err := r.writeZ(out, z0, z0, z1); err != nil {
			return err
		}
		z.step(z1 - z0)
	}
	return nil
}
