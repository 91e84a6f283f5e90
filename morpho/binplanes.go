package morpho

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// binPlanes runs a binary op (one iteration) on the planes themselves
// (box.go, lines.go): the minimum of the raw bytes is nonzero exactly
// when every byte under the footprint is (an erosion), the maximum when any is
// (a dilation), so the input needs no 0/1 pass first; the output's bytes
// are made 0/1 row by row as they are written. Pixels beyond the border
// are the border value.
func binPlanes(op binOp, dst, src *gips.Image, se SE, c binConfig) error {
	in, err := gips.Planes[uint8](src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return err
	}
	g := src.Geometry()
	d := nbhd.DimsOf(g)
	bv := uint8(0)
	if c.border {
		bv = 1
	}
	var copied, tmp []uint8
	if gips.Overlap(dst, src) {
		copied = getBuf[uint8](d.Len())
		defer putBuf(copied)
	}
	// The opening and closing by the 2D cross: both passes band by band
	// (bincross.go), without the intermediate volume.
	chain := (op == binOpening || op == binClosing) && fuseBox && isCross2D(se)
	if (op == binOpening || op == binClosing) && !chain {
		tmp = getBuf[uint8](d.Len())
		defer putBuf(tmp)
	}
	one := cvalRow(d.NX, uint8(1))
	clamp := func(_, _ int, o []uint8) { mm2(o, o, one, false) } // min(b, 1) is 1 for every nonzero byte
	for v := range nbhd.Volumes(g) {
		sv, dv := vview[uint8]{in, v * d.NZ}, vview[uint8]{out, v * d.NZ}
		if copied != nil {
			nbhd.Gather(copied, in, g, v)
			sv = bufView(copied, d)
		}
		// The intermediate of an opening or closing keeps its raw bytes
		// (only their being nonzero matters); the last pass writes 0/1.
		erode := func(dst, src vview[uint8], post func(y, z int, row []uint8)) error {
			return pass(dst, src, d, se, false, false, gips.Constant, bv, post)
		}
		dilate := func(dst, src vview[uint8], post func(y, z int, row []uint8)) error {
			return pass(dst, src, d, se, true, true, gips.Constant, bv, post)
		}
		if cross := (op == binErode || op == binDilate) && fuseBox && isCross2D(se); cross {
			if err := binCross(dv, sv, d, op == binDilate, bv); err != nil {
				return err
			}
			continue
		}
		if chain {
			if err := binCrossChain(dv, sv, d, op == binOpening, bv, clamp); err != nil {
				return err
			}
			continue
		}
		switch op {
		case binErode:
			err = erode(dv, sv, clamp)
		case binDilate:
			err = dilate(dv, sv, clamp)
		case binOpening:
			tv := bufView(tmp, d)
			if err = erode(tv, sv, nil); err == nil {
				err = dilate(dv, tv, clamp)
			}
		case binClosing:
			tv := bufView(tmp, d)
			if err = dilate(tv, sv, nil); err == nil {
				err = erode(dv, tv, clamp)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
