package stats

import (
	"fmt"
	"slices"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// denseLimit is the widest value range counted in an array; 32-bit images
// of wider ranges, or of ranges much wider than their pixel count, are
// counted from a sorted copy.
const denseLimit = 1 << 22

// ValueCounts lists the distinct pixel values of an integer image in
// increasing order with how many pixels hold each, as
// numpy.unique(a, return_counts=True). Float images are refused
// (gips.ErrBufferType): bin them with Histogram. A Binary image has the
// values 0 and 1, whatever non-zero bytes it holds.
func ValueCounts(img *gips.Image) (values []int64, counts []int64, err error) {
	if img.Type().IsFloat() {
		return nil, nil, fmt.Errorf("valueCounts: %v image: want an integer type: %w", img.Type(), gips.ErrBufferType)
	}
	if img.Type() == gips.Binary {
		s, err := scan(img, needSum)
		if err != nil {
			return nil, nil, err
		}
		ones := int64(s.sum())
		for v, c := range []int64{int64(s.n) - ones, ones} {
			if c > 0 {
				values, counts = append(values, int64(v)), append(counts, c)
			}
		}
		return values, counts, nil
	}
	lo, hi := img.Type().Range()
	if img.Type().ItemSize() == 4 {
		s, err := scan(img, needExtremes)
		if err != nil {
			return nil, nil, err
		}
		lo, hi = s.min, s.max
	}
	a := countArgs{img: img, lo: int64(lo), width: int64(hi-lo) + 1}
	err = gips.Dispatch(img.Type(), gips.AllKernels(countPlanes[uint8], countPlanes[int8], countPlanes[uint16], countPlanes[int16],
		countPlanes[uint32], countPlanes[int32], nil, nil), &a)
	if err != nil {
		return nil, nil, fmt.Errorf("valueCounts: %w", err)
	}
	return a.values, a.counts, nil
}

type countArgs struct {
	img            *gips.Image
	lo, width      int64
	values, counts []int64
}

func countPlanes[T gips.Pixel](a *countArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	if a.width > denseLimit || a.width > 4*int64(g.Pixels()) && a.width > 1<<16 {
		if err := gips.CheckAlloc("valueCounts: sorted copy", g.Pixels(), g.Type.ItemSize()); err != nil {
			return err
		}
		all := make([]T, 0, g.Pixels())
		for _, p := range ps {
			for y := 0; y < p.Height; y++ {
				all = append(all, p.Row(y)...)
			}
		}
		slices.Sort(all)
		for i := 0; i < len(all); {
			j := i + 1
			for j < len(all) && all[j] == all[i] {
				j++
			}
			a.values, a.counts = append(a.values, int64(all[i])), append(a.counts, int64(j-i))
			i = j
		}
		return nil
	}
	if g.Type.ItemSize() <= 2 {
		// One pass with the histogram's counters; a pattern is the
		// value's bits (two's complement for signed types).
		buf := denseBufs.Get().(*[1 << 16]int64)
		defer denseBufs.Put(buf)
		pc := buf[:1<<(8*g.Type.ItemSize())]
		clear(pc)
		patternCounts(ps, g, g.Type, pc)
		mask := int64(len(pc) - 1)
		for v := a.lo; v < a.lo+a.width; v++ {
			if c := pc[v&mask]; c != 0 {
				a.values, a.counts = append(a.values, v), append(a.counts, c)
			}
		}
		return nil
	}
	dense := make([]int64, a.width)
	var mu sync.Mutex
	par.BandsWork(len(ps), g.SizeY, g.SizeX*8, func(i, y0, y1 int) {
		local := make([]int64, a.width)
		for y := y0; y < y1; y++ {
			for _, v := range ps[i].Row(y) {
				local[int64(v)-a.lo]++
			}
		}
		mu.Lock()
		for k, c := range local {
			dense[k] += c
		}
		mu.Unlock()
	})
	for k, c := range dense {
		if c != 0 {
			a.values, a.counts = append(a.values, a.lo+int64(k)), append(a.counts, c)
		}
	}
	return nil
}

// denseBufs holds counters for every 16-bit pattern: allocated fresh, their
// 512 KiB page-fault in on every call.
var denseBufs = sync.Pool{New: func() any { return new([1 << 16]int64) }}

// DenseCounts counts the pixels of each value of an 8- or 16-bit integer
// image: counts[i] pixels hold the value lo+i, for every value of the
// type from its least, lo (256 or 65536 counts), as
// numpy.bincount(a.ravel() - lo, minlength=256 or 65536). A Binary image
// has 256 counts with every non-zero pixel counted as 1. counts is buf
// when buf is large enough, so that a caller that keeps it allocates
// nothing. Other types are refused (gips.ErrBufferType): ValueCounts
// counts them.
func DenseCounts(img *gips.Image, buf []int64) (lo int64, counts []int64, err error) {
	t := img.Type()
	if t.IsFloat() || t.ItemSize() > 2 {
		return 0, nil, fmt.Errorf("denseCounts: %v image: want an 8- or 16-bit integer type: %w", t, gips.ErrBufferType)
	}
	n := 1 << (8 * t.ItemSize())
	if cap(buf) >= n {
		counts = buf[:n]
		clear(counts)
	} else {
		counts = make([]int64, n)
	}
	g := img.Geometry()
	switch t.Storage() {
	case gips.UInt8:
		err = densePlanes[uint8](img, g, counts)
	case gips.Int8:
		err = densePlanes[int8](img, g, counts)
	case gips.UInt16:
		err = densePlanes[uint16](img, g, counts)
	case gips.Int16:
		err = densePlanes[int16](img, g, counts)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("denseCounts: %w", err)
	}
	return byValue(t, counts), counts, nil
}

// DenseBytes is DenseCounts of a contiguous buffer s of 8-bit integer
// pixels of type t into counts, for the C boundary's flat path
// (internal/flat): ok false, with nothing counted, for another type or a
// buffer that DenseCounts would count on more than one worker (the
// caller then takes the general path).
func DenseBytes(t gips.BufferType, s []byte, counts *[256]int64) (lo int64, ok bool) {
	if t.IsFloat() || t.ItemSize() != 1 || !countInline(len(s)) {
		return 0, false
	}
	*counts = [256]int64{}
	countBytes8(s, counts)
	return byValue(t, counts[:]), true
}

// byValue turns counts by bit pattern of type t (256 or 65536) into
// counts by value from the type's least, which it returns: a Binary
// image's non-zero patterns are the value 1, and a signed type's halves
// swap (value lo+i has the pattern i+n/2, two's complement).
func byValue(t gips.BufferType, counts []int64) int64 {
	if t == gips.Binary {
		foldBinary(counts)
	}
	tlo, _ := t.Range()
	if tlo < 0 {
		h := len(counts) / 2
		for i := range h {
			counts[i], counts[i+h] = counts[i+h], counts[i]
		}
	}
	return int64(tlo)
}

func densePlanes[T gips.Pixel](img *gips.Image, g gips.Geometry, counts []int64) error {
	ps, err := gips.Planes[T](img)
	if err != nil {
		return err
	}
	patternCounts(ps, g, g.Type, counts)
	return nil
}
