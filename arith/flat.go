package arith

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/ops"
)

// The flat kernels of the pointwise ops whose output has the inputs' type:
// the row kernels that AddInto and the others run, over whole contiguous
// buffers (internal/flat: the C boundary's path for small numpy arrays).
func init() {
	flat.Register("arith.add", all2(addRow[uint8], addRow[int8], addRow[uint16], addRow[int16],
		addRow[uint32], addRow[int32], addRow[float32], addRow[float64]))
	flat.Register("arith.subtract", all2(subtractRow[uint8], subtractRow[int8], subtractRow[uint16], subtractRow[int16],
		subtractRow[uint32], subtractRow[int32], subtractRow[float32], subtractRow[float64]))
	flat.Register("arith.absDiff", all2(absDiffRow[uint8], absDiffRow[int8], absDiffRow[uint16], absDiffRow[int16],
		absDiffRow[uint32], absDiffRow[int32], absDiffRow[float32], absDiffRow[float64]))
	flat.Register("arith.min", all2(minimumRow[uint8], minimumRow[int8], minimumRow[uint16], minimumRow[int16],
		minimumRow[uint32], minimumRow[int32], minimumRow[float32], minimumRow[float64]))
	flat.Register("arith.max", all2(maximumRow[uint8], maximumRow[int8], maximumRow[uint16], maximumRow[int16],
		maximumRow[uint32], maximumRow[int32], maximumRow[float32], maximumRow[float64]))
	flat.Register("arith.multiply", all2(multiplyRow[uint8], multiplyRow[int8], multiplyRow[uint16], multiplyRow[int16],
		multiplyRow[uint32], multiplyRow[int32], multiplyRow[float32], multiplyRow[float64]))
	flat.Register("arith.divide", all2(divideRow[uint8], divideRow[int8], divideRow[uint16], divideRow[int16],
		divideRow[uint32], divideRow[int32], divideRow[float32], divideRow[float64]))
	var lin flat.ByType[func(d, a, b []byte, ka, kb, c float64)]
	linearOf(&lin, linearRow[uint8])
	linearOf(&lin, linearRow[int8])
	linearOf(&lin, linearRow[uint16])
	linearOf(&lin, linearRow[int16])
	linearOf(&lin, linearRow[uint32])
	linearOf(&lin, linearRow[int32])
	linearOf(&lin, linearRow[float32])
	linearOf(&lin, linearRow[float64])
	flat.Register("arith.linearCombination", func(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, p ops.Values) bool {
		f := lin[out]
		if f == nil || n != 2 || in[0] != out || in[1] != out {
			return false
		}
		f(d, s[0], s[1], p.Float("alpha"), p.Float("beta"), p.Float("gamma"))
		return true
	})
	r := flat.Rows1{}
	flat.Row1(r, invertRow[uint8])
	flat.Row1(r, invertRow[int8])
	flat.Row1(r, invertRow[uint16])
	flat.Row1(r, invertRow[int16])
	flat.Row1(r, invertRow[uint32])
	flat.Row1(r, invertRow[int32])
	flat.Row1(r, invertRow[float32])
	flat.Row1(r, invertRow[float64])
	flat.Register("arith.invert", flat.Same1(r))
	// Streamed over 32 MiB (internal/stream). Not divide, whose 16-bit
	// loop ran slower into a cached block, nor linearCombination and the
	// scalar multiply and divide, which choose their method by the call's
	// length (3D uint16, 128 MiB: add, invert, min 11-17% faster streamed; divide 2.3x,
	// linearCombination 1.2x slower).
	flat.Stream("arith.add", "arith.subtract", "arith.absDiff", "arith.min", "arith.max", "arith.multiply",
		"arith.invert", "arith.addScalar", "arith.subtractScalar")
}

// all2 is the flat kernel of a two-input op from its row kernel makers, one
// per numeric type.
func all2(u8 func(gips.BufferType) func(d, a, b []uint8), i8 func(gips.BufferType) func(d, a, b []int8),
	u16 func(gips.BufferType) func(d, a, b []uint16), i16 func(gips.BufferType) func(d, a, b []int16),
	u32 func(gips.BufferType) func(d, a, b []uint32), i32 func(gips.BufferType) func(d, a, b []int32),
	f32 func(gips.BufferType) func(d, a, b []float32), f64 func(gips.BufferType) func(d, a, b []float64)) flat.Kernel {
	r := flat.Rows2{}
	flat.Row2(r, u8)
	flat.Row2(r, i8)
	flat.Row2(r, u16)
	flat.Row2(r, i16)
	flat.Row2(r, u32)
	flat.Row2(r, i32)
	flat.Row2(r, f32)
	flat.Row2(r, f64)
	return flat.Same2(r)
}

// linearOf adds linearCombination's row kernel of type T, made per call
// (it depends on the weights and the image's size).
func linearOf[T gips.Pixel](m *flat.ByType[func(d, a, b []byte, ka, kb, c float64)],
	mk func(t gips.BufferType, pixels int, ka, kb, c float64) func(d, a, b []T)) {
	t := gips.TypeOf[T]()
	m[t] = func(d, a, b []byte, ka, kb, c float64) {
		dt, at, bt := flat.As[T](d), flat.As[T](a), flat.As[T](b)
		row := mk(t, len(dt), ka, kb, c)
		if h := pw.Head(dt); h > 0 { // the output's whole cache lines, as scalarOf's
			row(dt[:h], at[:h], bt[:h])
			dt, at, bt = dt[h:], at[h:], bt[h:]
		}
		row(dt, at, bt)
	}
}
