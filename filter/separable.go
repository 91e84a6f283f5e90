package filter

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// accum is the type a filter accumulates in: float32 for the Gaussian,
// float64 for the box filter's exact integer sums.
type accum interface{ ~float32 | ~float64 }

// kern1d is a filter along one axis: a symmetric weighted sum (w[0] at the
// centre, w[k] at ±k) or, when box is set, the plain sum over a window.
// Output pixel i reads the inputs i-before ... i+after.
//
// A box folded onto its line (foldBox) also adds, to every output pixel,
// periods times the sum over one period of the border pattern (period
// pixels, read from offset 0), and left and right times the value read
// just beyond each end of the line (which the whole run beyond it reads).
// n is then the line's length.
type kern1d[A accum] struct {
	before, after int
	w             []A
	box           bool

	n, period            int
	periods, left, right A
}

// identity is the kernel of an axis that is not filtered.
func identity[A accum]() kern1d[A] { return kern1d[A]{w: []A{1}} }

// folded reports whether the box adds a constant per line (foldBox).
func (k *kern1d[A]) folded() bool { return k.periods != 0 || k.left != 0 || k.right != 0 }

// line filters ext, which holds before + len(out) + after values, into out.
// extra is what a folded box adds to every pixel of this line (lineExtra).
func (k *kern1d[A]) line(out, ext []A, extra A) {
	n := len(out)
	if k.box {
		size := k.before + k.after + 1
		s := extra
		for _, v := range ext[:size] {
			s += v
		}
		out[0] = s
		add, sub := ext[size:size+n-1], ext[:n-1]
		for i := range add {
			s += add[i] - sub[i]
			out[i+1] = s
		}
		return
	}
	r := k.before
	symmetric(out, k.w, func(j int) []A { return ext[r+j : r+j+n] })
}

// lineExtra is what a folded box adds to each pixel of the line mid, read
// in mode m with constant cval (0 for a kernel that is not folded).
func (k *kern1d[A]) lineExtra(mid []A, m Mode, cval A) A {
	var e A
	if k.periods != 0 {
		var s A
		for x := range k.period {
			s += pick(mid, x, m, cval)
		}
		e += k.periods * s
	}
	if k.left != 0 {
		e += k.left * pick(mid, -1, m, cval)
	}
	if k.right != 0 {
		e += k.right * pick(mid, len(mid), m, cval)
	}
	return e
}

// rows computes output rows y0 <= y < y1 along an outer axis (y or z) from
// the rows get(e) of the extended axis, and hands each to put. acc is
// scratch of one row. Box rows run as a running sum, so y must advance one
// by one from y0, which it does.
//
// When target is given (and the kernel is not a box), output row y is
// computed in place in target(y) and put is not called: that saves a copy
// when the output row has type A.
func (k *kern1d[A]) rows(y0, y1 int, get func(e int) []A, acc []A, put func(y int, acc []A), target func(y int) []A) {
	if k.box {
		clear(acc)
		if k.periods != 0 { // a folded box: the same rows as lineExtra adds
			for e := range k.period {
				addScaled(acc, get(e), k.periods)
			}
		}
		if k.left != 0 {
			addScaled(acc, get(-1), k.left)
		}
		if k.right != 0 {
			addScaled(acc, get(k.n), k.right)
		}
		for e := y0 - k.before; e <= y0+k.after; e++ {
			add(acc, get(e))
		}
		put(y0, acc)
		for y := y0 + 1; y < y1; y++ {
			addSub(acc, get(y+k.after), get(y-k.before-1))
			put(y, acc)
		}
		return
	}
	const strip = 1024 // keeps acc and the 2r+1 source strips in L1/L2
	// win holds the rows y-before ... y+after: sliding it by one row a
	// step calls get once per output row, not once per tap (get checks
	// the border and the ring, which cost as much as a strip's sums).
	win := make([][]A, k.before+k.after+1)
	for e := range win {
		win[e] = get(y0 - k.before + e)
	}
	for y := y0; y < y1; y++ {
		if y > y0 {
			copy(win, win[1:])
			win[len(win)-1] = get(y + k.after)
		}
		out := acc
		if target != nil {
			out = target(y)
		}
		for x0 := 0; x0 < len(out); x0 += strip {
			x1 := min(x0+strip, len(out))
			symmetric(out[x0:x1], k.w, func(j int) []A { return win[k.before+j][x0:x1] })
		}
		if target == nil {
			put(y, acc)
		}
	}
}

