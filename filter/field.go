package filter

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// field is one volume of an image (one channel at one time point; a 2D
// image is a volume of one plane) held as A values, x fastest: the working
// buffer of the derivative and edge filters, which combine several
// filtered copies of their input (a gradient's components, a Hessian's
// elements) before they store anything.
type field[A accum] struct {
	pix     []A
	w, h, d int
}

func newField[A accum](w, h, d int) field[A] {
	return field[A]{pix: make([]A, w*h*d), w: w, h: h, d: d}
}

func (f field[A]) clone() field[A] {
	g := f
	g.pix = append([]A(nil), f.pix...)
	return g
}

// dims is the field's size along x, y and z.
func (f field[A]) dims() [3]int { return [3]int{f.w, f.h, f.d} }

// correlate filters f in place along axis a (0 x, 1 y, 2 z) with kernel k
// of odd length, as scipy.ndimage.correlate1d with origin 0: out[i] =
// Σ_j k[j]·in[i+j-r], r = len(k)/2, reading beyond the border by mode
// (Constant: cval). Lines along y and z are gathered in blocks of up to 256
// columns, so that memory is read and written in runs.
func (f field[A]) correlate(a int, k []A, mode Mode, cval A) {
	if len(k) == 1 && k[0] == 1 {
		return
	}
	n := f.dims()[a]
	r := len(k) / 2
	if a == 0 {
		par.For(f.h*f.d, max(1, 4096/max(f.w, 1)), func(lo, hi int) {
			ext, out := make([]A, n+2*r), make([]A, n)
			for l := lo; l < hi; l++ {
				row := f.pix[l*n : (l+1)*n]
				extendLine(ext, row, r, mode, cval)
				correlateLine(out, ext, k)
				copy(row, out)
			}
		})
		return
	}
	stride, outer := f.w, f.d // along y: one set of lines per plane
	if a == 2 {
		stride, outer = f.w*f.h, f.h // along z: one set per row
	}
	const block = 256
	nb := (f.w + block - 1) / block
	par.For(outer*nb, 1, func(lo, hi int) {
		ext := make([]A, (n+2*r)*block)
		cv := constRow(block, cval)
		for job := lo; job < hi; job++ {
			o, x0 := job/nb, job%nb*block
			bw := min(block, f.w-x0)
			base := x0 + o*f.w*f.h
			if a == 2 {
				base = x0 + o*f.w
			}
			for e := -r; e < n+r; e++ {
				dst := ext[(e+r)*bw : (e+r+1)*bw]
				if s, ok := inside(e, n, mode); ok {
					copy(dst, f.pix[base+s*stride:base+s*stride+bw])
				} else {
					copy(dst, cv[:bw])
				}
			}
			for i := 0; i < n; i++ {
				out := f.pix[base+i*stride : base+i*stride+bw]
				first := true
				for j, w := range k {
					if w == 0 {
						continue
					}
					src := ext[(i+j)*bw : (i+j+1)*bw]
					if first {
						scale(out, src, w)
						first = false
					} else {
						axpy(out, src, w)
					}
				}
				if first {
					clear(out)
				}
			}
		}
	})
}

// correlateLine sets out[i] = Σ_j k[j]·ext[i+j].
func correlateLine[A accum](out, ext, k []A) {
	n := len(out)
	clear(out)
	for j, w := range k {
		if w != 0 {
			axpy(out, ext[j:j+n], w)
		}
	}
}

func axpy[A accum](out, a []A, w A) {
	a = a[:len(out)]
	for i := range out {
		out[i] += w * a[i]
	}
}

// separable applies one kernel per axis (nil: none), in scipy's order:
// numpy's axes first to last, that is z, then y, then x. The order
// matters in Constant mode, where each pass reads cval beyond the border
// of its own input.
func (f field[A]) separable(k [3][]A, mode Mode, cval A) {
	for a := 2; a >= 0; a-- {
		if k[a] != nil && f.dims()[a] > 0 {
			f.correlate(a, k[a], mode, cval)
		}
	}
}

