//go:build goexperiment.simd && amd64

package threshold

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The AVX2 twin of range8 and the AVX2 and AVX-512 twins of range16
// (GOEXPERIMENT=simd).
// lo <= v <= hi (unsigned, after the bias) is (v - lo) mod 2^w <= hi - lo,
// which is "v - lo, then hi - lo subtracted with saturation, gives 0":
// three operations a vector, and the 0/1 result is min(that, 1) xor 1.
// The bias (0x80 for Int8, 0x8000 for Int16, which maps the signed order
// onto the unsigned one) is an addition mod 2^w, so it cancels in v - lo
// once the bound carries it: (v + b) - lo = v - (lo - b) = v - (lo ^ b).
// The brute-force tests (every 8-bit value with every bound pair) run it
// under GOEXPERIMENT=simd, with and without AVX-512.
//
// The loops index through pointers (no bounds check per vector) and do
// 128 bytes of pixels a step: a 32-byte step with its checks ran at half
// the speed of a copy on data in the first-level cache. The 8-bit loop is
// AVX2 only: its AVX-512 twin (64-byte steps) lost to it from Python when
// a system call came just before the call, as in the bench, which times
// each call between two (1024² light 29-44 -> 28 us CPU, 256² 6.2-8.6 ->
// 5.3-5.4), and did not win over 1 MiB without one either (24-29 -> 24-25);
// only on a 256² image in cache, with no system call between calls, was
// it faster (1.7 vs 2.0 us).

var haveAVX2 = archsimd.X86.AVX2()

// useAVX512 picks simdRange16's 64-byte loop; the tests clear it to run
// the AVX2 one on the same machine.
var useAVX512 = archsimd.X86.AVX512()

// simdRange8 writes d[i] = 1 where lo <= s[i]^bias <= hi (unsigned), 0
// elsewhere, over the first multiple of 32 bytes of d, and returns how
// many it did (0 without AVX2).
func simdRange8(d, s []byte, lo, hi, bias uint8) int {
	n := min(len(d), len(s)) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	d, s = d[:n], s[:n]
	if lo > hi {
		clear(d)
		return n
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	i := 0
	one := archsimd.BroadcastUint8x32(1)
	vlo, vr := archsimd.BroadcastUint8x32(lo^bias), archsimd.BroadcastUint8x32(hi-lo)
	step := func(i int) {
		x := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(sp, i)))
		x.Sub(vlo).SubSaturated(vr).Min(one).Xor(one).Store((*[32]uint8)(unsafe.Add(dp, i)))
	}
	for ; i+128 <= n; i += 128 {
		step(i)
		step(i + 32)
		step(i + 64)
		step(i + 96)
	}
	for ; i < n; i += 32 {
		step(i)
	}
	return n
}

// simdRange16 is simdRange8 for 16-bit pixels (bias 0x8000 for Int16).
// AVX-512 compares v - lo with hi - lo into mask registers, 64 pixels a
// step (see there). AVX2, 32 pixels a step, pairs the 0/1 results of the 16-bit lanes
// into 32-bit lanes (two result bytes in the low half) and packs them to
// 16 bits (VPACKUSDW, which packs within 128-bit halves: the halves are
// paired first so that the bytes come out in pixel order).
func simdRange16(d []byte, s []uint16, lo, hi, bias uint16) int {
	n := min(len(d), len(s)) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	d, s = d[:n], s[:n]
	if lo > hi {
		clear(d)
		return n
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	i := 0
	if useAVX512 {
		// 64 pixels a step: each 32's test an unsigned compare into a
		// mask register (VPCMPUW), the two masks' bits one byte mask
		// whose 0xFF bytes, ANDed with 1, are stored as one line. The
		// 0/1 words of the AVX2 test, narrowed by VPMOVWB (two uops on
		// the shuffle port) and stored as two halves, ran 5-13% slower
		// (Go, Int16 light at 256², a system call before each call, min
		// of 1000: 2.29-2.47 -> 1.98-2.29 us).
		vlo, vr := archsimd.BroadcastUint16x32(lo^bias), archsimd.BroadcastUint16x32(hi-lo)
		one8 := archsimd.BroadcastInt8x64(1)
		bits := func(i int) uint64 {
			return uint64(archsimd.LoadUint16x32((*[32]uint16)(unsafe.Add(sp, 2*i))).Sub(vlo).LessEqual(vr).ToBits())
		}
		for ; i+64 <= n; i += 64 {
			m := bits(i) | bits(i+32)<<32
			archsimd.Mask8x64FromBits(m).ToInt8x64().And(one8).Store((*[64]int8)(unsafe.Add(dp, i)))
		}
		if i < n { // the last 32
			archsimd.Mask8x32FromBits(uint32(bits(i))).ToInt8x32().And(one8.GetLo()).Store((*[32]int8)(unsafe.Add(dp, i)))
		}
		return n
	}
	one := archsimd.BroadcastUint16x16(1)
	one8 := archsimd.BroadcastUint8x32(1)
	low16 := archsimd.BroadcastUint32x8(0xFFFF)
	vlo, vr := archsimd.BroadcastUint16x16(lo^bias), archsimd.BroadcastUint16x16(hi-lo)
	// pairs gives, in each 32-bit lane, min(v - lo -sat (hi - lo), 1) of
	// its two pixels in the lane's low two bytes: 0 in range, 1 out. The
	// lanes are below 2^31, so an arithmetic shift is the logical one,
	// with no legacy-SSE MOVQ of its count in the loop (Go 1.26 has no
	// immediate form of the logical shift; the non-VEX MOVQ stalls here).
	pairs := func(x archsimd.Uint16x16) archsimd.Uint32x8 {
		w := x.Sub(vlo).SubSaturated(vr).Min(one).AsUint32x8()
		return w.Or(w.AsInt32x8().ShiftAllRight(8).AsUint32x8()).And(low16)
	}
	for ; i < n; i += 32 {
		p0 := pairs(archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*i))))
		p1 := pairs(archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*i+32))))
		a, b := p0.Select128FromPair(0, 2, p1), p0.Select128FromPair(1, 3, p1) // pixels 0-7, 16-23; 8-15, 24-31
		a.AsInt32x8().SaturateToUint16ConcatGrouped(b.AsInt32x8()).AsUint8x32().Xor(one8).Store((*[32]uint8)(unsafe.Add(dp, i)))
	}
	return n
}

