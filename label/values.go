package label

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
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

// release gives the table of counts back to the pool (not LabelSizes'
// result: the caller keeps that one); vc is not used after.
func (vc *valueCounts) release() {
	scratch.Put(&bufs, vc.dense)
	vc.dense = nil
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
	g := a.img.Geometry()
	rows := rowsOf(planes)
	// The smallest and largest value, a part of the rows per worker.
	parts := min(par.Workers(), max(1, rows.len()))
	lo, hi := make([]T, parts), make([]T, parts)
	if err := parallel(parts, func(k int) {
		lo[k], hi[k] = rangeOf(rows, k*rows.len()/parts, (k+1)*rows.len()/parts)
	}); err != nil {
		return err
	}
	mn, mx := slices.Min(lo), slices.Max(hi)
	if mn < 0 {
		return fmt.Errorf("image holds the negative label %v: labels are 0 (background) and positive integers: %w", mn, gips.ErrParam)
	}
	if m := uint64(mx); m <= denseLimit || m <= 4*uint64(g.Pixels()) {
		a.vc.dense, err = countDense(rows, int(m)+1, parts)
		return err
	}
	all := make([]uint64, 0, g.Pixels())
	for r := range rows.len() {
		for _, v := range rows.at(r) {
			all = append(all, uint64(v))
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

// rowList is the rows of an image's planes (all of one height), in
// order, found by their index: a slice of them, made at each call, was 3
// MiB of row headers for a 512x512x256 volume, 1300-2400 page faults a
// relabelSequential call.
type rowList[T gips.Pixel] struct {
	planes []gips.Plane[T]
	h      int
}

func rowsOf[T gips.Pixel](planes []gips.Plane[T]) rowList[T] {
	l := rowList[T]{planes: planes}
	if len(planes) > 0 {
		l.h = planes[0].Height
	}
	return l
}

func (l rowList[T]) len() int { return len(l.planes) * l.h }

// at is row r: row r%h of plane r/h.
func (l rowList[T]) at(r int) []T { return l.planes[r/l.h].Row(r % l.h) }

// rangeOf is the smallest and largest value of rows r0 ... r1-1 (0, 0
// when empty), four of each kept apart so that the compares do not wait
// on each other.
func rangeOf[T gips.Pixel](rows rowList[T], r0, r1 int) (T, T) {
	var lo, hi [4]T
	first := true
	for k := r0; k < r1; k++ {
		r := rows.at(k)
		if len(r) == 0 {
			continue
		}
		if first {
			lo, hi = [4]T{r[0], r[0], r[0], r[0]}, [4]T{r[0], r[0], r[0], r[0]}
			first = false
		}
		i := 0
		for ; i+4 <= len(r); i += 4 {
			q := (*[4]T)(r[i : i+4])
			lo[0], hi[0] = min(lo[0], q[0]), max(hi[0], q[0])
			lo[1], hi[1] = min(lo[1], q[1]), max(hi[1], q[1])
			lo[2], hi[2] = min(lo[2], q[2]), max(hi[2], q[2])
			lo[3], hi[3] = min(lo[3], q[3]), max(hi[3], q[3])
		}
		for _, v := range r[i:] {
			lo[0], hi[0] = min(lo[0], v), max(hi[0], v)
		}
	}
	return min(lo[0], lo[1], lo[2], lo[3]), max(hi[0], hi[1], hi[2], hi[3])
}

// countDense is the number of pixels of each value v < n in rows (every
// value below n). parts workers count their part of the rows into tables
// of their own when the tables are small beside the image (a label image:
// far fewer labels than pixels), else one counts them all.
//
// The counts are in a buffer from bufs (valueCounts.release).
func countDense[T gips.Pixel](rows rowList[T], n, parts int) ([]int64, error) {
	d := scratch.Get[int64](&bufs, n)
	clear(d)
	pixels := 0
	if rows.len() > 0 {
		pixels = rows.len() * len(rows.at(0))
	}
	if parts == 1 || n > pixels/16 || pixels > 1<<32-1 {
		for r := range rows.len() {
			tally(rows.at(r), d)
		}
		return d, nil
	}
	tables := make([][]uint32, parts)
	err := parallel(parts, func(k int) {
		t := scratch.Get[uint32](&bufs, n) // the workers' tables, cleared by each
		clear(t)
		for r := k * rows.len() / parts; r < (k+1)*rows.len()/parts; r++ {
			tally(rows.at(r), t)
		}
		tables[k] = t
	})
	for _, t := range tables {
		for v, c := range t {
			d[v] += int64(c)
		}
		scratch.Put(&bufs, t)
	}
	return d, err
}

// tally adds the pixels of each value of r to d[value].
func tally[T gips.Pixel, C int64 | uint32](r []T, d []C) {
	for _, v := range r {
		d[uint64(v)]++
	}
}

// mapArgs rewrite every pixel v of src into dst as m(v), or lut[v] when
// lut is set (same type).
type mapArgs struct {
	dst, src *gips.Image
	m        func(v uint64) uint64
	lut      []uint64
}

func mapValues(dst, src *gips.Image, m func(v uint64) uint64) error {
	return mapWith(mapArgs{dst: dst, src: src, m: m})
}

// mapTable is mapValues through a table that holds every value of src:
// a load a pixel where m was a call.
func mapTable(dst, src *gips.Image, lut []uint64) error {
	return mapWith(mapArgs{dst: dst, src: src, lut: lut})
}

func mapWith(a mapArgs) error {
	return gips.Dispatch(a.src.Type(), gips.Kernels[mapArgs]{
		U8: mapKernel[uint8], I8: mapKernel[int8], U16: mapKernel[uint16], I16: mapKernel[int16],
		U32: mapKernel[uint32], I32: mapKernel[int32],
	}, a)
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
	// Every row of every plane, split over the workers (a 2D image is one
	// plane).
	src, dst := rowsOf(sp), rowsOf(dp)
	parts := min(par.Workers(), max(1, src.len()))
	return parallel(parts, func(k int) {
		for r := k * src.len() / parts; r < (k+1)*src.len()/parts; r++ {
			d, s := dst.at(r), src.at(r)
			if a.lut != nil {
				for x, v := range s {
					d[x] = T(a.lut[uint64(v)])
				}
				continue
			}
			for x, v := range s {
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
