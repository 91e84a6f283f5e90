//go:build goexperiment.simd && amd64

package arith

import "simd/archsimd"

// The AVX-512 kernels of the one-instruction image-image ops (float add,
// subtract, multiply, divide; 8/16-bit saturating add, subtract, min,
// max), for rows in cache only. There a row's time is the loop's
// instruction count, not memory: on this Zen 4, whose AVX-512 units are
// 256 bits wide, 64-byte vectors still halve the loads, stores and loop
// steps (Go benchmark, Real32 add, 1 thread: 4096 pixels 1.42 -> 0.70
// us, 65536 pixels 25 -> 19-22 us; 1M pixels no faster). Larger rows keep
// the 32-byte loops, which binwide_amd64.go found as fast from memory.
// Same instruction per lane as the 32-byte kernels, so the same bits
// (TestBinVecMatchesGo runs them on its short rows).

// wideCacheBytes is the longest row, in bytes of its output, that takes
// the in-cache kernels: three such rows fit this CPU's 1 MiB L2.
const wideCacheBytes = 256 << 10

// vecWideInCache is the in-cache AVX-512 kernel of op for pixels of e's
// type, or nil.
func vecWideInCache(e any, op binOp) any {
	if !haveAVX512 {
		return nil
	}
	switch e.(type) {
	case float32:
		type v = archsimd.Float32x16
		switch op {
		case binAdd:
			return func(d, a, b []float32) int {
				return loopF32x16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Add(y) })
			}
		case binSub:
			return func(d, a, b []float32) int {
				return loopF32x16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Sub(y) })
			}
		case binMul:
			return func(d, a, b []float32) int {
				return loopF32x16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Mul(y) })
			}
		case binDiv:
			return func(d, a, b []float32) int {
				return loopF32x16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Div(y) })
			}
		}
	case float64:
		type v = archsimd.Float64x8
		switch op {
		case binAdd:
			return func(d, a, b []float64) int { return loopF64x8(rowsOf(d, a, b, 8), func(x, y v) v { return x.Add(y) }) }
		case binSub:
			return func(d, a, b []float64) int { return loopF64x8(rowsOf(d, a, b, 8), func(x, y v) v { return x.Sub(y) }) }
		case binMul:
			return func(d, a, b []float64) int { return loopF64x8(rowsOf(d, a, b, 8), func(x, y v) v { return x.Mul(y) }) }
		case binDiv:
			return func(d, a, b []float64) int { return loopF64x8(rowsOf(d, a, b, 8), func(x, y v) v { return x.Div(y) }) }
		}
	case int16:
		type v = archsimd.Int16x32
		switch op {
		case binAdd:
			return func(d, a, b []int16) int {
				return loopI16x32(rowsOf(d, a, b, 32), func(x, y v) v { return x.AddSaturated(y) })
			}
		case binSub:
			return func(d, a, b []int16) int {
				return loopI16x32(rowsOf(d, a, b, 32), func(x, y v) v { return x.SubSaturated(y) })
			}
		case binMin:
			return func(d, a, b []int16) int { return loopI16x32(rowsOf(d, a, b, 32), func(x, y v) v { return x.Min(y) }) }
		case binMax:
			return func(d, a, b []int16) int { return loopI16x32(rowsOf(d, a, b, 32), func(x, y v) v { return x.Max(y) }) }
		}
	case int8:
		type v = archsimd.Int8x64
		switch op {
		case binAdd:
			return func(d, a, b []int8) int {
				return loopI8x64(rowsOf(d, a, b, 64), func(x, y v) v { return x.AddSaturated(y) })
			}
		case binSub:
			return func(d, a, b []int8) int {
				return loopI8x64(rowsOf(d, a, b, 64), func(x, y v) v { return x.SubSaturated(y) })
			}
		case binMin:
			return func(d, a, b []int8) int { return loopI8x64(rowsOf(d, a, b, 64), func(x, y v) v { return x.Min(y) }) }
		case binMax:
			return func(d, a, b []int8) int { return loopI8x64(rowsOf(d, a, b, 64), func(x, y v) v { return x.Max(y) }) }
		}
	}
	return nil
}
