//go:build goexperiment.simd && amd64

package util

import (
	"math"
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The AVX-512 twins of the Clamp conversions (clamp.go), 16 pixels a
// vector. Integer sources are read as int32 lanes clamped to the output's
// range, float sources rounded there (NaN 0, clamp, then v + (1/2 - ulp)
// with v's sign truncated: clamp.go's rounding, in the source's own
// precision, exact for the 16-bit outputs' bounds); the int32 lanes then
// go to the output type, through a block on the stack, so that 6 readers
// and 4 writers make every pair, each a loop of its own. The commonest
// pairs and those whose values do not fit int32 lanes have loops of
// their own (simd_direct_amd64.go).
// TestClampSIMDMatchesGo compares every pair with gips.Saturate.

// convBlock is the pixels of one pass through the int32 block.
const convBlock = 512

// simdConv converts the first multiple of 16 pixels of s into d as
// clampRow does, and returns how many it did (0 without AVX-512 or for a
// pair it has no loop for).
func simdConv[D, S gips.Pixel](d []D, s []S) int {
	n := min(len(d), len(s)) &^ 15
	if !useAVX512 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(unsafe.SliceData(d)), unsafe.Pointer(unsafe.SliceData(s))
	if !convert512(dp, sp, n, gips.TypeOf[D](), gips.TypeOf[S]()) {
		return 0
	}
	return n
}

func simdNarrow[D, S gips.Pixel](d []D, s []S) int { return simdConv(d, s) }
func simdRound[D, S gips.Pixel](d []D, s []S) int  { return simdConv(d, s) }

// convert512 runs the n pixels (a multiple of 16) of the pair, or says
// it has no loop for it.
func convert512(dp, sp unsafe.Pointer, n int, dt, st gips.BufferType) bool {
	switch {
	case dt == st:
		return false // convertRow copies
	case st == gips.Real64 && dt == gips.Real32:
		for i := 0; i < n; i += 8 {
			archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(sp, 8*i))).ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
		}
	case st == gips.Real32 && dt == gips.Real64:
		for i := 0; i < n; i += 8 {
			archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(sp, 4*i))).ConvertToFloat64().Store((*[8]float64)(unsafe.Add(dp, 8*i)))
		}
	case st == gips.UInt32 && dt == gips.Real32:
		for i := 0; i < n; i += 16 {
			archsimd.LoadUint32x16((*[16]uint32)(unsafe.Add(sp, 4*i))).ConvertToFloat32().Store((*[16]float32)(unsafe.Add(dp, 4*i)))
		}
	case st == gips.UInt32 && dt == gips.Real64:
		for i := 0; i < n; i += 8 {
			archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(sp, 4*i))).ConvertToFloat64().Store((*[8]float64)(unsafe.Add(dp, 8*i)))
		}
	case st.IsFloat() && dt.IsFloat():
		return false
	case st.ItemSize() <= 2 && !st.IsFloat() && dt.ItemSize() <= 2 && !dt.IsFloat():
		small512(dp, sp, n, dt, st)
	case st == gips.Int32 && dt.IsFloat():
		int32Float(dp, sp, n, dt)
	case st.ItemSize() <= 2 && !st.IsFloat() && (dt == gips.Int32 || dt == gips.UInt32):
		widen32(dp, sp, n, dt, st)
	case st == gips.Real64 && dt.ItemSize() <= 2:
		f64Small(dp, sp, n, dt)
	case st == gips.Real32 && dt.ItemSize() == 4: // Int32 or UInt32
		f32Wide(dp, sp, n, dt)
	default:
		lo, hi := int32(math.MinInt32), int32(math.MaxInt32)
		if !dt.IsFloat() {
			l, h := dt.Range()
			lo, hi = int32(max(l, math.MinInt32)), int32(min(h, math.MaxInt32))
		}
		defer archsimd.ClearAVXUpperBits()
		var b [convBlock]int32
		bp := unsafe.Pointer(&b)
		for i := 0; i < n; i += convBlock {
			m := min(convBlock, n-i)
			if st.IsFloat() {
				roundTo32(bp, unsafe.Add(sp, i*st.ItemSize()), m, st, dt)
			} else {
				readTo32(bp, unsafe.Add(sp, i*st.ItemSize()), m, st, lo, hi)
			}
			writeFrom32(unsafe.Add(dp, i*dt.ItemSize()), bp, m, dt)
		}
		return true
	}
	archsimd.ClearAVXUpperBits()
	return true
}

// readTo32 stores m integer pixels at sp, of type st, clamped to [lo,
// hi], as int32 at bp. UInt32 values above MaxInt32 read as MaxInt32
// (its outputs here are integers of at most 31 bits).
func readTo32(bp, sp unsafe.Pointer, m int, st gips.BufferType, lo, hi int32) {
	vlo, vhi := archsimd.BroadcastInt32x16(lo), archsimd.BroadcastInt32x16(hi)
	out := func(i int) *[16]int32 { return (*[16]int32)(unsafe.Add(bp, 4*i)) }
	switch st {
	case gips.UInt8:
		for i := 0; i < m; i += 16 {
			archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, i))).ExtendToUint32().AsInt32x16().Max(vlo).Min(vhi).Store(out(i))
		}
	case gips.Int8:
		for i := 0; i < m; i += 16 {
			archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(sp, i))).ExtendToInt32().Max(vlo).Min(vhi).Store(out(i))
		}
	case gips.UInt16:
		for i := 0; i < m; i += 16 {
			archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*i))).ExtendToUint32().AsInt32x16().Max(vlo).Min(vhi).Store(out(i))
		}
	case gips.Int16:
		for i := 0; i < m; i += 16 {
			archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(sp, 2*i))).ExtendToInt32().Max(vlo).Min(vhi).Store(out(i))
		}
	case gips.Int32:
		for i := 0; i < m; i += 16 {
			archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(sp, 4*i))).Max(vlo).Min(vhi).Store(out(i))
		}
	case gips.UInt32:
		top := archsimd.BroadcastUint32x16(math.MaxInt32)
		for i := 0; i < m; i += 16 {
			archsimd.LoadUint32x16((*[16]uint32)(unsafe.Add(sp, 4*i))).Min(top).AsInt32x16().Max(vlo).Min(vhi).Store(out(i))
		}
	}
}

