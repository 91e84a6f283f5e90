package filter

import (
	"math"
	"slices"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The volume counterpart of the 2D streamed path, tiled so that its
// working set stays in a core's cache: the volume is cut into slabs of a
// few rows (y), and each slab runs through every plane (z) on its own,
// with a ring of y- then x-filtered slab planes per component. A whole
// plane's ring (17 planes of 1 MiB for a 512² plane and sigma 2) would
// live in memory, and the z pass read it from there 17 times per
// component; a slab's ring fits in L2. The slabs are independent, so the
// workers take slabs. The passes run y, x, then z (scipy goes z, y, x;
// the sums differ in rounding only): y first reads the source rows the
// slab's y kernel needs, and the x pass then needs no rows beyond the slab.
// The same conditions apply as in 2D (canStream: cval 0 in Constant mode,
// so rows and planes beyond the border are zero whatever was filtered).

// comp3 is one component: kernels along x, y, then z.
type comp3[A accum] struct{ kx, ky, kz []A }

// runStream3D filters the volumes of src into dst with the components.
func runStream3D[A accum](fn string, dst, src *gips.Image, comps []comp3[A], how combine, div float64, c config) error {
	if err := checkInto(fn, dst, src, 1); err != nil {
		return err
	}
	if gips.Overlap(src, dst) {
		cp, err := gips.Copy(src)
		if err != nil {
			return err
		}
		src = cp
	}
	j := stream2{src: src, dst: dst, mode: c.mode, how: how, div: div, comps: comps, vol: true}
	return gips.Dispatch(src.Type(), gips.AllKernels(streamFrom[uint8, A], streamFrom[int8, A], streamFrom[uint16, A], streamFrom[int16, A],
		streamFrom[uint32, A], streamFrom[int32, A], streamFrom[float32, A], streamFrom[float64, A]), j)
}

func stream3Typed[S, D gips.Pixel, A accum](j stream2, src []gips.Plane[S], dst []gips.Plane[D]) {
	comps := j.comps.([]comp3[A])
	w, h, nz := j.src.SizeX(), j.src.SizeY(), j.src.SizeZ()
	sh := newSlabShape(comps, w, h, nz)
	st := newStorer[D, A](1)
	st.exact32 = j.how == meanOf // integer quotients: float32 rounds them exactly
	inv := A(1 / j.div)
	for base := 0; base < len(src); base += nz {
		sp, dp := src[base:base+nz], dst[base:base+nz]
		par.For(sh.slabs, 1, func(lo, hi int) {
			b := newSlabBufs(comps, sh)
			defer b.release()
			for s := lo; s < hi; s++ {
				y0 := s * sh.rows
				slab3(&b, comps, sh, sp, dp, y0, min(h, y0+sh.rows), j, st, inv)
			}
		})
	}
}

// slabBudget is the bytes a worker's rings may take: about a core's L2.
const slabBudget = 768 << 10

// slabRowsMax, when set (by tests), bounds the rows of a slab, so that
// small images are cut into many slabs.
var slabRowsMax int

// slabShape is how a volume is cut: rows per slab, row stride (the width
// plus px on either side, the x pass's border), and per component the
// number of ring slots (span) and whether slots are keyed by source plane.
type slabShape struct {
	w, h, nz   int
	px, ry     int // x pass border, y pass reach
	stride     int
	rows       int
	slabs      int
	span       []int
	bySource   []bool
	yID        []int // the y kernel's index among the distinct ones
	yKernels   int
	maxRz      int
	bytesPerEl int
}

func newSlabShape[A accum](comps []comp3[A], w, h, nz int) slabShape {
	sh := slabShape{w: w, h: h, nz: nz, bytesPerEl: int(unsafe.Sizeof(A(0)))}
	ringRows := 0
	for i, c := range comps {
		sh.px = max(sh.px, len(c.kx)/2)
		sh.ry = max(sh.ry, len(c.ky)/2)
		sh.maxRz = max(sh.maxRz, len(c.kz)/2)
		// A volume no thicker than the kernel keeps one slot per source
		// plane, so the ring never outgrows the volume and the border's
		// repeats are not filtered again.
		span := min(len(c.kz), nz)
		sh.span = append(sh.span, span)
		sh.bySource = append(sh.bySource, nz <= len(c.kz))
		ringRows += span
		// Components with the same y kernel (a Gaussian gradient's x and z
		// components both smooth along y first) share the y pass.
		id := sh.yKernels
		for k := range i {
			if slices.Equal(comps[k].ky, c.ky) {
				id = sh.yID[k]
				break
			}
		}
		if id == sh.yKernels {
			sh.yKernels++
		}
		sh.yID = append(sh.yID, id)
	}
	sh.stride = w + 2*sh.px
	sh.rows = max(1, min(h, slabBudget/max(1, ringRows*sh.stride*sh.bytesPerEl)))
	if slabRowsMax > 0 {
		sh.rows = min(sh.rows, slabRowsMax)
	}
	// Enough slabs for every worker to take a few.
	if per := (h + 4*par.Workers() - 1) / (4 * par.Workers()); per >= 4 {
		sh.rows = min(sh.rows, per)
	}
	sh.slabs = (h + sh.rows - 1) / sh.rows
	return sh
}

// slabBufs are one worker's buffers, all rows of stride sh.stride.
type slabBufs[A accum] struct {
	in       []A   // source rows y0-ry .. y1+ry of one plane, converted
	inSrc    int   // the source plane in holds (-1: none)
	ybuf     [][]A // per distinct y kernel: the slab's rows filtered along y
	ysrc     []int // the source plane each ybuf holds
	ring     [][]A // per component: span slab planes filtered along y and x
	tags     [][]int
	acc, tmp []A
	zero     []A   // a slab plane beyond the border (Constant, cval 0)
	lo, hi   [][]A // applyFused's scratch
	back     []A   // the memory of in, ybuf, ring, acc, tmp and zero
}

// newSlabBufs carves the buffers from one buffer of the pool, cleared as
// make would clear them (the rows' x borders in in and ybuf are read
// before they are written, into outputs that are then overwritten): made
// afresh, a worker's buffers faulted in about 2000 pages a 3D call.
func newSlabBufs[A accum](comps []comp3[A], sh slabShape) slabBufs[A] {
	n := sh.rows * sh.stride
	nin := min(sh.rows+2*sh.ry, sh.h) * sh.stride // see yPass
	size := nin + (3+sh.yKernels)*n
	for i := range comps {
		size += sh.span[i] * n
	}
	back := scratch.Get[A](&ringScratch, size)
	clear(back)
	rest := back
	carve := func(k int) []A {
		s := rest[:k:k]
		rest = rest[k:]
		return s
	}
	b := slabBufs[A]{
		in:  carve(nin),
		acc: carve(n), tmp: carve(n), zero: carve(n),
		ybuf: make([][]A, sh.yKernels), ysrc: make([]int, sh.yKernels),
		ring: make([][]A, len(comps)), tags: make([][]int, len(comps)),
		back: back,
	}
	r := 0
	for _, c := range comps {
		r = max(r, len(c.kx), len(c.ky), len(c.kz))
	}
	b.lo, b.hi = make([][]A, r), make([][]A, r)
	for g := range b.ybuf {
		b.ybuf[g] = carve(n)
	}
	for i := range comps {
		b.ring[i] = carve(sh.span[i] * n)
		b.tags[i] = make([]int, sh.span[i])
	}
	return b
}

func (b *slabBufs[A]) release() { scratch.Put(&ringScratch, b.back) }

// slab3 filters rows y0..y1 of every plane of one volume.
func slab3[S, D gips.Pixel, A accum](b *slabBufs[A], comps []comp3[A], sh slabShape, src []gips.Plane[S], dst []gips.Plane[D], y0, y1 int, j stream2, st storer[D, A], inv A) {
	w, h, nz, W, px := sh.w, sh.h, sh.nz, sh.stride, sh.px
	rows := y1 - y0
	n := rows * W
	b.inSrc = -1
	for g := range b.ysrc {
		b.ysrc[g] = -1
	}
	for i := range b.tags {
		for t := range b.tags[i] {
			b.tags[i][t] = math.MinInt
		}
	}
	kx, ky, kz := make([]taps[A], len(comps)), make([]taps[A], len(comps)), make([]taps[A], len(comps))
	for i, c := range comps {
		kx[i], ky[i], kz[i] = newTaps(c.kx), newTaps(c.ky), newTaps(c.kz)
	}
	// yPass filters source plane s along y into ybuf[g] and extends each
	// row by the mode into its x border.
	yPass := func(g, i, s int) {
		// The rows the slab's y kernel reads, y0-ry .. y1+ry, one after
		// the other so that the kernel runs on the slab as one line; when
		// they outnumber the plane's rows (a kernel wide for the plane) the
		// plane's rows instead, each once, and the kernel runs row by row.
		byRow := rows+2*sh.ry > h
		if b.inSrc != s {
			p := src[s]
			if byRow {
				for r := range h {
					row := b.in[r*W+px : r*W+px+w]
					for x, v := range p.Row(r) {
						row[x] = A(v)
					}
				}
			} else {
				for t := range rows + 2*sh.ry {
					row := b.in[t*W+px : t*W+px+w]
					if r, ok := inside(y0-sh.ry+t, h, j.mode); ok {
						for x, v := range p.Row(r) {
							row[x] = A(v)
						}
					} else {
						clear(row) // Constant mode, cval 0
					}
				}
			}
			b.inSrc = s
		}
		out := b.ybuf[g][:n]
		if byRow {
			for r := range rows {
				applyFused(ky[i], out[r*W:(r+1)*W], func(k int) []A {
					e, ok := inside(y0+r+k, h, j.mode)
					if !ok {
						return b.zero[:W] // Constant mode, cval 0
					}
					return b.in[e*W : (e+1)*W]
				}, b.lo, b.hi)
			}
		} else {
			applyFused(ky[i], out, func(k int) []A { return b.in[(sh.ry+k)*W : (sh.ry+k)*W+n] }, b.lo, b.hi)
		}
		for r := range rows {
			line := out[r*W : (r+1)*W]
			mid := line[px : px+w]
			for k := range px {
				line[k] = pick(mid, k-px, j.mode, 0)
				line[px+w+k] = pick(mid, w+k, j.mode, 0)
			}
		}
		b.ysrc[g] = s
	}
	plane := func(i, e int) []A {
		s, ok := inside(e, nz, j.mode)
		if !ok {
			return b.zero[:n] // Constant with cval 0
		}
		key := e
		if sh.bySource[i] {
			key = s // span is nz
		}
		slot := mod(key, sh.span[i])
		p := b.ring[i][slot*n : (slot+1)*n]
		if b.tags[i][slot] != key {
			g := sh.yID[i]
			if b.ysrc[g] != s {
				yPass(g, i, s)
			}
			yb := b.ybuf[g]
			// The whole slab as one line: outputs between rows (the x
			// borders) are never read.
			applyFused(kx[i], p[px:n-px], func(k int) []A { return yb[px+k : n-px+k] }, b.lo, b.hi)
			b.tags[i][slot] = key
		}
		return p
	}
	for z := 0; z < nz; z++ {
		// Fill the rings plane by plane, so that components share y passes.
		for k := -sh.maxRz; k <= sh.maxRz; k++ {
			for i := range comps {
				if r := len(kz[i].half) - 1; k >= -r && k <= r {
					plane(i, z+k)
				}
			}
		}
		acc, tmp := b.acc[:n], b.tmp[:n]
		for i := range comps {
			out := acc
			if i > 0 {
				out = tmp
			}
			applyFused(kz[i], out, func(k int) []A { return plane(i, z+k) }, b.lo, b.hi)
			switch {
			case j.how == normOf:
				normAdd(acc, out, i == 0)
			case i > 0:
				add(acc, out)
			}
		}
		d := dst[z]
		if o, ok := any(d).(gips.Plane[A]); ok && j.how == normOf {
			// The root goes straight into the output rows.
			for r := range rows {
				sqrtScale(o.Row(y0+r), acc[r*W+px:r*W+px+w], inv)
			}
			continue
		}
		switch j.how {
		case normOf:
			sqrtScale(acc, acc, inv)
		case meanOf:
			meanQuot(acc, A(j.div))
		}
		for r := range rows {
			st.store(d.Row(y0+r), acc[r*W+px:r*W+px+w])
		}
	}
}
