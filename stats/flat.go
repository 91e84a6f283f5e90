package stats

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/ops"
)

// The flat reducers of min, max, sum and mean (internal/flat: the C
// boundary's path for one small contiguous numpy array): scanRun over
// the buffer in runs of up to 2^20 pixels, as scanBand runs it over a
// contiguous plane. Integer sums and all extremes are exact whatever the
// runs. A float sum's rounding depends on how the pixels are grouped, so
// float sums take the general path's grouping: plane by plane, partials
// merged in order, for the buffers that path runs on one worker (8 bytes
// a pixel under par.InlineBytes; larger ones it sums in bands). The sum
// and mean of UInt8 need no extremes: flatSum8 only adds.
func init() {
	for _, r := range []struct {
		op      string
		f       func(p partial) float64
		sumOnly bool // f reads only the count and the sum
	}{
		{"stats.min", func(p partial) float64 { return p.min }, false},
		{"stats.max", func(p partial) float64 { return p.max }, false},
		{"stats.sum", partial.sum, true},
		{"stats.mean", func(p partial) float64 { return p.sum() / float64(p.n) }, true},
	} {
		f, sumOnly := r.f, r.sumOnly
		flat.RegisterReducer(r.op, func(t gips.BufferType, s []byte, planes int, _ ops.Values) (float64, bool) {
			var p partial
			what := needExtremes
			if sumOnly {
				what = needSum
			}
			switch {
			case t == gips.UInt8 && sumOnly:
				p = flatSum8(s)
			case t == gips.UInt8:
				p = flatScan[uint8](s, what)
			case t == gips.Int8:
				p = flatScan[int8](s, what)
			case t == gips.UInt16:
				p = flatScan[uint16](s, what)
			case t == gips.Int16:
				p = flatScan[int16](s, what)
			case t == gips.UInt32:
				p = flatScan[uint32](s, what)
			case t == gips.Int32:
				p = flatScan[int32](s, what)
			case t == gips.Real32 && !sumOnly:
				p = flatScan[float32](s, what)
			case t == gips.Real64 && !sumOnly:
				p = flatScan[float64](s, what)
			case t.IsFloat() && len(s)/t.ItemSize()*8 < par.InlineBytes && planes > 0 && len(s)%planes == 0:
				if t == gips.Real32 {
					p = flatPlanes[float32](s, planes)
				} else {
					p = flatPlanes[float64](s, planes)
				}
			default:
				return 0, false
			}
			return f(p), true
		})
	}
}

// flatPlanes is the sum partial of a float buffer of planes equal planes,
// as scanPlanes computes it on one worker: each plane's, merged in order.
func flatPlanes[T gips.Pixel](b []byte, planes int) partial {
	var p partial
	n := len(b) / planes
	for i := range planes {
		p.merge(flatScan[T](b[i*n:(i+1)*n], needSum))
	}
	return p
}

// flatScan is scanBand's partial of a contiguous buffer of at least one
// pixel, with what it needs.
func flatScan[T gips.Pixel](b []byte, what need) partial {
	return scanAll(flat.As[T](b), what)
}

// scanAll is the partial of row, at least one pixel, scanned in runs of
// 2^20 pixels.
func scanAll[T gips.Pixel](row []T, what need) partial {
	t := gips.TypeOf[T]()
	p := partial{n: len(row), isFloat: t.IsFloat()}
	lo, hi := row[0], row[0]
	for len(row) > 0 {
		k := min(len(row), 1<<20)
		lo, hi = scanRun(&p, row[:k], lo, hi, what)
		row = row[k:]
	}
	p.min, p.max = float64(lo), float64(hi)
	return p
}

// flatSum8 is the partial of a contiguous UInt8 buffer with its count and
// sum only (exact: at most 255·2^40 under a flat call's size limit).
func flatSum8(b []byte) partial {
	sum, n := sumRow8(b)
	for _, v := range b[n:] {
		sum += uint64(v)
	}
	return partial{n: len(b), lo: sum}
}

// The flat histogrammer of stats.histogram (internal/flat): a buffer of
// 8-bit pixels that patternCounts8 would count on one worker is counted
// straight into its 256 pattern counts (countBytes8) and binned by
// binPatterns into the caller's memory, as histSmall bins them: no Image,
// Hist or edges allocated. An auto range is the extreme patterns present,
// the values scan finds.
func init() {
	flat.RegisterHistogrammer("stats.histogram", flat.Histogrammer{Bins: flatHistBins, Fill: flatHistFill})
}

func flatHistBins(t gips.BufferType, s []byte, p ops.Values) (int, bool) {
	if t.ItemSize() != 1 || !countInline(len(s)) {
		return 0, false
	}
	nbins := p.Int("nbins")
	if checkBins(nbins) != nil {
		return 0, false
	}
	if !p.IsNone("range") {
		if r := p.Numbers("range"); len(r) != 2 || !validRange(r[0], r[1]) {
			return 0, false
		}
	}
	return nbins, true
}

func validRange(lo, hi float64) bool {
	_, _, err := checkRange(lo, hi)
	return err == nil
}

func flatHistFill(t gips.BufferType, s []byte, p ops.Values, counts []int64, edges []float64) {
	var dense [256]int64
	countBytes8(s, &dense)
	if t == gips.Binary {
		foldBinary(dense[:])
	}
	var lo, hi float64
	if p.IsNone("range") {
		lo, hi = patternRange8(&dense, t)
		if lo == hi {
			lo, hi = lo-0.5, hi+0.5
		}
	} else {
		r := p.Numbers("range")
		lo, hi, _ = checkRange(r[0], r[1]) // valid: flatHistBins checked it
	}
	fillEdges(edges, lo, hi, false)
	clear(counts)
	binPatterns(dense[:], t, newBinner(edges), counts, false)
}

// patternRange8 is the least and greatest value of the 8-bit patterns that
// dense counts (at least one), for type t (Int8's patterns from 128 up
// are negative).
func patternRange8(dense *[256]int64, t gips.BufferType) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	tlo, _ := t.Range()
	for p, n := range dense {
		if n == 0 {
			continue
		}
		v := float64(p)
		if tlo < 0 && p >= 128 {
			v -= 256
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}