// simdRange32 writes d[i] = lo <= s[i] <= hi for the 32- and 64-bit
// pixel types t (s their address, lo and hi the addresses of values of
// t: broadcast from general registers, where a float64 argument took a
// legacy-SSE CVTSD2SS or CVTTSD2SI at entry, which stalled while the
// upper halves were dirty: 8% of float32 light's kernel) over the first
// multiple of 16 pixels of d, with AVX-512 (compares into mask
// registers, the masked 1s narrowed to bytes by VPMOVDB or VPMOVQB;
// float32 64 pixels a step, its masks as bits: see there), and
// returns how many it did: 0 for other types or without AVX2 (the Go
// loop does them); range32AVX2 where the CPU has AVX2 only. Plain loops, no step closures: a closure's captured
// vectors were reloaded at each call (float32 light, 256x256, 14 us
// against 6 for these loops' float64 one), and one folded into an
// invalid VPTERNLOGQ memory operand (Go 1.26).
func simdRange32(t gips.BufferType, d []byte, s, lo, hi unsafe.Pointer) int {
	n := len(d) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	if !useAVX512 {
		return range32AVX2(t, d[:n], s, lo, hi)
	}
	dp := unsafe.Pointer(&d[0])
	out := func(i int) *[16]int8 { return (*[16]int8)(unsafe.Add(dp, i)) }
	one := archsimd.BroadcastInt32x16(1)
	switch t {
	case gips.Real32:
		vlo, vhi := archsimd.BroadcastUint32x16(*(*uint32)(lo)).AsFloat32x16(), archsimd.BroadcastUint32x16(*(*uint32)(hi)).AsFloat32x16()
		// 64 pixels a step: the two compares' masks of each 16 as bits,
		// ANDed in a general register (Mask.And went through vectors:
		// VPMOVM2D twice and VPTERNLOGD), the 64 bits one byte mask,
		// its 0xFF bytes ANDed with 1 and stored as one line.
		one8 := archsimd.BroadcastInt8x64(1)
		bits := func(i int) uint64 {
			x := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(s, 4*i)))
			return uint64(x.GreaterEqual(vlo).ToBits() & x.LessEqual(vhi).ToBits())
		}
		// light's test (hi +Inf) is the lower bound's alone: NaN fails it
		// as it fails the pair.
		above := func(i int) uint64 {
			return uint64(archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(s, 4*i))).GreaterEqual(vlo).ToBits())
		}
		i := 0
		if *(*uint32)(hi) == 0x7f800000 {
			for ; i+64 <= n; i += 64 {
				m := above(i) | above(i+16)<<16 | above(i+32)<<32 | above(i+48)<<48
				archsimd.Mask8x64FromBits(m).ToInt8x64().And(one8).Store((*[64]int8)(unsafe.Add(dp, i)))
			}
		}
		for ; i+64 <= n; i += 64 {
			m := bits(i) | bits(i+16)<<16 | bits(i+32)<<32 | bits(i+48)<<48
			archsimd.Mask8x64FromBits(m).ToInt8x64().And(one8).Store((*[64]int8)(unsafe.Add(dp, i)))
		}
		for ; i < n; i += 16 {
			x := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(s, 4*i)))
			one.Masked(x.GreaterEqual(vlo).And(x.LessEqual(vhi))).TruncateToInt8().Store(out(i))
		}
	case gips.Int32:
		vlo, vhi := archsimd.BroadcastInt32x16(*(*int32)(lo)), archsimd.BroadcastInt32x16(*(*int32)(hi))
		for i := 0; i < n; i += 16 {
			x := archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(s, 4*i)))
			one.Masked(x.GreaterEqual(vlo).And(x.LessEqual(vhi))).TruncateToInt8().Store(out(i))
		}
	case gips.UInt32:
		vlo, vhi := archsimd.BroadcastUint32x16(*(*uint32)(lo)), archsimd.BroadcastUint32x16(*(*uint32)(hi))
		for i := 0; i < n; i += 16 {
			x := archsimd.LoadUint32x16((*[16]uint32)(unsafe.Add(s, 4*i)))
			one.Masked(x.GreaterEqual(vlo).And(x.LessEqual(vhi))).TruncateToInt8().Store(out(i))
		}
	case gips.Real64:
		// Each half's masked 1s narrowed to 8 bytes (the upper 8 zero),
		// the two as one 16-byte store.
		one := archsimd.BroadcastInt64x8(1)
		vlo, vhi := archsimd.BroadcastUint64x8(*(*uint64)(lo)).AsFloat64x8(), archsimd.BroadcastUint64x8(*(*uint64)(hi)).AsFloat64x8()
		for i := 0; i < n; i += 16 {
			x := archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(s, 8*i)))
			y := archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(s, 8*i+64)))
			a := one.Masked(x.GreaterEqual(vlo).And(x.LessEqual(vhi))).TruncateToInt8().AsInt64x2()
			b := one.Masked(y.GreaterEqual(vlo).And(y.LessEqual(vhi))).TruncateToInt8().AsInt64x2()
			a.InterleaveLo(b).AsInt8x16().Store(out(i))
		}
	default:
		return 0
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// spread8 is the 8 bytes 0 or 1 of each 8-bit mask, bit j in byte j.
var spread8 = func() (t [256]uint64) {
	for b := range t {
		for j := range 8 {
			t[b] |= uint64(b>>j&1) << (8 * j)
		}
	}
	return t
}()

