package stats

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// Summary is the global measures of an image: every pixel of every plane
// (all channels and time points together; measure one channel through the
// zero-copy view img.ExtractVolume(c, t)).
type Summary struct {
	Count    int     // pixels
	Min, Max float64 // exact; NaN when a float image holds a NaN (as numpy)
	Sum      float64 // exact for integers while |Sum| < 2^53, else rounded once
	Mean     float64 // Sum / Count; for integers the exact sum divided once
	Std      float64 // population standard deviation (ddof 0, numpy's default)
}

// Measure computes min, max, sum, mean and standard deviation. Integer
// images take one pass: the sum and the sum of squares are exact (128-bit
// accumulation) and the variance (N·Σv² - (Σv)²)/N² is formed exactly and
// rounded once. Float images take two: a compensated float64 sum (blocks
// of plain sums combined by Neumaier's method), then the same for the
// squared deviations from the mean. Binary images are measured as 0/1
// (any non-zero byte is 1), label images as their stored integers.
func Measure(img *gips.Image) (Summary, error) { return measure(img, 0, needExtremes) }

// Extremes is the smallest and the largest pixel value in one pass (see
// Measure; NaN when a float image holds a NaN).
func Extremes(img *gips.Image) (lo, hi float64, err error) {
	s, err := scan(img, needExtremes)
	return s.min, s.max, err
}

// Min is the smallest pixel value (see Measure).
func Min(img *gips.Image) (float64, error) {
	s, err := scan(img, needExtremes)
	return s.min, err
}

// Max is the largest pixel value (see Measure).
func Max(img *gips.Image) (float64, error) {
	s, err := scan(img, needExtremes)
	return s.max, err
}

// Sum is the sum of the pixel values (see Measure).
func Sum(img *gips.Image) (float64, error) {
	s, err := scan(img, needSum)
	return s.sum(), err
}

// Mean is the mean pixel value (see Measure).
func Mean(img *gips.Image) (float64, error) {
	s, err := scan(img, needSum)
	return s.sum() / float64(s.n), err
}

// Std is the standard deviation with ddof delta degrees of freedom, as
// numpy.std(a, ddof=ddof): sqrt(Σ(v - mean)² / (N - ddof)); ddof 0 is the
// population deviation, 1 the sample one. As in numpy, N - ddof <= 0
// divides by 0: +Inf when the pixels differ, NaN when they are all equal.
func Std(img *gips.Image, ddof int) (float64, error) {
	s, err := measure(img, ddof, 0)
	return s.Std, err
}

// measure is Measure with ddof; what adds needExtremes for Measure (Std
// has no use for a float image's extremes, a pass of their own).
func measure(img *gips.Image, ddof int, what need) (Summary, error) {
	s, err := scan(img, what|needSum|needSquares)
	if err != nil {
		return Summary{}, err
	}
	sum := s.sum()
	out := Summary{Count: s.n, Min: s.min, Max: s.max, Sum: sum, Mean: sum / float64(s.n)}
	var ss float64
	if s.isFloat {
		if ss, err = squares(img, out.Mean); err != nil {
			return Summary{}, err
		}
	} else {
		ss = s.squares()
	}
	// numpy divides by max(N - ddof, 0), in float (no int overflow here).
	d := max(float64(s.n)-float64(ddof), 0)
	out.Std = math.Sqrt(ss / d)
	return out, nil
}

// partial is what one band contributes: count, extremes, and the sum as a
// 128-bit integer (integer images) or a compensated float64 (floats).
type partial struct {
	n        int
	min, max float64
	hi       int64  // integer sum, high word
	lo       uint64 // integer sum, low word
	qhi, qlo uint64 // integer sum of squares, 128 bits
	fsum     neumaier
	isFloat  bool
}

