package label

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// ClearBorder is skimage.segmentation.clear_border(image, buffer_size,
// bgval): the objects that touch the image's border band (bufferSize+1
// pixels wide on each side along x, y and, for a volume, z) are set to
// bgval. Objects are the components at full connectivity (8, 26) of the
// nonzero pixels of a Binary image, or of equal values in any other
// integer image (skimage.measure.label with background 0), so two touching
// labels are two objects. Like scikit-image, when bgval is not 0 and a
// background pixel lies in the band, the whole background becomes bgval.
// The output has the input's type (a Binary output writes bgval != 0 as 1);
// channels and time points are treated separately.
func ClearBorder(img *gips.Image, bufferSize int, bgval float64) (*gips.Image, error) {
	out, err := newLike(img)
	if err != nil {
		return nil, fmt.Errorf("clearBorder: %w", err)
	}
	return out, ClearBorderInto(out, img, bufferSize, bgval)
}

// ClearBorderInto is ClearBorder into dst, of src's sizes and type; dst may
// be src.
func ClearBorderInto(dst, src *gips.Image, bufferSize int, bgval float64) error {
	if err := sameDst("clearBorder", dst, src); err != nil {
		return err
	}
	g := src.Geometry()
	lim := min(g.SizeX, g.SizeY)
	if g.Volume {
		lim = min(lim, g.SizeZ)
	}
	if bufferSize < 0 || bufferSize >= lim {
		return fmt.Errorf("clearBorder: parameter buffer_size %d: want 0 to %d (below every size of %v): %w", bufferSize, lim-1, g, gips.ErrParam)
	}
	f, err := build(src, gips.Full, src.Type() == gips.Binary)
	if err != nil {
		return fmt.Errorf("clearBorder: %w", err)
	}
	defer f.release()
	ext := int32(bufferSize + 1)
	sx := int32(f.sx)
	touched := make([]bool, f.n+1)
	bgTouched := false
	f.rows(0, f.nrows, func(r int, rs []run, labels []uint32) {
		y, z := r%f.sy, (r/f.sy)%f.sz
		band := y < int(ext) || y >= f.sy-int(ext) || (g.Volume && (z < int(ext) || z >= f.sz-int(ext)))
		x := int32(0)
		gap := func(lo, hi int32) {
			if lo < hi && (band || lo < ext || hi > sx-ext) {
				bgTouched = true
			}
		}
		for i, ru := range rs {
			gap(x, ru.x0)
			if band || ru.x0 < ext || ru.x1 > sx-ext {
				touched[labels[i]] = true
			}
			x = ru.x1
		}
		gap(x, sx)
	})
	if dst != src {
		if err := gips.CopyImg(src, dst); err != nil {
			return fmt.Errorf("clearBorder: %w", err)
		}
	}
	return f.paint(dst, bgval, !bgTouched || bgval == 0, func(lab uint32) (float64, bool) { return bgval, touched[lab] })
}
