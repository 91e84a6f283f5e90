//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of the SWAR kernels, built with GOEXPERIMENT=simd: 32
// bytes per instruction with the hardware's saturating add and subtract,
// min and max. The default build uses the SWAR kernels alone; tests run
// both (TestSIMDMatchesSWAR) under GOEXPERIMENT=simd.

var haveAVX2 = archsimd.X86.AVX2()

// useAVX512 picks the 64-byte loop of simdRows for 16-bit lanes; the
// tests clear it to run the AVX2 one on the same machine.
var useAVX512 = archsimd.X86.AVX512()

// simdRows does what swarRows does, 32 bytes at a time, and returns the
// bytes done (a multiple of 32; 0 without AVX2). The bulk goes through
// pointers, the op chosen outside the loop (the 32-byte step with its
// bounds checks and its switch ran well below copy speed on rows in
// cache): bytes 32 at a time (rows8), 16-bit lanes 64 bytes at a time
// with AVX-512 (rows16). Not bytes with AVX-512: from Python, with a
// system call just before each call as the bench makes, the 64-byte loop
// was slower on the bench machine (1024² add and min, CPU a call, min of
// 5, alternating processes: 47.5-50 us, the 32-byte loop 43.8-46.3), and
// no faster without one (38-41 us both; 256² equal within the noise).
func simdRows(l lanes, op swarOp, d, a, b []byte) int {
	if !haveAVX2 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	n := len(d) &^ 31
	k := 0
	switch {
	case n < 128:
	case l.shift == 7:
		k = rows8(op, d[:n], a[:n], b[:n])
	case useAVX512:
		k = rows16(op, d[:n], a[:n], b[:n])
	}
	d, a, b = d[k:n], a[k:n], b[k:n]
	n -= k
	if l.shift == 7 {
		for i := 0; i < n; i += 32 {
			x := archsimd.LoadUint8x32Slice(a[i : i+32])
			y := archsimd.LoadUint8x32Slice(b[i : i+32])
			var r archsimd.Uint8x32
			switch op {
			case swAdd:
				r = x.AddSaturated(y)
			case swSub:
				r = x.SubSaturated(y)
			case swMin:
				r = x.Min(y)
			case swMax:
				r = x.Max(y)
			case swAbsDiff:
				r = x.SubSaturated(y).Or(y.SubSaturated(x))
			}
			r.StoreSlice(d[i : i+32])
		}
		return k + n
	}
	d16, a16, b16 := words16(d[:n]), words16(a[:n]), words16(b[:n])
	for i := 0; i < len(d16); i += 16 {
		x := archsimd.LoadUint16x16Slice(a16[i : i+16])
		y := archsimd.LoadUint16x16Slice(b16[i : i+16])
		var r archsimd.Uint16x16
		switch op {
		case swAdd:
			r = x.AddSaturated(y)
		case swSub:
			r = x.SubSaturated(y)
		case swMin:
			r = x.Min(y)
		case swMax:
			r = x.Max(y)
		case swAbsDiff:
			r = x.SubSaturated(y).Or(y.SubSaturated(x))
		}
		r.StoreSlice(d16[i : i+16])
	}
	return k + n
}

// rows8 is simdRows' bulk for bytes: whole 128-byte blocks of d = op(a,
// b), a and b at least as long as d; it returns the bytes done.
func rows8(op swarOp, d, a, b []byte) int {
	n := len(d) &^ 127
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	r := rowsOf(d[:n], a[:n], b[:n], 32)
	type v = archsimd.Uint8x32
	switch op {
	case swAdd:
		return loop8x32(r, func(x, y v) v { return x.AddSaturated(y) })
	case swSub:
		return loop8x32(r, func(x, y v) v { return x.SubSaturated(y) })
	case swMin:
		return loop8x32(r, func(x, y v) v { return x.Min(y) })
	case swMax:
		return loop8x32(r, func(x, y v) v { return x.Max(y) })
	case swAbsDiff:
		return loop8x32(r, func(x, y v) v { return x.SubSaturated(y).Or(y.SubSaturated(x)) })
	}
	return 0
}

