package morpho

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// greyPlanes runs a grey op on the planes themselves (box.go for a box
// footprint, lines.go for any other). An output that overlaps the input
// reads a copy of it.
func greyPlanes[T gips.Pixel](a greyArgs, in, out []gips.Plane[T]) error {
	g := a.src.Geometry()
	d := nbhd.DimsOf(g)
	cval := nbhd.Cval[T](a.c.cval)
	m := a.c.mode
	var copied, tmp []T
	if gips.Overlap(a.dst, a.src) {
		copied = getBuf[T](d.Len())
		defer putBuf(copied)
	}
	// The opening, closing and top-hats by a small 2D box: both passes
	// band by band, without the intermediate volume (boxopen.go).
	firstHi := a.op == opClosing || a.op == opBlackTophat // the first pass is a dilation
	w1, w2 := boxWindow(a.se, firstHi, d), boxWindow(a.se, !firstHi, d)
	fused := fusable(a, w1, w2)
	gradFused := gradFusable(a, boxWindow(a.se, false, d), boxWindow(a.se, true, d))
	if a.op >= opOpening && !fused && !gradFused {
		tmp = getBuf[T](d.Len())
		defer putBuf(tmp)
	}
	for v := range nbhd.Volumes(g) {
		src, dst := vview[T]{in, v * d.NZ}, vview[T]{out, v * d.NZ}
		if copied != nil {
			nbhd.Gather(copied, in, g, v)
			src = bufView(copied, d)
		}
		erode := func(dst, src vview[T], post func(y, z int, o []T)) error {
			return pass(dst, src, d, a.se, false, false, m, cval, post)
		}
		dilate := func(dst, src vview[T], post func(y, z int, o []T)) error {
			return pass(dst, src, d, a.se, true, true, m, cval, post)
		}
		var tv vview[T]
		if tmp != nil {
			tv = bufView(tmp, d)
		}
		// The differences of the top-hats and the gradient are taken on
		// each output row just after the last pass writes it (in cache).
		var err error
		if gradFused {
			if err := boxGradient(dst, src, d, boxWindow(a.se, false, d), boxWindow(a.se, true, d), m, cval); err != nil {
				return err
			}
			continue
		}
		if fused {
			var post func(y, z int, o []T)
			switch a.op {
			case opWhiteTophat:
				post = func(y, z int, o []T) { subSat(o, src.row(y, z), o) }
			case opBlackTophat:
				post = func(y, z int, o []T) { subSat(o, o, src.row(y, z)) }
			}
			if err := boxChain(dst, src, d, w1, w2, !firstHi, m, cval, post); err != nil {
				return err
			}
			continue
		}
		switch a.op {
		case opErode:
			err = erode(dst, src, nil)
		case opDilate:
			err = dilate(dst, src, nil)
		case opOpening:
			if err = erode(tv, src, nil); err == nil {
				err = dilate(dst, tv, nil)
			}
		case opWhiteTophat:
			if err = erode(tv, src, nil); err == nil {
				err = dilate(dst, tv, func(y, z int, o []T) { subSat(o, src.row(y, z), o) })
			}
		case opClosing:
			if err = dilate(tv, src, nil); err == nil {
				err = erode(dst, tv, nil)
			}
		case opBlackTophat:
			if err = dilate(tv, src, nil); err == nil {
				err = erode(dst, tv, func(y, z int, o []T) { subSat(o, o, src.row(y, z)) })
			}
		case opGradient:
			if err = dilate(tv, src, nil); err == nil {
				err = erode(dst, src, func(y, z int, o []T) { subSat(o, tv.row(y, z), o) })
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
