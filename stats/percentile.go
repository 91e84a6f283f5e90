package stats

import (
	"fmt"
	"math"
	"slices"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Percentiles returns, for each q in [0, 100], the q-th percentile of every
// pixel of the image, with numpy's default 'linear' method: the sorted
// values v, the virtual index i = (N-1)·q/100, and v[⌊i⌋] interpolated
// towards v[⌊i⌋+1] by the fraction of i (numpy's _lerp, in float64). A
// float image holding NaN gives NaN, as numpy does.
//
// The result equals numpy.percentile(a.astype(float64), q). numpy on the
// image's own dtype can differ: it subtracts neighbours in that dtype, so
// int8 and int16 differences wrap (percentile 50 of int8 [-128, 127] is
// 127.5 there, -0.5 here).
//
// 8- and 16-bit images are counted (O(N), no copy); 32- and 64-bit ones
// are selected by radix (radixselect.go: two passes over the pixels, no
// copy of the image), or, for a list of percentiles longer than about a
// hundred, copied once and the needed order statistics selected.
func Percentiles(img *gips.Image, q ...float64) ([]float64, error) {
	for _, p := range q {
		if !(p >= 0 && p <= 100) {
			return nil, fmt.Errorf("percentiles: %v: want a value in [0, 100]: %w", p, ErrParam)
		}
	}
	n := img.Geometry().Pixels()
	idx := make([]int, 0, 2*len(q))
	for _, p := range q {
		prev, next, _ := virtualIndex(n, p)
		idx = append(idx, prev, next)
	}
	var order map[int]float64
	var err error
	if img.Type().ItemSize() <= 2 {
		order, err = fromCounts(img, idx)
	} else {
		a := selectArgs{img: img, idx: idx}
		err = gips.Dispatch(img.Type(), gips.AllKernels[*selectArgs](nil, nil, nil, nil,
			selectPlanes[uint32], selectPlanes[int32], selectPlanes[float32], selectPlanes[float64]), &a)
		order = a.order
	}
	if err != nil {
		return nil, fmt.Errorf("percentiles: %w", err)
	}
	out := make([]float64, len(q))
	for k, p := range q {
		prev, next, t := virtualIndex(n, p)
		out[k] = lerp(order[prev], order[next], t)
	}
	return out, nil
}

// virtualIndex is numpy's 'linear' position of percentile p among n sorted
// values: the neighbours to interpolate and the weight of the upper one.
func virtualIndex(n int, p float64) (prev, next int, t float64) {
	v := float64(n-1) * (p / 100)
	if v >= float64(n-1) {
		return n - 1, n - 1, 0
	}
	f := math.Floor(v)
	return int(f), int(f) + 1, v - f
}

// lerp is numpy's _lerp, which interpolates from the nearer end.
func lerp(a, b, t float64) float64 {
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}

// fromCounts finds order statistics from the counts of every value of an
// 8- or 16-bit image (DenseCounts into a pooled array: a fresh 512 KiB one
// a call cost more in page faults than the counting of a 512² image).
func fromCounts(img *gips.Image, idx []int) (map[int]float64, error) {
	buf := denseBufs.Get().(*[1 << 16]int64)
	defer denseBufs.Put(buf)
	lo, counts, err := DenseCounts(img, buf[:])
	if err != nil {
		return nil, err
	}
	out := map[int]float64{}
	j, cum := 0, int64(0)
	for _, k := range slices.Sorted(slices.Values(idx)) {
		for cum+counts[j] <= int64(k) {
			cum += counts[j]
			j++
		}
		out[k] = float64(lo + int64(j))
	}
	return out, nil
}

type selectArgs struct {
	img   *gips.Image
	idx   []int
	order map[int]float64
}

// selectPlanes finds the needed ranks by radix selection (radixselect.go),
// or, for a list of ranks longer than it gathers in one pass, by copying
// the pixels and selecting each rank in turn: every selection leaves the
// slice partitioned around its rank, so the ranks taken in increasing
// order search shrinking ranges.
func selectPlanes[T gips.Pixel](a *selectArgs) error {
	ranks := slices.Compact(slices.Sorted(slices.Values(a.idx)))
	if len(ranks) <= maxGroups {
		if unsafe.Sizeof(T(0)) == 4 {
			return selectRadix[T, uint32](a, ranks)
		}
		return selectRadix[T, uint64](a, ranks)
	}
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	if err := gips.CheckAlloc("percentiles: copy of the pixels", g.Pixels(), g.Type.ItemSize()); err != nil {
		return err
	}
	all := make([]T, 0, g.Pixels())
	for _, p := range ps {
		for y := 0; y < p.Height; y++ {
			all = append(all, p.Row(y)...)
		}
	}
	a.order = map[int]float64{}
	for _, v := range all {
		if v != v {
			for _, k := range a.idx {
				a.order[k] = math.NaN()
			}
			return nil
		}
	}
	lo := 0
	for _, k := range ranks {
		nth(all[lo:], k-lo)
		a.order[k] = float64(all[k])
		lo = k
	}
	return nil
}

// selectRadix is selectPlanes by radix selection on the pixels' bits K.
func selectRadix[T gips.Pixel, K key](a *selectArgs, ranks []int) error {
	ws := make([]want[K], len(ranks))
	for i, r := range ranks {
		ws[i].rank = int64(r)
	}
	nan, err := radixSelect[T](a.img, ws)
	if err != nil {
		return err
	}
	kr := keyerOf[K](a.img.Type())
	a.order = map[int]float64{}
	for i, r := range ranks {
		if nan {
			a.order[r] = math.NaN()
			continue
		}
		b := kr.bits(ws[i].key)
		a.order[r] = float64(*(*T)(unsafe.Pointer(&b)))
	}
	return nil
}

// nth reorders s so that s[k] is the value of rank k, smaller values before
// it and larger after (quickselect, median-of-three pivots, insertion sort
// for short ranges).
func nth[T gips.Pixel](s []T, k int) {
	lo, hi := 0, len(s)-1
	for hi-lo > 16 {
		m := lo + (hi-lo)/2
		if s[m] < s[lo] {
			s[m], s[lo] = s[lo], s[m]
		}
		if s[hi] < s[lo] {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if s[hi] < s[m] {
			s[hi], s[m] = s[m], s[hi]
		}
		pivot := s[m]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for pivot < s[j] {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
	for i := lo + 1; i <= hi; i++ {
		for j := i; j > lo && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
