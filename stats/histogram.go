package stats

import (
	"fmt"
	"math"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// Hist is a histogram: Counts[i] pixels in [Edges[i], Edges[i+1]), the last
// bin closed: [Edges[n-1], Edges[n]]. len(Edges) == len(Counts)+1.
type Hist struct {
	Counts []int64
	Edges  []float64
}

// Histogram counts the pixels in nbins equal bins over [lo, hi], as
// numpy.histogram(a, bins=nbins, range=(lo, hi)): pixels outside the range
// (and NaN) are not counted, the last bin includes hi, an empty range
// lo == hi becomes [lo-0.5, hi+0.5]. The edges are numpy's linspace,
// computed in float64 and, for a Real32 image, rounded to float32 as numpy
// does, so that a pixel falls in the same bin as in numpy. Every pixel of
// every plane is counted (all channels together); a Binary image's pixels
// are 0 or 1, whatever non-zero bytes it holds.
//
// A range wider than the largest float64 (hi - lo overflows, e.g. ±1.7e308)
// has its edges computed as lo·(1-i/n) + hi·(i/n), which cannot overflow;
// numpy fails there (an IndexError).
func Histogram(img *gips.Image, nbins int, lo, hi float64) (Hist, error) {
	if err := checkBins(nbins); err != nil {
		return Hist{}, err
	}
	lo, hi, err := checkRange(lo, hi)
	if err != nil {
		return Hist{}, err
	}
	return histogram(img, nbins, lo, hi)
}

// checkRange refuses a range that is not finite or has lo > hi, and
// widens an empty one to [lo-0.5, hi+0.5].
func checkRange(lo, hi float64) (float64, float64, error) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo > hi {
		return 0, 0, fmt.Errorf("histogram: range [%v, %v]: want finite lo <= hi: %w", lo, hi, ErrParam)
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi, nil
}

// HistogramAuto is Histogram over the image's own range [min, max], as
// numpy.histogram(a, bins=nbins) without a range. An image of one value v
// gets the range [v-0.5, v+0.5]; an image holding NaN or ±Inf is an error,
// as in numpy.
func HistogramAuto(img *gips.Image, nbins int) (Hist, error) {
	if err := checkBins(nbins); err != nil {
		return Hist{}, err
	}
	s, err := scan(img, needExtremes)
	if err != nil {
		return Hist{}, err
	}
	lo, hi := s.min, s.max
	if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return Hist{}, fmt.Errorf("histogram: image range [%v, %v] is not finite: %w", lo, hi, ErrParam)
	}
	if lo == hi {
		if img.Type() == gips.Real32 { // numpy subtracts in the image's float32
			lo, hi = float64(float32(lo)-0.5), float64(float32(hi)+0.5)
		} else {
			lo, hi = lo-0.5, hi+0.5
		}
	}
	return histogram(img, nbins, lo, hi)
}

// checkBins refuses nbins < 1, and counts that the histogram's counters
// (8 bytes a bin, one set per worker) could not be allocated for.
func checkBins(nbins int) error {
	if nbins < 1 {
		return fmt.Errorf("histogram: nbins %d: want >= 1: %w", nbins, ErrParam)
	}
	if err := gips.CheckAlloc("histogram: nbins", nbins, 8*(1+par.Workers())); err != nil {
		return fmt.Errorf("%w: %w", err, ErrParam)
	}
	return nil
}

// edges is numpy.linspace(lo, hi, n+1): i*step + lo in float64, the last
// edge hi exactly; rounded to float32 for Real32 images. When hi - lo
// overflows, edge i is lo·(1-t) + hi·t with t = i/n instead.
func edges(n int, lo, hi float64, f32 bool) []float64 {
	e := make([]float64, n+1)
	fillEdges(e, lo, hi, f32)
	return e
}

// fillEdges writes edges' result for n = len(e)-1 bins into e.
func fillEdges(e []float64, lo, hi float64, f32 bool) {
	n := len(e) - 1
	step := (hi - lo) / float64(n)
	if math.IsInf(step, 0) {
		for i := range e {
			t := float64(i) / float64(n)
			e[i] = lo*(1-t) + hi*t
		}
	} else {
		for i := range e {
			e[i] = float64(i)*step + lo
		}
	}
	e[n] = hi
	if f32 {
		for i, v := range e {
			e[i] = float64(float32(v))
		}
	}
}

func histogram(img *gips.Image, nbins int, lo, hi float64) (Hist, error) {
	h := Hist{Counts: make([]int64, nbins), Edges: edges(nbins, lo, hi, img.Type() == gips.Real32)}
	err := gips.Dispatch(img.Type(), gips.AllKernels(histPlanes[uint8], histPlanes[int8], histPlanes[uint16], histPlanes[int16],
		histPlanes[uint32], histPlanes[int32], histPlanes[float32], histPlanes[float64]), histArgs{img, h})
	if err != nil {
		return Hist{}, fmt.Errorf("histogram: %w", err)
	}
	return h, nil
}