// volumes is the shared driver of the field-based filters: it checks that
// dst can take the result, then for each volume of src (each channel and
// time point) loads it as A values (Binary as 0/1), calls compute, and
// stores the fields it returns into dst: result k of volume v into dst's
// volume v*len(results)+k, converted by the storer (integers rounded half
// away from zero and saturated). dst must then hold len(results) channels
// per source volume: the same geometry for one result, a multi-channel
// image for several (hessianEigenvalues). A dst that shares memory with
// src gets a copy of src first.
func volumes[A accum](fn string, dst, src *gips.Image, nOut int, compute func(v field[A]) ([]field[A], error)) error {
	sg, dg := src.Geometry(), dst.Geometry()
	if sg.SizeX != dg.SizeX || sg.SizeY != dg.SizeY || sg.SizeZ != dg.SizeZ || dg.Planes() != nOut*sg.Planes() {
		return fmt.Errorf("%s: source %v and destination %v: want the same sizes and %d channel(s) per source channel: %w", fn, sg, dg, nOut, gips.ErrShape)
	}
	if dg.Type == gips.Binary || dg.Type.IsLabel() {
		return fmt.Errorf("%s: destination %v: want a plain numeric type: %w", fn, dg, gips.ErrBufferType)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	if overlap(src, dst) {
		c, err := gips.Copy(src)
		if err != nil {
			return err
		}
		src = c
	}
	w, h, nz := sg.SizeX, sg.SizeY, sg.SizeZ
	v := newField[A](w, h, nz)
	for vol := 0; vol < sg.Planes()/nz; vol++ {
		if err := loadVolume(v, src, vol*nz); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		res, err := compute(v)
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		for k, r := range res {
			if err := storeVolume(dst, (vol*nOut+k)*nz, r); err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
		}
	}
	return nil
}

type volArgs[A accum] struct {
	img   *gips.Image
	first int
	f     field[A]
}

func loadVolume[A accum](f field[A], img *gips.Image, first int) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(loadTyped[uint8, A], loadTyped[int8, A], loadTyped[uint16, A], loadTyped[int16, A],
		loadTyped[uint32, A], loadTyped[int32, A], loadTyped[float32, A], loadTyped[float64, A]), volArgs[A]{img, first, f})
}

func loadTyped[S gips.Pixel, A accum](a volArgs[A]) error {
	planes, err := gips.Planes[S](a.img)
	if err != nil {
		return err
	}
	binary := a.img.Type() == gips.Binary
	w, h := a.f.w, a.f.h
	par.For(a.f.d*h, max(1, 8192/max(w, 1)), func(lo, hi int) {
		for l := lo; l < hi; l++ {
			z, y := l/h, l%h
			row, out := planes[a.first+z].Row(y), a.f.pix[l*w:(l+1)*w]
			if binary {
				for i, v := range row {
					if v != 0 {
						out[i] = 1
					} else {
						out[i] = 0
					}
				}
				continue
			}
			for i, v := range row {
				out[i] = A(v)
			}
		}
	})
	return nil
}

func storeVolume[A accum](img *gips.Image, first int, f field[A]) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(storeTyped[uint8, A], storeTyped[int8, A], storeTyped[uint16, A], storeTyped[int16, A],
		storeTyped[uint32, A], storeTyped[int32, A], storeTyped[float32, A], storeTyped[float64, A]), volArgs[A]{img, first, f})
}

func storeTyped[D gips.Pixel, A accum](a volArgs[A]) error {
	planes, err := gips.WritablePlanes[D](a.img)
	if err != nil {
		return err
	}
	st := newStorer[D, A](1)
	w, h := a.f.w, a.f.h
	par.For(a.f.d*h, max(1, 8192/max(w, 1)), func(lo, hi int) {
		for l := lo; l < hi; l++ {
			z, y := l/h, l%h
			st.store(planes[a.first+z].Row(y), a.f.pix[l*w:(l+1)*w])
		}
	})
	return nil
}

// wide reports the accumulation type rule of the Gaussian, shared by these
// filters: float32 for inputs it holds exactly (8- and 16-bit integers,
// Binary, Real32), float64 for 32-bit integers and Real64.
func wide(t gips.BufferType) bool {
	switch t.Storage() {
	case gips.UInt32, gips.Int32, gips.Real64:
		return true
	}
	return false
}

// newOutput allocates the output of an allocating filter: src's geometry
// with nOut channels per channel (1: the same geometry) and type t (0:
// Real32).
func newOutput(fn string, src *gips.Image, t gips.BufferType) (*gips.Image, error) {
	if t == 0 {
		t = gips.Real32
	}
	if !t.Valid() || t == gips.Binary || t.IsLabel() {
		return nil, fmt.Errorf("%s: output type %v: want a plain numeric type: %w", fn, t, gips.ErrBufferType)
	}
	out, err := gips.CreateImage(src.Geometry().WithType(t))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	out.SetCalibration(src.Calibration())
	return out, nil
}