func (p partial) sum() float64 {
	if p.isFloat {
		return p.fsum.value()
	}
	switch {
	case p.hi == 0:
		return float64(p.lo)
	case p.hi == -1 && p.lo >= 1<<63:
		return float64(int64(p.lo))
	}
	return float64(p.hi)*(1<<64) + float64(p.lo) // beyond int64: rounded
}

// squares is Σ(v - mean)² of an integer image from its exact sums:
// (N·Σv² - (Σv)²) / N, computed exactly and rounded once.
func (p partial) squares() float64 {
	q := new(big.Int).Lsh(new(big.Int).SetUint64(p.qhi), 64)
	q.Or(q, new(big.Int).SetUint64(p.qlo))
	q.Mul(q, big.NewInt(int64(p.n)))
	sum := new(big.Int).Lsh(big.NewInt(p.hi), 64)
	sum.Add(sum, new(big.Int).SetUint64(p.lo))
	q.Sub(q, sum.Mul(sum, sum))
	r, _ := new(big.Rat).SetFrac(q, big.NewInt(int64(p.n))).Float64()
	return r
}

func (p *partial) addInt(r int64) {
	var c uint64
	p.lo, c = bits.Add64(p.lo, uint64(r), 0)
	p.hi += int64(c) + r>>63
}

func (p *partial) merge(q partial) {
	if q.n == 0 {
		return
	}
	if p.n == 0 {
		*p = q
		return
	}
	p.n += q.n
	p.min, p.max = fmin(p.min, q.min), fmax(p.max, q.max)
	var c uint64 // 128-bit two's complement addition
	p.lo, c = bits.Add64(p.lo, q.lo, 0)
	p.hi += q.hi + int64(c)
	p.qlo, c = bits.Add64(p.qlo, q.qlo, 0)
	p.qhi += q.qhi + c
	p.fsum.merge(q.fsum)
}

// fmin and fmax propagate NaN, as numpy's min and max do.
func fmin(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	return min(a, b)
}

func fmax(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	return max(a, b)
}

// need says what a scan must compute; what it was not asked for, its
// partial leaves unspecified. Integer scans but UInt8's compute the
// extremes always (min and max are one instruction a vector), UInt8 and
// float scans only when asked.
type need uint8

const (
	needExtremes need = 1 << iota
	needSum
	needSquares // integer images: the sum of squares too
)

// scan is the first pass: count, and what says among the extremes, the
// sum, and for integer images the sum of squares.
func scan(img *gips.Image, what need) (partial, error) {
	// The arguments come from a pool: handed to a kernel through
	// Dispatch's func value, a fresh total would be allocated each call
	// (a quarter of a small image's Mean, with the GC cycles it brings).
	a := scanPool.Get().(*scanArgs)
	*a = scanArgs{img: img, what: what}
	err := gips.Dispatch(img.Type(), gips.AllKernels(scanPlanes[uint8], scanPlanes[int8], scanPlanes[uint16], scanPlanes[int16],
		scanPlanes[uint32], scanPlanes[int32], scanPlanes[float32], scanPlanes[float64]), a)
	total := a.total
	*a = scanArgs{}
	scanPool.Put(a)
	if err != nil {
		return partial{}, fmt.Errorf("stats: %w", err)
	}
	return total, nil
}

var scanPool = sync.Pool{New: func() any { return new(scanArgs) }}

type scanArgs struct {
	img   *gips.Image
	total partial
	what  need
}

func scanPlanes[T gips.Pixel](a *scanArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	// The work in bytes read, for integer pixels (the SIMD scans run at
	// memory speed: counted as 8 bytes a pixel, the 1024x1024 uint8 mean
	// went to a second worker and its median was twice its minimum); a
	// float pixel's compensated sums cost as 8 bytes do.
	rowBytes := g.SizeX * g.Type.ItemSize()
	if g.Type.IsFloat() {
		rowBytes = g.SizeX * 8
	}
	if len(ps)*g.SizeY*rowBytes < par.InlineBytes {
		// One worker (par would run it on the caller): scanned here,
		// without the band closure and lock, which escape to the heap.
		for i := range ps {
			a.total.merge(scanBand(ps[i], 0, g.SizeY, g.Type, a.what))
		}
		return nil
	}
	var mu sync.Mutex
	par.BandsWork(len(ps), g.SizeY, rowBytes, func(i, y0, y1 int) {
		p := scanBand(ps[i], y0, y1, g.Type, a.what)
		mu.Lock()
		a.total.merge(p)
		mu.Unlock()
	})
	return nil
}