type histArgs struct {
	img *gips.Image
	h   Hist
}

// histPlanes finds each pixel's bin from an estimate (v-lo)*n/(hi-lo) that
// it then corrects against the edges themselves, as numpy does: the edges
// alone decide, so rounding in the estimate cannot move a pixel. 8- and
// 16-bit images are counted value by value first (histSmall), and each
// of their at most 65536 values is then binned by the same rule.
func histPlanes[T gips.Pixel](a histArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	b := newBinner(a.h.Edges)
	counts := a.h.Counts
	if t := gips.TypeOf[T](); !t.IsFloat() && t.ItemSize() <= 2 {
		return histSmall(ps, g, t, b, counts, g.Type == gips.Binary)
	}
	// One set of counters per worker, not per band: with many bins a set
	// per band would be allocated over and over.
	// A Real32 image's counters have one more, for binRow32's values
	// outside the range.
	var locals pool[[]int64]
	est := estimateOf(&b)
	f32, isF32 := any(ps).([]gips.Plane[float32])
	par.BandsWork(len(ps), g.SizeY, g.SizeX*8, func(i, y0, y1 int) {
		lp := locals.get()
		if *lp == nil {
			*lp = make([]int64, len(counts)+1)
		}
		local := *lp
		for y := y0; y < y1; y++ {
			if isF32 {
				binRow32(f32[i].Row(y), local, &b, est)
			} else {
				binRow(ps[i].Row(y), local[:len(counts)], &b)
			}
		}
		locals.put(lp)
	})
	for _, lp := range locals.all {
		for k, c := range (*lp)[:len(counts)] {
			counts[k] += c
		}
	}
	return nil
}

// binner finds a value's bin among edges e (see histPlanes). The estimate
// works on values times scale: 1, or 1/2 when last - first overflows.
type binner struct {
	e                        []float64
	first, last, norm, scale float64
}

func newBinner(e []float64) binner {
	n := len(e) - 1
	b := binner{e: e, first: e[0], last: e[n], scale: 1}
	if math.IsInf(b.last-b.first, 0) {
		b.scale = 0.5
	}
	b.norm = float64(n) / (b.last*b.scale - b.first*b.scale)
	return b
}

// unitBins says whether the edges are consecutive integers (one bin per
// integer value, as the histogram of an 8-bit image over 0..256 has), so
// that an integer v in [first, last] is in bin v - first, min n-1. The
// edges must be fillEdges' in float64 (those of an integer image; a
// Real32 image's, rounded to float32, never ask): edge i is then
// i*step + first, the last one last, and they are first, first+1, ...
// exactly when first is an integer (of at most 2^52, so that each
// first+i is one) and last is first+n: then last-first is n exactly,
// step 1 and i*step + first = first+i. (TestUnitBins checks this against
// the edges themselves.)
func (b *binner) unitBins() bool {
	n := len(b.e) - 1
	return b.first == math.Trunc(b.first) && math.Abs(b.first) <= 1<<52 && b.last == b.first+float64(n)
}

// bin is v's bin, false for a v outside [first, last] or NaN.
func (b *binner) bin(v float64) (int, bool) {
	if !(v >= b.first && v <= b.last) {
		return 0, false
	}
	e := b.e
	n := len(e) - 1
	k := min(max(int((v*b.scale-b.first*b.scale)*b.norm), 0), n-1)
	for k > 0 && v < e[k] {
		k--
	}
	for k < n-1 && v >= e[k+1] {
		k++
	}
	return k, true
}

// binRow counts the pixels of row in local by their bin: bin's rule with
// the binner's fields held in registers over the row (called per pixel,
// bin is not inlined and reloads them: 2.8x OpenCV's calcHist on a
// float32 image).
func binRow[T gips.Pixel](row []T, local []int64, b *binner) {
	e := b.e
	n := len(e) - 1
	first, last, norm, scale := b.first, b.last, b.norm, b.scale
	sf := first * scale
	local = local[:n]
	for _, px := range row {
		v := float64(px)
		if !(v >= first && v <= last) {
			continue
		}
		k := min(max(int((v*scale-sf)*norm), 0), n-1)
		for k > 0 && v < e[k] {
			k--
		}
		for k < n-1 && v >= e[k+1] {
			k++
		}
		local[k]++
	}
}

// pool hands each concurrent caller a C of its own (new(C), or new's),
// and remembers them all.
type pool[C any] struct {
	mu        sync.Mutex
	free, all []*C
	new       func() *C
}

func (p *pool[C]) get() *C {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		c := p.free[n-1]
		p.free = p.free[:n-1]
		return c
	}
	var c *C
	if p.new != nil {
		c = p.new()
	} else {
		c = new(C)
	}
	p.all = append(p.all, c)
	return c
}

func (p *pool[C]) put(c *C) {
	p.mu.Lock()
	p.free = append(p.free, c)
	p.mu.Unlock()
}
