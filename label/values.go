package label

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
)

// Label images given as they are (relabelSequential, labelSizes,
// removeSmallObjects on a non-binary image) hold non-negative integers;
// their values index a table when they are small enough, a sorted list
// otherwise, so that no table is sized by an arbitrary pixel value.

// denseLimit is the largest value a table is indexed by whatever the
// image's size; larger values use one when they are within 4 per pixel.
const denseLimit = 1 << 24

// valueCounts counts the pixels of each value of a non-negative integer
// image: counts[v] for v <= max in a table, or (when max is large and the
// image small) keys and their counts in sorted order.
type valueCounts struct {
	dense  []int64 // by value, when not nil
	keys   []uint64
	counts []int64
}

func (vc *valueCounts) count(v uint64) int64 {
	if vc.dense != nil {
		return vc.dense[v]
	}
	i, _ := slices.BinarySearch(vc.keys, v)
	return vc.counts[i]
}

type countArgs struct {
	img *gips.Image
	vc  *valueCounts
}

func countValues(img *gips.Image) (*valueCounts, error) {
	t := img.Type()
	if t == gips.Binary || t.IsFloat() {
		return nil, fmt.Errorf("image of type %v: want an integer or label image: %w", t, gips.ErrBufferType)
	}
	vc := &valueCounts{}
	err := gips.Dispatch(t, gips.Kernels[countArgs]{
		U8: countKernel[uint8], I8: countKernel[int8], U16: countKernel[uint16], I16: countKernel[int16],
		U32: countKernel[uint32], I32: countKernel[int32],
	}, countArgs{img, vc})
	return vc, err
}

func countKernel[T gips.Pixel](a countArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	var mx T
	for _, p := range planes {
		for y := 0; y < p.Height; y++ {
			for _, v := range p.Row(y) {
				if v < 0 {
					return fmt.Errorf("image holds the negative label %v: labels are 0 (background) and positive integers: %w", v, gips.ErrParam)
				}
				mx = max(mx, v)
			}
		}
	}
	g := a.img.Geometry()
	if m := uint64(mx); m <= denseLimit || m <= 4*uint64(g.Pixels()) {
		d := make([]int64, m+1)
		for _, p := range planes {
			for y := 0; y < p.Height; y++ {
				for _, v := range p.Row(y) {
					d[uint64(v)]++
				}
			}
		}
		a.vc.dense = d
		return nil
	}
	all := make([]uint64, 0, g.Pixels())
	for _, p := range planes {
		for y := 0; y < p.Height; y++ {
			for _, v := range p.Row(y) {
				all = append(all, uint64(v))
			}
		}
	}
	slices.Sort(all)
	for i, v := range all {
		if i == 0 || v != all[i-1] {
			a.vc.keys = append(a.vc.keys, v)
			a.vc.counts = append(a.vc.counts, 0)
		}
		a.vc.counts[len(a.vc.counts)-1]++
	}
	return nil
}

// mapArgs rewrite every pixel v of src into dst as m(v) (same type).
type mapArgs struct {
	dst, src *gips.Image
	m        func(v uint64) uint64
}

func mapValues(dst, src *gips.Image, m func(v uint64) uint64) error {
	return gips.Dispatch(src.Type(), gips.Kernels[mapArgs]{
		U8: mapKernel[uint8], I8: mapKernel[int8], U16: mapKernel[uint16], I16: mapKernel[int16],
		U32: mapKernel[uint32], I32: mapKernel[int32],
	}, mapArgs{dst, src, m})
}

func mapKernel[T gips.Pixel](a mapArgs) error {
	sp, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	g := a.src.Geometry()
	return parallel(g.Planes(), func(i int) {
		for y := 0; y < g.SizeY; y++ {
			d := dp[i].Row(y)
			for x, v := range sp[i].Row(y) {
				d[x] = T(a.m(uint64(v)))
			}
		}
	})
}

// sameDst checks that dst has src's sizes and type and is writable.
func sameDst(fn string, dst, src *gips.Image) error {
	if err := checkDst(fn, dst, src); err != nil {
		return err
	}
	if dst.Type() != src.Type() {
		return fmt.Errorf("%s: destination %v for a %v source: want the source's type: %w", fn, dst.Type(), src.Type(), gips.ErrBufferType)
	}
	return nil
}

// newLike is a new image of img's geometry and calibration.
func newLike(img *gips.Image) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry())
	if err != nil {
		return nil, err
	}
	out.SetCalibration(img.Calibration())
	return out, nil
}
