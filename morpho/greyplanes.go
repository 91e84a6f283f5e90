package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/par"
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
	if a.op >= opOpening {
		tmp = getBuf[T](d.Len())
		defer putBuf(tmp)
	}
	for v := range nbhd.Volumes(g) {
		src, dst := vview[T]{in, v * d.NZ}, vview[T]{out, v * d.NZ}
		if copied != nil {
			nbhd.Gather(copied, in, g, v)
			src = bufView(copied, d)
		}
		erode := func(dst, src vview[T]) error { return pass(dst, src, d, a.se, false, false, m, cval, nil) }
		dilate := func(dst, src vview[T]) error { return pass(dst, src, d, a.se, true, true, m, cval, nil) }
		var tv vview[T]
		if tmp != nil {
			tv = bufView(tmp, d)
		}
		var err error
		switch a.op {
		case opErode:
			err = erode(dst, src)
		case opDilate:
			err = dilate(dst, src)
		case opOpening, opWhiteTophat:
			if err = erode(tv, src); err == nil {
				err = dilate(dst, tv)
			}
		case opClosing, opBlackTophat:
			if err = dilate(tv, src); err == nil {
				err = erode(dst, tv)
			}
		case opGradient:
			if err = dilate(tv, src); err == nil {
				err = erode(dst, src)
			}
		}
		if err != nil {
			return err
		}
		if a.op < opWhiteTophat {
			continue
		}
		var px T
		rowBytes := 3 * d.NX * int(unsafe.Sizeof(px))
		par.ForWork(d.NZ*d.NY, par.Grain(rowBytes), d.NZ*d.NY*rowBytes, func(lo, hi int) {
			for r := lo; r < hi; r++ { // the differences, row by row, on every core
				y, z := r%d.NY, r/d.NY
				o := dst.row(y, z)
				switch a.op {
				case opWhiteTophat:
					subSat(o, src.row(y, z), o)
				case opBlackTophat:
					subSat(o, o, src.row(y, z))
				case opGradient:
					subSat(o, tv.row(y, z), o)
				}
			}
		})
	}
	return nil
}