// symmetric sets out to w[0]·src(0) + Σ w[j]·(src(-j) + src(j)), where
// src(j) is the input shifted by j (a slice of a line, or a row). Taps are
// applied four pairs per sweep so that out is loaded and stored a quarter
// as often: that, not arithmetic, bounds a scalar loop.
//
// For float32 a vector twin (symVec) sets a leading part of out in one
// pass, all taps in registers, rounding each pixel as these loops do.
func symmetric[A accum](out, w []A, src func(j int) []A) {
	done := symFloat32(out, w, src)
	switch {
	case done == 0:
		symGo(out, w, src)
	case done < len(out):
		symGo(out[done:], w, func(j int) []A { return src(j)[done:] })
	}
}

// symGo is symmetric's pure-Go loops.
func symGo[A accum](out, w []A, src func(j int) []A) {
	r := len(w) - 1
	j := 1
	if r >= 4 { // the first sweep sets out: no separate scaling pass
		clear(out)
		axpy9(out, src(0), src(-1), src(1), src(-2), src(2), src(-3), src(3), src(-4), src(4), w[0], w[1], w[2], w[3], w[4])
		j = 5
	} else {
		scale(out, src(0), w[0])
	}
	for ; j+3 <= r; j += 4 {
		axpy8(out, src(-j), src(j), src(-j-1), src(j+1), src(-j-2), src(j+2), src(-j-3), src(j+3), w[j], w[j+1], w[j+2], w[j+3])
	}
	for ; j+1 <= r; j += 2 {
		axpy4(out, src(-j), src(j), src(-j-1), src(j+1), w[j], w[j+1])
	}
	for ; j <= r; j++ {
		axpy2(out, src(-j), src(j), w[j])
	}
}

func scale[A accum](out, a []A, w A) {
	a = a[:len(out)]
	for i := range out {
		out[i] = w * a[i]
	}
}

func axpy2[A accum](out, a, b []A, w A) {
	a, b = a[:len(out)], b[:len(out)]
	for i := range out {
		out[i] += w * (a[i] + b[i])
	}
}

func axpy4[A accum](out, a, b, c, d []A, w1, w2 A) {
	n := len(out)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	for i := range out {
		out[i] += w1*(a[i]+b[i]) + w2*(c[i]+d[i])
	}
}

func axpy8[A accum](out, a, b, c, d, e, f, g, h []A, w1, w2, w3, w4 A) {
	n := len(out)
	a, b, c, d, e, f, g, h = a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	if axpy8F32 != nil {
		if o, ok := any(out).([]float32); ok {
			f32 := func(s []A) []float32 { return any(s).([]float32) }
			k := axpy8F32(o, f32(a), f32(b), f32(c), f32(d), f32(e), f32(f), f32(g), f32(h),
				float32(w1), float32(w2), float32(w3), float32(w4))
			out, a, b, c, d, e, f, g, h = out[k:], a[k:], b[k:], c[k:], d[k:], e[k:], f[k:], g[k:], h[k:]
		}
	}
	axpy8Go(out, a, b, c, d, e, f, g, h, w1, w2, w3, w4)
}

// axpy9 is axpy8 plus a centre tap: out += w0·m + w1·(a+b) + ... .
func axpy9[A accum](out, m, a, b, c, d, e, f, g, h []A, w0, w1, w2, w3, w4 A) {
	n := len(out)
	if axpy9F32 != nil {
		if o, ok := any(out).([]float32); ok {
			f32 := func(s []A) []float32 { return any(s).([]float32) }
			k := axpy9F32(o, f32(m[:n]), f32(a[:n]), f32(b[:n]), f32(c[:n]), f32(d[:n]), f32(e[:n]), f32(f[:n]), f32(g[:n]), f32(h[:n]),
				float32(w0), float32(w1), float32(w2), float32(w3), float32(w4))
			out, m = out[k:], m[k:n]
			a, b, c, d, e, f, g, h = a[k:n], b[k:n], c[k:n], d[k:n], e[k:n], f[k:n], g[k:n], h[k:n]
		}
	}
	axpy9Go(out, m, a, b, c, d, e, f, g, h, w0, w1, w2, w3, w4)
}

