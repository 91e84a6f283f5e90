package threshold

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/ops"
	"github.com/gipsdev/gips/stats"
)

// The flat kernels of range, light and dark (internal/flat: the C
// boundary's path for small numpy arrays): rangeRow's test over whole
// buffers (a rangeTest on the stack, no allocation), into a Binary output
// or a uint8 array (a Binary input goes the general way).
func init() {
	var rows flat.ByType[func(d, s []byte, lo, hi float64)]
	add := func(t gips.BufferType, f func(d, s []byte, lo, hi float64)) { rows[t] = f }
	add(gips.UInt8, flatRange[uint8])
	add(gips.Int8, flatRange[int8])
	add(gips.UInt16, flatRange[uint16])
	add(gips.Int16, flatRange[int16])
	add(gips.UInt32, flatRange[uint32])
	add(gips.Int32, flatRange[int32])
	add(gips.Real32, flatRange[float32])
	add(gips.Real64, flatRange[float64])
	kernel := func(bounds func(p ops.Values) (lo, hi float64)) flat.Kernel {
		return func(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, p ops.Values) bool {
			if !flat.SameType(out, gips.Binary) || n != 1 || rows[in[0]] == nil {
				return false
			}
			lo, hi := bounds(p)
			if math.IsNaN(lo) || math.IsNaN(hi) {
				return false // the general path's error
			}
			rows[in[0]](d, s[0], lo, hi)
			return true
		}
	}
	flat.Register("threshold.range", kernel(func(p ops.Values) (float64, float64) { return p.Float("min"), p.Float("max") }))
	flat.Register("threshold.light", kernel(func(p ops.Values) (float64, float64) { return p.Float("value"), math.Inf(1) }))
	flat.Register("threshold.dark", kernel(func(p ops.Values) (float64, float64) { return math.Inf(-1), p.Float("value") }))
	flat.RegisterWhole("threshold.otsuApply", func(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, p ops.Values) bool {
		return flatOtsuApply(out, n, in, d, s, rows[in[0]])
	})
}

// flatOtsuApply is otsuApply of an 8-bit integer buffer that one worker
// counts (stats.DenseBytes): otsuSmall's value from its counts, then
// AboveInto's test by row, the range kernels' (a Binary input, as
// theirs, and anything else go the general way). nbins is for float
// images only.
func flatOtsuApply(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, row func(d, s []byte, lo, hi float64)) bool {
	if !flat.SameType(out, gips.Binary) || n != 1 || row == nil {
		return false
	}
	var counts [256]int64
	lo, ok := stats.DenseBytes(in[0], s[0], &counts)
	if !ok {
		return false
	}
	row(d, s[0], math.Nextafter(otsuDense(lo, counts[:]), math.Inf(1)), math.Inf(1))
	return true
}

// flatRange is rangeRow's test over whole buffers, made on the stack.
func flatRange[T gips.Pixel](d, s []byte, lo, hi float64) {
	r := newRangeTest[T](lo, hi)
	r.row(d, flat.As[T](s))
}
