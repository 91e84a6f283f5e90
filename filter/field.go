package filter

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
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

// newField is a zero field of w x h x d values from fieldPool, which
// keeps fields between calls: a fresh one cost its page faults on every
// call (Frangi's six 128 MiB fields of a 4096² image took 150 000 a call
// in 4 KiB pages, the first local variance of a 512x512x256 volume 1.1 s
// of system time on huge pages). release gives it back.
func newField[A accum](w, h, d int) field[A] {
	f := pooledField[A](w, h, d)
	clear(f.pix)
	return f
}

// fieldPool holds the fields' values between calls, of every type.
var fieldPool scratch.Pool

// pooledField is a field of w x h x d values from fieldPool, with whatever
// it held: only for fields written in full before they are read.
func pooledField[A accum](w, h, d int) field[A] {
	return field[A]{pix: scratch.Get[A](&fieldPool, w*h*d), w: w, h: h, d: d}
}

// release gives f's values back to fieldPool; f is not used after.
func (f field[A]) release() { scratch.Put(&fieldPool, f.pix) }

// clone is a copy of f (from fieldPool, as newField's).
func (f field[A]) clone() field[A] {
	g := pooledField[A](f.w, f.h, f.d)
	copy(g.pix, f.pix)
	return g
}

// dims is the field's size along x, y and z.
func (f field[A]) dims() [3]int { return [3]int{f.w, f.h, f.d} }

// correlate filters f in place along axis a (0 x, 1 y, 2 z) with kernel k
// of odd length, as scipy.ndimage.correlate1d with origin 0: out[i] =
// Σ_j k[j]·in[i+j-r], r = len(k)/2, reading beyond the border by mode
// (Constant: cval). Along x a row at a time through a line buffer; along y
// and z a block of up to 512 columns at a time, streaming: a ring of the
// 2r+1 input rows an output row needs, so that everything touched stays in
// cache and each row is read and written once.
func (f field[A]) correlate(a int, k []A, mode Mode, cval A) {
	if len(k) == 1 && k[0] == 1 {
		return
	}
	n := f.dims()[a]
	r := len(k) / 2
	taps := newTaps(k)
	if a == 0 {
		par.For(f.h*f.d, max(1, 4096/max(f.w, 1)), func(lo, hi int) {
			ext, out := make([]A, n+2*r), make([]A, n)
			for l := lo; l < hi; l++ {
				row := f.pix[l*n : (l+1)*n]
				extendLine(ext, row, r, mode, cval, false) // loaded as 0/1 already
				taps.apply(out, func(j int) []A { return ext[r+j : r+j+n] })
				copy(row, out)
			}
		})
		return
	}
	stride, outer := f.w, f.d // along y: one set of lines per plane
	if a == 2 {
		stride, outer = f.w*f.h, f.h // along z: one set per row
	}
	// Blocks of up to 512 columns, narrower when there are too few to
	// keep every worker busy (one plane of a streamed volume).
	block := 512
	for block > 64 && outer*((f.w+block-1)/block) < 4*par.Workers() {
		block /= 2
	}
	nb := (f.w + block - 1) / block
	span := 2*r + 1
	par.For(outer*nb, 1, func(lo, hi int) {
		ends := make([]A, 2*r*block) // rows -r..-1 and n..n+r-1, gathered first
		ring := make([]A, span*block)
		out := make([]A, block)
		for job := lo; job < hi; job++ {
			o, x0 := job/nb, job%nb*block
			bw := min(block, f.w-x0)
			base := x0 + o*f.w*f.h
			if a == 2 {
				base = x0 + o*f.w
			}
			line := func(s int) []A { return f.pix[base+s*stride : base+s*stride+bw] }
			// The rows beyond both ends are copied before any row is
			// written: they may map to rows near either end (wrap).
			for e := 0; e < 2*r; e++ {
				src := e - r
				if e >= r {
					src = n + e - r
				}
				dst := ends[e*bw : (e+1)*bw]
				if s, ok := inside(src, n, mode); ok {
					copy(dst, line(s))
				} else {
					for i := range dst {
						dst[i] = cval
					}
				}
			}
			get := func(e int) []A {
				switch {
				case e < 0:
					return ends[(e+r)*bw : (e+r+1)*bw]
				case e >= n:
					return ends[(e-n+r)*bw : (e-n+r+1)*bw]
				}
				slot := e % span
				return ring[slot*bw : (slot+1)*bw]
			}
			for e := 0; e < min(r, n); e++ {
				copy(get(e), line(e))
			}
			for i := 0; i < n; i++ {
				if e := i + r; e < n { // the last row output i needs
					copy(get(e), line(e))
				}
				taps.apply(out[:bw], func(j int) []A { return get(i + j) })
				copy(line(i), out[:bw])
			}
		}
	})
}