// axpy9Go is the pure-Go axpy9.
func axpy9Go[A accum](out, m, a, b, c, d, e, f, g, h []A, w0, w1, w2, w3, w4 A) {
	n := len(out)
	m, a, b, c, d, e, f, g, h = m[:n], a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	for i := range out {
		out[i] += w0*m[i] + w1*(a[i]+b[i]) + w2*(c[i]+d[i]) + w3*(e[i]+f[i]) + w4*(g[i]+h[i])
	}
}

// axpy8Go is the pure-Go axpy8, the one the default build runs.
func axpy8Go[A accum](out, a, b, c, d, e, f, g, h []A, w1, w2, w3, w4 A) {
	n := len(out)
	a, b, c, d, e, f, g, h = a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	for i := range out {
		out[i] += w1*(a[i]+b[i]) + w2*(c[i]+d[i]) + w3*(e[i]+f[i]) + w4*(g[i]+h[i])
	}
}

func add[A accum](acc, a []A) {
	a = a[:len(acc)]
	for i := range acc {
		acc[i] += a[i]
	}
}

func addScaled[A accum](acc, a []A, w A) {
	a = a[:len(acc)]
	for i := range acc {
		acc[i] += w * a[i]
	}
}

func addSub[A accum](acc, a, b []A) {
	a, b = a[:len(acc)], b[:len(acc)]
	for i := range acc {
		acc[i] += a[i] - b[i]
	}
}

// job is one separable filtering of src into dst: kernels along x, y, z
// (z only for volumes), the border mode, and div, the divisor applied when
// storing (the box volume for a mean, 1 for a Gaussian). cval[a] is the
// Constant-mode value as seen by the pass along axis a: the intermediate
// of a box filter holds sums, so there a cval row is cval times the box
// sizes of the axes already filtered (scipy filters means axis by axis).
//
// A Binary source is read as 0/1, whatever non-zero byte it holds.
type job[A accum] struct {
	fn       string
	src, dst *gips.Image
	k        [3]kern1d[A]
	mode     Mode
	cval     [3]A
	div      A

	// exact32: a float32 product sum·(1/div) rounds to the same integer
	// as the float64 one, so the store may run in float32. True for the
	// Gaussian (div 1: the product is the sum) and for a mean whose exact
	// value can never be a half (odd box volume N) and whose float32 error,
	// below |sum/N|·2^-23, stays under the distance 1/(2N) from a half
	// (see meanInto).
	exact32 bool
}

// run checks the images and filters src into dst. dst may be src (or share
// its memory): the source is then copied first.
func run[A accum](j job[A]) error {
	sg, dg := j.src.Geometry(), j.dst.Geometry()
	if sg.SizeX != dg.SizeX || sg.SizeY != dg.SizeY || sg.SizeZ != dg.SizeZ || sg.SizeC != dg.SizeC || sg.SizeT != dg.SizeT {
		return fmt.Errorf("%s: source %v and destination %v differ in size: %w", j.fn, sg, dg, gips.ErrShape)
	}
	if dg.Type == gips.Binary || dg.Type.IsLabel() {
		return fmt.Errorf("%s: destination %v: want a plain numeric type: %w", j.fn, dg, gips.ErrBufferType)
	}
	if err := j.dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", j.fn, err)
	}
	if gips.Overlap(j.src, j.dst) {
		c, err := gips.Copy(j.src)
		if err != nil {
			return err
		}
		j.src = c
	}
	if !sg.Volume {
		j.k[2] = identity[A]()
	}
	err := gips.Dispatch(sg.Type, gips.AllKernels(runFrom[uint8, A], runFrom[int8, A], runFrom[uint16, A], runFrom[int16, A],
		runFrom[uint32, A], runFrom[int32, A], runFrom[float32, A], runFrom[float64, A]), j)
	if err != nil {
		return fmt.Errorf("%s: %w", j.fn, err)
	}
	return nil
}

