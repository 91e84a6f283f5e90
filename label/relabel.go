package label

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// RelabelSequential renumbers a label image's labels 1..n in increasing
// order of their values, 0 staying 0: the first result of
// skimage.segmentation.relabel_sequential. It returns n. The output has
// the input's type; negative values and Binary or float images are
// refused.
func RelabelSequential(img *gips.Image) (*gips.Image, int, error) {
	out, err := newLike(img)
	if err != nil {
		return nil, 0, fmt.Errorf("relabelSequential: %w", err)
	}
	n, err := RelabelSequentialInto(out, img)
	if err != nil {
		return nil, 0, err
	}
	return out, n, nil
}

// RelabelSequentialInto is RelabelSequential into dst, of src's sizes and
// type; dst may be src.
func RelabelSequentialInto(dst, src *gips.Image) (int, error) {
	if err := sameDst("relabelSequential", dst, src); err != nil {
		return 0, err
	}
	vc, err := countValues(src)
	if err != nil {
		return 0, fmt.Errorf("relabelSequential: %w", err)
	}
	if vc.dense != nil {
		defer vc.release()
		lut := scratch.Get[uint64](&bufs, len(vc.dense))
		defer scratch.Put(&bufs, lut)
		n := 0
		lut[0] = 0
		for v := 1; v < len(lut); v++ {
			lut[v] = 0
			if vc.dense[v] > 0 {
				n++
				lut[v] = uint64(n)
			}
		}
		return n, mapTable(dst, src, lut)
	}
	keys := vc.keys
	if keys[0] == 0 {
		keys = keys[1:]
	}
	return len(keys), mapValues(dst, src, func(v uint64) uint64 {
		if v == 0 {
			return 0
		}
		i, _ := slices.BinarySearch(keys, v)
		return uint64(i + 1)
	})
}

// LabelSizes counts the pixels of each label of a label image: sizes[v] is the
// number of pixels of value v, for v from 0 (the background) to the
// largest label, as numpy.bincount(labels.ravel()). Labels must be
// non-negative and, in an image of n pixels, at most max(2^24, 4n) (relabel
// sparse labels with RelabelSequential first).
func LabelSizes(img *gips.Image) ([]int64, error) {
	vc, err := countValues(img)
	if err != nil {
		return nil, fmt.Errorf("labelSizes: %w", err)
	}
	if vc.dense == nil {
		return nil, fmt.Errorf("labelSizes: labels up to %d in an image of %d pixels: relabel them first (relabelSequential): %w",
			vc.keys[len(vc.keys)-1], img.Geometry().Pixels(), gips.ErrParam)
	}
	return vc.dense, nil
}