// taps is a kernel prepared for apply: its half when it is symmetric
// (Gaussians, smoothing) or antisymmetric (odd derivatives), so that each
// pair of inputs costs one multiply.
type taps[A accum] struct {
	k    []A // the kernel, centre at r
	half []A // w[0] centre, w[j] for ±j
	kind int // 0 general, 1 symmetric, -1 antisymmetric
}

func newTaps[A accum](k []A) taps[A] {
	r := len(k) / 2
	t := taps[A]{k: k, half: make([]A, r+1), kind: 1}
	anti := k[r] == 0
	for j := 0; j <= r; j++ {
		t.half[j] = k[r+j]
		if k[r+j] != k[r-j] {
			t.kind = 0
		}
		if k[r+j] != -k[r-j] {
			anti = false
		}
	}
	if t.kind == 0 && anti {
		t.kind = -1
	}
	return t
}

// apply sets out to Σ_j k[r+j]·src(j), src(j) being the input shifted by j.
func (t taps[A]) apply(out []A, src func(j int) []A) {
	r := len(t.half) - 1
	switch t.kind {
	case 1:
		symmetric(out, t.half, src)
	case -1:
		clear(out)
		j := 1
		for ; j+1 <= r; j += 2 {
			antiPair2(out, src(j), src(-j), src(j+1), src(-j-1), t.half[j], t.half[j+1])
		}
		for ; j <= r; j++ {
			antiPair(out, src(j), src(-j), t.half[j])
		}
	default:
		clear(out)
		for j, w := range t.k {
			if w != 0 {
				axpy(out, src(j-r), w)
			}
		}
	}
}

// antiPair adds w·(a − b) to out.
func antiPair[A accum](out, a, b []A, w A) {
	a, b = a[:len(out)], b[:len(out)]
	for i := range out {
		out[i] += w * (a[i] - b[i])
	}
}

// antiPair2 adds w1·(a − b) + w2·(c − d) to out.
func antiPair2[A accum](out, a, b, c, d []A, w1, w2 A) {
	n := len(out)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	for i := antiPair2Vec(out, a, b, c, d, w1, w2); i < n; i++ {
		out[i] += w1*(a[i]-b[i]) + w2*(c[i]-d[i])
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
	if err := checkInto(fn, dst, src, nOut); err != nil {
		return err
	}
	if gips.Overlap(src, dst) {
		c, err := gips.Copy(src)
		if err != nil {
			return err
		}
		src = c
	}
	sg := src.Geometry()
	w, h, nz := sg.SizeX, sg.SizeY, sg.SizeZ
	v := pooledField[A](w, h, nz) // loaded in full
	defer v.release()
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
		releaseResults(res, v)
	}
	return nil
}

// releaseResults gives compute's results back to fieldPool once stored:
// each once, and none that is v itself (an in-place result).
func releaseResults[A accum](res []field[A], v field[A]) {
	for k, r := range res {
		if len(r.pix) == 0 || &r.pix[0] == &v.pix[0] {
			continue
		}
		seen := false
		for _, q := range res[:k] {
			seen = seen || len(q.pix) > 0 && &q.pix[0] == &r.pix[0]
		}
		if !seen {
			r.release()
		}
	}
}

// checkInto checks that dst can hold the result of a filter of src that
// gives nOut channels per channel: same sizes, a plain numeric type,
// writable.
func checkInto(fn string, dst, src *gips.Image, nOut int) error {
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