func runFrom[S gips.Pixel, A accum](j job[A]) error {
	return gips.Dispatch(j.dst.Type(), gips.AllKernels(runTyped[S, uint8, A], runTyped[S, int8, A], runTyped[S, uint16, A], runTyped[S, int16, A],
		runTyped[S, uint32, A], runTyped[S, int32, A], runTyped[S, float32, A], runTyped[S, float64, A]), j)
}

// zScratch keeps the z pass's intermediate volume between calls (see
// package scratch: a fresh one cost its page faults on every call).
var zScratch scratch.Pool

// ringScratch keeps phaseA's rings of x-filtered rows between calls.
var ringScratch scratch.Pool

// runTyped filters in two phases: phaseA along x and y, then, for a volume
// with a z kernel, phaseB along z from an A-typed intermediate (dst itself
// when D is A and nothing is divided, else one volume of scratch).
func runTyped[S, D gips.Pixel, A accum](j job[A]) error {
	src, err := gips.Planes[S](j.src)
	if err != nil {
		return err
	}
	dst, err := gips.Planes[D](j.dst)
	if err != nil {
		return err
	}
	g := j.src.Geometry()
	w, h, nz := g.SizeX, g.SizeY, g.SizeZ
	zpass := g.Volume && !(len(j.k[2].w) == 1 && !j.k[2].box)
	st := newStorer[D](j.div)
	st.exact32 = j.exact32

	// A volume with a z pass goes through both phases before the next
	// (channel, time point): the intermediate then holds one volume.
	group := len(src)
	if zpass {
		group = nz
	}
	same, sameType := any(dst).([]gips.Plane[A])
	inDst := zpass && sameType && j.div == 1 // mid is dst: phase B copies rows before writing
	var block []A
	if zpass && !inDst {
		if err := gips.CheckAlloc(j.fn+": z-pass scratch volume", w*h*nz, int(unsafe.Sizeof(A(0)))); err != nil {
			return err
		}
		// phase A writes every row of mid before phase B reads it, so
		// a pooled volume's old contents never matter.
		block = scratch.Get[A](&zScratch, w*h*nz)
		defer scratch.Put(&zScratch, block)
	}
	for base := 0; base < len(src); base += group {
		s, d := src[base:base+group], dst[base:base+group]
		var mid []gips.Plane[A] // phase A output when there is a z pass
		switch {
		case inDst:
			mid = same[base : base+group]
		case zpass:
			mid = make([]gips.Plane[A], nz)
			for i := range mid {
				mid[i] = gips.Plane[A]{Pix: block[i*w*h : (i+1)*w*h], Stride: w, Width: w, Height: h}
			}
		}
		var direct []gips.Plane[A] // where phase A may accumulate in place
		if sameType && j.div == 1 {
			direct = same[base : base+group]
		}
		if zpass {
			direct = mid
		}
		phaseA(&j, s, d, mid, direct, st)
		if zpass {
			phaseB(&j, d, mid, inDst, st)
		}
	}
	return nil
}

