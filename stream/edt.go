package stream

import (
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"runtime/debug"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/distance"
	"github.com/gipsdev/gips/internal/par"
)

// edt is distance.edt out of core, in the two stages of package distance:
//
//  1. slab by slab (no halo: the passes along x and y stay in a plane),
//     distance.SquaredXY, written to a temporary file of float64 squared
//     distances (8 bytes per voxel) beside the output;
//  2. band of rows by band of rows, read from that file: every line along
//     z of the band is gathered, passed through the lower envelope
//     (distance.Line) and its square roots written into the output's rows.
//
// The float64 operations are EDT's in EDT's order: the output is the
// in-memory one, bit for bit.
func (r *runner) edt() error {
	g := r.geoms[0]
	if g.SizeC != 1 || g.SizeT != 1 {
		return fmt.Errorf("input %v: out of core, distance.edt takes a grey 2D image or volume: %w", g, ErrUnsupported)
	}
	var opts []distance.Option
	if !r.p.IsNone("sampling") {
		opts = append(opts, distance.WithSampling(r.p.Floats("sampling")...))
	}
	sx, sy, sz := g.SizeX, g.SizeY, g.SizeZ
	px := sx * sy
	// Stage 1's slab: the input, 8 bytes of squared distance per voxel.
	saved := r.out
	r.out = g.WithType(gips.Real64)
	d, err := r.depth(0)
	r.out = saved
	if err != nil {
		return err
	}
	// Stage 2's band of rows across every plane: the mapped squared
	// distances, the output band, and a line's scratch per worker.
	isz := int64(r.out.Type.ItemSize())
	rowCost := int64(sz) * int64(sx) * (8 + isz)
	band := int(min(int64(sy), r.usable()/rowCost))
	if band < 1 {
		return fmt.Errorf("--memory %s holds no row of %v across its %d planes along z (%s a row): give at least %s: %w",
			FormatBytes(r.o.Memory), g, sz, FormatBytes(rowCost), FormatBytes(rowCost*4/3+1), ErrBudget)
	}
	slabs := (sz + d - 1) / d
	bands := (sy + band - 1) / band
	r.stats = Stats{Op: r.op.Name, Output: r.out, Planes: d, Slabs: slabs, Budget: r.o.Memory}
	total := sz + sy // progress: planes of stage 1, rows of stage 2

	tmp, err := scratchFile(filepath.Dir(r.outPath), ".gips-edt-*.f64", int64(sz)*int64(px)*8)
	if err != nil {
		return fmt.Errorf("squared distances: %w", err)
	}
	defer tmp.close()
	f := make([]float64, d*px)
	var wz float64
	for z0 := 0; z0 < sz; z0 += d {
		if err := r.check(); err != nil {
			return err
		}
		z1 := min(sz, z0+d)
		v, err := volumeRegion(r.in[0].Image, z0, z1)
		if err != nil {
			return err
		}
		fs := f[:(z1-z0)*px]
		if wz, err = distance.SquaredXY(fs, v, opts...); err != nil {
			return err
		}
		if _, err := tmp.WriteAt(float64Bytes(fs), int64(z0)*int64(px)*8); err != nil {
			return fmt.Errorf("squared distances: %w", err)
		}
		dropZ(r.in[0], 0, z1)
		r.progress(z1, total)
	}
	f = nil
	debug.FreeOSMemory()
	// The band's squared distances are read, not mapped: a band is a few
	// rows of every plane, and a mapping's faults bring in whole page-cache
	// folios around each row (up to megabytes), the whole file in the end.
	sq := make([]float64, sz*band*sx)
	if err := r.create(r.outPath); err != nil {
		return err
	}
	bg := r.out
	bg.SizeY = min(sy, band)
	block, err := gips.CreateImage(bg)
	if err != nil {
		return err
	}
	real32 := r.out.Type == gips.Real32
	for y0 := 0; y0 < sy; y0 += band {
		if err := r.check(); err != nil {
			return err
		}
		y1 := min(sy, y0+band)
		out, err := block.Region(0, 0, 0, sx, y1-y0, sz)
		if err != nil {
			return err
		}
		nb := (y1 - y0) * sx
		for z := range sz {
			if _, err := tmp.ReadAt(float64Bytes(sq[z*nb:(z+1)*nb]), (int64(z)*int64(px)+int64(y0*sx))*8); err != nil {
				return fmt.Errorf("squared distances: %w", err)
			}
		}
		if err := lineWorkers((y1-y0)*sx, sz, func(line *distance.Line, buf []float64, i int) {
			y, x := y0+i/sx, i%sx
			for z := range sz {
				buf[z] = sq[z*nb+i]
			}
			for z, v := range line.Envelope(buf, wz) {
				row := out.Row(z, y-y0)
				if real32 {
					binary.NativeEndian.PutUint32(row[4*x:], math.Float32bits(float32(math.Sqrt(v))))
				} else {
					binary.NativeEndian.PutUint64(row[8*x:], math.Float64bits(math.Sqrt(v)))
				}
			}
		}); err != nil {
			return err
		}
		for z := range sz {
			if err := r.w.WriteRows(z, y0, out, z); err != nil {
				return err
			}
		}
		r.progress(sz+y1, total)
	}
	r.stats.Slabs, r.stats.Bands = max(slabs, bands), bands
	return r.w.Commit()
}

// lineWorkers runs fn on lines 0..n-1 in parallel, each worker with its
// own scratch for lines of sz samples; a panic comes back as an error.
func lineWorkers(n, sz int, fn func(line *distance.Line, buf []float64, i int)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("distance along z: internal error: %v", p)
		}
	}()
	par.For(n, max(1, 4096/max(sz, 1)), func(lo, hi int) {
		line, buf := distance.NewLine(sz), make([]float64, sz)
		for i := lo; i < hi; i++ {
			fn(line, buf, i)
		}
	})
	return nil
}

// float64Bytes is f's memory as bytes, native order.
func float64Bytes(f []float64) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f))), 8*len(f))
}