// range32AVX2 is simdRange32 with AVX2 (len(d) a multiple of 16): the
// compares of 8 pixels (two vectors of 4 for Real64) give 8 mask bits
// (VMOVMSKPS), spread to 8 bytes by a table and stored as one word.
func range32AVX2(t gips.BufferType, d []byte, s, lo, hi unsafe.Pointer) int {
	n := len(d)
	dp := unsafe.Pointer(&d[0])
	put := func(i int, bits uint8) { *(*uint64)(unsafe.Add(dp, i)) = spread8[bits] }
	switch t {
	case gips.Real32:
		vlo, vhi := archsimd.BroadcastUint32x8(*(*uint32)(lo)).AsFloat32x8(), archsimd.BroadcastUint32x8(*(*uint32)(hi)).AsFloat32x8()
		for i := 0; i < n; i += 8 {
			x := archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(s, 4*i)))
			put(i, x.GreaterEqual(vlo).And(x.LessEqual(vhi)).ToBits())
		}
	case gips.Int32:
		vlo, vhi := archsimd.BroadcastInt32x8(*(*int32)(lo)), archsimd.BroadcastInt32x8(*(*int32)(hi))
		for i := 0; i < n; i += 8 {
			x := archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(s, 4*i)))
			put(i, x.GreaterEqual(vlo).And(x.LessEqual(vhi)).ToBits())
		}
	case gips.UInt32:
		vlo, vhi := archsimd.BroadcastUint32x8(*(*uint32)(lo)), archsimd.BroadcastUint32x8(*(*uint32)(hi))
		for i := 0; i < n; i += 8 {
			x := archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(s, 4*i)))
			put(i, x.GreaterEqual(vlo).And(x.LessEqual(vhi)).ToBits())
		}
	case gips.Real64:
		vlo, vhi := archsimd.BroadcastUint64x4(*(*uint64)(lo)).AsFloat64x4(), archsimd.BroadcastUint64x4(*(*uint64)(hi)).AsFloat64x4()
		for i := 0; i < n; i += 8 {
			x := archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(s, 8*i)))
			y := archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(s, 8*i+32)))
			bx := x.GreaterEqual(vlo).And(x.LessEqual(vhi)).ToBits()
			by := y.GreaterEqual(vlo).And(y.LessEqual(vhi)).ToBits()
			put(i, bx|by<<4)
		}
	default:
		return 0
	}
	archsimd.ClearAVXUpperBits()
	return n
}