// phaseA filters planes s along x and y in row bands: a ring of
// x-filtered rows feeds the y pass, so every row is read once and memory is
// walked in order. Output goes to mid when it is given (a z pass follows),
// else to d; direct, when given, are A-typed planes (mid, or d itself) the
// y pass accumulates into without a copy.
func phaseA[S, D gips.Pixel, A accum](j *job[A], s []gips.Plane[S], d []gips.Plane[D], mid, direct []gips.Plane[A], st storer[D, A]) {
	w, h := s[0].Width, s[0].Height
	kx, ky := &j.k[0], &j.k[1]
	span := ky.before + ky.after + 2
	rowBytes := w * int(unsafe.Sizeof(A(0)))
	// The ring holds the rows of the y window, keyed by row index e; a
	// window longer than the plane (a folded kernel) holds each source row
	// once instead, keyed by the row it reads.
	bySource := span > h
	slots := span
	if bySource {
		slots = h
	}
	binary := j.src.Type() == gips.Binary
	par.Bands(len(s), h, max(2*span, par.Grain(rowBytes)), func(i, y0, y1 int) {
		// ext and the accumulator row from the pool as the ring: ext is
		// written in full by extendRow, acc by ky.rows, before either is read.
		ext := scratch.Get[A](&ringScratch, kx.before+w+kx.after)
		defer scratch.Put(&ringScratch, ext)
		acc := scratch.Get[A](&ringScratch, w)
		defer scratch.Put(&ringScratch, acc)
		// The ring from a pool: a fresh one per band (a few hundred KiB)
		// faulted its pages in on most calls (4096² float32 Gaussian: 800
		// faults a call, up to half its time on this VM). The tags say
		// which slots hold rows, so its old contents are never read.
		ring := scratch.Get[A](&ringScratch, slots*w)
		defer scratch.Put(&ringScratch, ring)
		tags := make([]int, slots)
		for t := range tags {
			tags[t] = math.MinInt // never requested
		}
		cvalRow := constRow(w, j.cval[1])
		get := func(e int) []A {
			src, ok := inside(e, h, j.mode)
			if !ok {
				return cvalRow
			}
			key, slot := e, mod(e, span)
			if bySource {
				key, slot = src, src
			}
			row := ring[slot*w : (slot+1)*w]
			if tags[slot] != key {
				extendRow(ext, s[i].Row(src), kx.before, j.mode, j.cval[0], binary)
				kx.line(row, ext, kx.lineExtra(ext[kx.before:kx.before+w], j.mode, j.cval[0]))
				tags[slot] = key
			}
			return row
		}
		put := func(y int, acc []A) { st.store(d[i].Row(y), acc) }
		if mid != nil {
			put = func(y int, acc []A) { copy(mid[i].Row(y), acc) }
		}
		var target func(y int) []A
		if direct != nil {
			target = func(y int) []A { return direct[i].Row(y) }
		}
		ky.rows(y0, y1, get, acc, put, target)
	})
}

// phaseB filters one volume along z: for each block of k rows it reads
// those rows of every plane of mid (k rows of a plane are one run of
// memory in our own intermediate; when mid is d they are gathered into one
// first), so each plane is read in runs of k·w values rather than row by
// row, which the prefetcher and the TLB prefer.
func phaseB[D gips.Pixel, A accum](j *job[A], d []gips.Plane[D], mid []gips.Plane[A], inDst bool, st storer[D, A]) {
	w, h, nz := d[0].Width, d[0].Height, len(d)
	kz := &j.k[2]
	k := max(1, min(h, 8192/w))
	blocks := (h + k - 1) / k
	par.For(blocks, 1, func(lo, hi int) {
		var gather []A
		if inDst {
			gather = make([]A, nz*k*w)
		}
		cvalRow := constRow(k*w, j.cval[2])
		acc := make([]A, k*w)
		for b := lo; b < hi; b++ {
			y0 := b * k
			n := min(k, h-y0) * w
			if inDst {
				for z := 0; z < nz; z++ {
					for r := 0; r < n/w; r++ {
						copy(gather[z*n+r*w:z*n+(r+1)*w], mid[z].Row(y0+r))
					}
				}
			}
			get := func(e int) []A {
				s, ok := inside(e, nz, j.mode)
				switch {
				case !ok:
					return cvalRow[:n]
				case inDst:
					return gather[s*n : (s+1)*n]
				}
				return mid[s].Pix[y0*w : y0*w+n] // our own block: stride w
			}
			kz.rows(0, nz, get, acc[:n], func(z int, acc []A) {
				for r := 0; r < n/w; r++ {
					st.store(d[z].Row(y0+r), acc[r*w:(r+1)*w])
				}
			}, nil)
		}
	})
}

func constRow[A accum](w int, v A) []A {
	r := make([]A, w)
	for i := range r {
		r[i] = v
	}
	return r
}