// roundTo32 stores m float pixels at sp, of type st, as int32 (uint32
// for UInt32) at bp: NaN 0, clamped to dt's range and rounded half away
// from zero (clamp.go). Real32 pixels for outputs of at most 16 bits are
// rounded in float32 (their bounds are exact there), the others in
// float64 (a Real32 pixel converts exactly).
func roundTo32(bp, sp unsafe.Pointer, m int, st, dt gips.BufferType) {
	l, h := dt.Range()
	if st == gips.Real32 && dt.ItemSize() <= 2 {
		vlo, vhi := archsimd.BroadcastFloat32x16(float32(l)), archsimd.BroadcastFloat32x16(float32(h))
		sign := archsimd.BroadcastInt32x16(math.MinInt32)
		half := archsimd.BroadcastInt32x16(int32(math.Float32bits(0.49999997))) // the largest float32 below 1/2
		for i := 0; i < m; i += 16 {
			x := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(sp, 4*i)))
			x = x.Masked(x.Equal(x)).Max(vlo).Min(vhi)
			r := x.AsInt32x16().And(sign).Or(half).AsFloat32x16()
			x.Add(r).ConvertToInt32().Store((*[16]int32)(unsafe.Add(bp, 4*i)))
		}
		return
	}
	vlo, vhi := archsimd.BroadcastFloat64x8(l), archsimd.BroadcastFloat64x8(h)
	half := archsimd.BroadcastInt64x8(int64(math.Float64bits(belowHalf)))
	// One loop a case, no branch inside: a branch on the types in the
	// loop cost half the speed.
	in64 := func(i int) archsimd.Float64x8 { return archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(sp, 8*i))) }
	in32 := func(i int) archsimd.Float64x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(sp, 4*i))).ConvertToFloat64()
	}
	i32 := func(i int) *[8]int32 { return (*[8]int32)(unsafe.Add(bp, 4*i)) }
	u32 := func(i int) *[8]uint32 { return (*[8]uint32)(unsafe.Add(bp, 4*i)) }
	switch {
	case st == gips.Real64 && dt == gips.UInt32:
		for i := 0; i < m; i += 8 {
			round64(in64(i), vlo, vhi, half).ConvertToUint32().Store(u32(i))
		}
	case st == gips.Real64:
		for i := 0; i < m; i += 8 {
			round64(in64(i), vlo, vhi, half).ConvertToInt32().Store(i32(i))
		}
	case dt == gips.UInt32:
		for i := 0; i < m; i += 8 {
			round64(in32(i), vlo, vhi, half).ConvertToUint32().Store(u32(i))
		}
	default:
		for i := 0; i < m; i += 8 {
			round64(in32(i), vlo, vhi, half).ConvertToInt32().Store(i32(i))
		}
	}
}

// round64 is x with NaN 0, clamped to [lo, hi] and moved (1/2 - ulp)
// away from zero (half: the bits of the largest float64 below 1/2), for a
// truncating conversion. (Vectors as arguments: read from a struct
// through a pointer, Go 1.26 folded them into an invalid VPTERNLOGQ
// memory operand.)
func round64(x, lo, hi archsimd.Float64x8, half archsimd.Int64x8) archsimd.Float64x8 {
	x = x.Masked(x.Equal(x)).Max(lo).Min(hi)
	return x.Add(x.AsInt64x8().And(archsimd.BroadcastInt64x8(math.MinInt64)).Or(half).AsFloat64x8())
}

// writeFrom32 stores the m int32 at bp, each within dt's range, as
// pixels of type dt at dp.
func writeFrom32(dp, bp unsafe.Pointer, m int, dt gips.BufferType) {
	in := func(i int) archsimd.Int32x16 { return archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(bp, 4*i))) }
	switch dt {
	case gips.UInt8, gips.Int8:
		for i := 0; i < m; i += 16 {
			in(i).TruncateToInt8().Store((*[16]int8)(unsafe.Add(dp, i)))
		}
	case gips.UInt16, gips.Int16:
		for i := 0; i < m; i += 16 {
			in(i).TruncateToInt16().Store((*[16]int16)(unsafe.Add(dp, 2*i)))
		}
	case gips.UInt32, gips.Int32:
		copy(unsafe.Slice((*byte)(dp), 4*m), unsafe.Slice((*byte)(bp), 4*m))
	case gips.Real32:
		for i := 0; i < m; i += 16 {
			in(i).ConvertToFloat32().Store((*[16]float32)(unsafe.Add(dp, 4*i)))
		}
	case gips.Real64:
		for i := 0; i < m; i += 8 {
			archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(bp, 4*i))).ConvertToFloat64().Store((*[8]float64)(unsafe.Add(dp, 8*i)))
		}
	}
}