// scanBand scans rows y0 to y1 (excluded) of a plane of an image of type t.
func scanBand[T gips.Pixel](pl gips.Plane[T], y0, y1 int, t gips.BufferType, what need) partial {
	if t == gips.Binary {
		return scanBinary(pl, y0, y1)
	}
	p := partial{isFloat: t.IsFloat()}
	lo, hi := pl.Row(y0)[0], pl.Row(y0)[0]
	// Contiguous rows are scanned as runs of up to 2^20 pixels (so
	// that the 64-bit sums of squares of a run cannot overflow): no
	// per-row reduction of the SIMD accumulators.
	pw.Runs(pl, y0, y1, 1<<20, func(row []T) {
		lo, hi = scanRun(&p, row, lo, hi, what)
	})
	p.n = (y1 - y0) * pl.Width
	p.min, p.max = float64(lo), float64(hi)
	return p
}

// scanRun adds a run of pixels (a row, or contiguous rows) to p, and
// gives the extremes lo, hi extended by it. Its own function, so that
// the extremes are registers in the loops.
func scanRun[T gips.Pixel](p *partial, row []T, lo, hi T, what need) (T, T) {
	if p.isFloat {
		return scanFloats(p, row, lo, hi, what)
	}
	squares := what&needSquares != 0
	if h := pw.Head(row); h > 0 && haveAVX2 {
		// The vector loops from the row's first whole cache line on:
		// numpy's arrays start 16 bytes into one, and every 64-byte load
		// across two lines costs two (Int16 min at 256² from Python: see
		// the commit). Integer sums are exact in any grouping.
		var rs int64
		lo, hi, rs = scanInts(row[:h], lo, hi)
		p.addInt(rs)
		if squares {
			addSquares(p, row[:h])
		}
		row = row[h:]
	}
	if !squares && haveAVX2 {
		// The SIMD twins do the row's first multiple of their vectors;
		// the loops below do the rest.
		if s, l, h, n := fastScan(row, what); n > 0 {
			lo, hi = min(lo, l), max(hi, h)
			p.addInt(s)
			row = row[n:]
		}
	}
	if squares && haveAVX2 {
		if s, qh, ql, l, h, n := fastScanSq(row); n > 0 {
			lo, hi = min(lo, l), max(hi, h)
			p.addInt(s)
			var c uint64
			p.qlo, c = bits.Add64(p.qlo, ql, 0)
			p.qhi += qh + c
			row = row[n:]
		}
	}
	lo, hi, rs := scanInts(row, lo, hi)
	p.addInt(rs)
	if squares {
		addSquares(p, row)
	}
	return lo, hi
}

// scanBinary is scanPlanes' band for a Binary image: each pixel is 0 or 1,
// whatever non-zero byte it holds, so the sum and the sum of squares are
// both the count of non-zero pixels.
func scanBinary[T gips.Pixel](pl gips.Plane[T], y0, y1 int) partial {
	ones := 0
	for y := y0; y < y1; y++ {
		for _, v := range pl.Row(y) {
			if v != 0 {
				ones++
			}
		}
	}
	n := (y1 - y0) * pl.Width
	p := partial{n: n, min: 1, max: 0, lo: uint64(ones), qlo: uint64(ones)}
	if ones < n {
		p.min = 0
	}
	if ones > 0 {
		p.max = 1
	}
	return p
}