// rows16 is simdRows' AVX-512 bulk for 16-bit lanes, as rows8.
func rows16(op swarOp, d, a, b []byte) int {
	n := len(d) &^ 127
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	r := rowsOf(d[:n], a[:n], b[:n], 64)
	type v = archsimd.Uint16x32
	switch op {
	case swAdd:
		return loop16x32(r, func(x, y v) v { return x.AddSaturated(y) })
	case swSub:
		return loop16x32(r, func(x, y v) v { return x.SubSaturated(y) })
	case swMin:
		return loop16x32(r, func(x, y v) v { return x.Min(y) })
	case swMax:
		return loop16x32(r, func(x, y v) v { return x.Max(y) })
	case swAbsDiff:
		return loop16x32(r, func(x, y v) v { return x.SubSaturated(y).Or(y.SubSaturated(x)) })
	}
	return 0
}

// simdNot sets d = ^a over the first multiple of 32 bytes of d (a at
// least as long) and returns the bytes done (0 without AVX2): invert's
// bulk for full-range unsigned types, in 32-byte vectors for the reason
// simdRows gives: invertBulk's XOR with all ones (backwards when rowsOf
// says so).
func simdNot(d, a []byte) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 || len(a) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	var ones archsimd.Uint8x32
	ones = ones.Equal(ones).ToInt8x32().AsUint8x32()
	invertBulk(rowsOf(d[:n], a[:n], a[:n], 32), invXor, ones)
	return n
}

// loop8x32 and loop16x32 run f over the bulk r of bytes (32 and 64 a
// step; backwards when r.n < 0, see rowsOf) and return the bytes done.
// They are small enough to be inlined with their literal f, so that each
// op's loop is straight vector code.
func loop8x32(r bulk, f func(x, y archsimd.Uint8x32) archsimd.Uint8x32) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(r.a, i))), archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(r.b, i)))).Store((*[32]uint8)(unsafe.Add(r.d, i)))
	}
	return r.n ^ m - m
}

func loop16x32(r bulk, f func(x, y archsimd.Uint16x32) archsimd.Uint16x32) int {
	m := r.n >> 63
	for i, s := 0, 64^m-m; i != r.n; i += s {
		f(archsimd.LoadUint16x32((*[32]uint16)(unsafe.Add(r.a, i))), archsimd.LoadUint16x32((*[32]uint16)(unsafe.Add(r.b, i)))).Store((*[32]uint16)(unsafe.Add(r.d, i)))
	}
	return r.n ^ m - m
}

// simdConst does what swarConst does, 32 bytes at a time: d = a +sat c or
// a -sat c, c one lane's value (at most the lane's maximum). It returns the
// bytes done (a multiple of 32; 0 without AVX2).
func simdConst(l lanes, op swarOp, d, a []byte, c uint64) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a = a[:n]
	if l.shift == 7 {
		y := archsimd.BroadcastUint8x32(uint8(c))
		if op == swSub {
			for i := 0; i < n; i += 32 {
				archsimd.LoadUint8x32Slice(a[i : i+32]).SubSaturated(y).StoreSlice(d[i : i+32])
			}
			return n
		}
		for i := 0; i < n; i += 32 {
			archsimd.LoadUint8x32Slice(a[i : i+32]).AddSaturated(y).StoreSlice(d[i : i+32])
		}
		return n
	}
	d16, a16 := words16(d[:n]), words16(a)
	y := archsimd.BroadcastUint16x16(uint16(c))
	if op == swSub {
		for i := 0; i < len(d16); i += 16 {
			archsimd.LoadUint16x16Slice(a16[i : i+16]).SubSaturated(y).StoreSlice(d16[i : i+16])
		}
		return n
	}
	for i := 0; i < len(d16); i += 16 {
		archsimd.LoadUint16x16Slice(a16[i : i+16]).AddSaturated(y).StoreSlice(d16[i : i+16])
	}
	return n
}

// words16 views the bytes of a UInt16 row as its pixels again.
func words16(b []byte) []uint16 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/2)
}
