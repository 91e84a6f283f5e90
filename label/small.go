package label

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// RemoveSmallObjects is skimage.morphology.remove_small_objects(image,
// minSize, connectivity): a Binary image is labelled at connectivity conn
// (scikit-image's default is 1, faces) and its components of fewer than
// minSize pixels are cleared (the others become 1); in any other integer
// image the labels are taken as they are (conn is then unused) and the
// labels of fewer than minSize pixels set to 0. The output has the
// input's type. Channels and time points are labelled separately.
func RemoveSmallObjects(img *gips.Image, minSize int, conn gips.Connectivity) (*gips.Image, error) {
	out, err := newLike(img)
	if err != nil {
		return nil, fmt.Errorf("removeSmallObjects: %w", err)
	}
	return out, RemoveSmallObjectsInto(out, img, minSize, conn)
}

// RemoveSmallObjectsInto is RemoveSmallObjects into dst, of src's sizes and
// type; dst may be src.
func RemoveSmallObjectsInto(dst, src *gips.Image, minSize int, conn gips.Connectivity) error {
	if err := sameDst("removeSmallObjects", dst, src); err != nil {
		return err
	}
	if minSize < 0 {
		return fmt.Errorf("removeSmallObjects: parameter min_size %d: want >= 0: %w", minSize, gips.ErrParam)
	}
	if src.Type() != gips.Binary {
		vc, err := countValues(src)
		if err != nil {
			return fmt.Errorf("removeSmallObjects: %w", err)
		}
		if vc.dense != nil {
			defer vc.release()
			lut := scratch.Get[uint64](&bufs, len(vc.dense))
			defer scratch.Put(&bufs, lut)
			lut[0] = 0
			for v := 1; v < len(lut); v++ {
				lut[v] = 0
				if vc.dense[v] >= int64(minSize) {
					lut[v] = uint64(v)
				}
			}
			return mapTable(dst, src, lut)
		}
		return mapValues(dst, src, func(v uint64) uint64 {
			if v != 0 && vc.count(v) < int64(minSize) {
				return 0
			}
			return v
		})
	}
	f, err := build(src, conn, true)
	if err != nil {
		return fmt.Errorf("removeSmallObjects: %w", err)
	}
	defer f.release()
	keep := scratch.Get[uint32](&bufs, f.n+1)
	defer scratch.Put(&bufs, keep)
	sizes := f.sizes()
	for lab, n := range sizes {
		keep[lab] = 0
		if lab > 0 && n >= int64(minSize) {
			keep[lab] = 1
		}
	}
	scratch.Put(&bufs, sizes)
	return f.paintTable(dst, keep)
}

// sizes is the pixel count of each label (index 0 unused), in a buffer
// from bufs.
func (f *forest) sizes() []int64 {
	s := scratch.Get[int64](&bufs, f.n+1)
	clear(s)
	f.rows(0, f.nrows, func(_ int, rs []run, labels []uint32) {
		for i, r := range rs {
			s[labels[i]] += int64(r.x1 - r.x0)
		}
	})
	return s
}
