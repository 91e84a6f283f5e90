//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"
)

// transposeStripAVX2 is transposeStrip with 256-bit vectors: a tile's
// input rows are loaded whole and interleaved in registers (16-, 32- and
// 64-bit unpacks within 128-bit lanes, then lanes exchanged), and each
// output row stored whole, where the Go tiles moved 64-bit words through
// shifts and masks (a 512x512x256 uint16 quarter turn: 156 ms at one
// thread, several times a copy).
func transposeStripAVX2(size int, dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int) {
	switch size {
	case 1:
		transpose8(dst, ds, src, ss, n)
	case 2:
		transpose16(dst, ds, src, ss, n)
	case 4:
		transpose32(dst, ds, src, ss, n)
	case 8:
		transpose64(dst, ds, src, ss, n)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
}

// byteZip is transpose8's shuffle: the bytes of two 8-byte rows, side by
// side in a vector, interleaved.
var byteZip = [16]int8{0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15}

// transpose8 writes n tiles of 8 output rows by 16 columns of bytes
// (input: 16 rows of 8): each pair of input rows interleaved into one
// vector of 16-bit pairs, whose 8x8 transpose (transpose16's) is the
// output rows.
func transpose8(dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int) {
	transposeWords(dst, ds, src, ss, n, true)
}

// transpose16 writes n tiles of 8x8 16-bit pixels, in 128-bit vectors:
// with 256-bit ones (two tiles a step) each output row was half a vector,
// and the compiler spilled the halves with a legacy-SSE MOVUPS.
func transpose16(dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int) {
	transposeWords(dst, ds, src, ss, n, false)
}

// transposeWords is transpose16, or transpose8 when pairs: its eight
// vectors are then pairs of byte rows interleaved (byteZip).
func transposeWords(dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int, pairs bool) {
	zip := archsimd.LoadInt8x16(&byteZip)
	step := 8 * ss
	if pairs {
		step *= 2
	}
	ld := func(i int) archsimd.Uint16x8 {
		if !pairs {
			return archsimd.LoadUint16x8((*[8]uint16)(unsafe.Add(src, i*ss)))
		}
		var z archsimd.Uint64x2
		r := z.SetElem(0, *(*uint64)(unsafe.Add(src, 2*i*ss))).SetElem(1, *(*uint64)(unsafe.Add(src, (2*i+1)*ss)))
		return r.AsUint8x16().PermuteOrZero(zip).AsUint16x8()
	}
	for range n {
		r0, r1, r2, r3, r4, r5, r6, r7 := ld(0), ld(1), ld(2), ld(3), ld(4), ld(5), ld(6), ld(7)
		// Pairs of rows, then quads, then all eight.
		t0, t1 := r0.InterleaveLo(r1).AsUint32x4(), r0.InterleaveHi(r1).AsUint32x4()
		t2, t3 := r2.InterleaveLo(r3).AsUint32x4(), r2.InterleaveHi(r3).AsUint32x4()
		t4, t5 := r4.InterleaveLo(r5).AsUint32x4(), r4.InterleaveHi(r5).AsUint32x4()
		t6, t7 := r6.InterleaveLo(r7).AsUint32x4(), r6.InterleaveHi(r7).AsUint32x4()
		u0, u1 := t0.InterleaveLo(t2).AsUint64x2(), t0.InterleaveHi(t2).AsUint64x2()
		u2, u3 := t1.InterleaveLo(t3).AsUint64x2(), t1.InterleaveHi(t3).AsUint64x2()
		u4, u5 := t4.InterleaveLo(t6).AsUint64x2(), t4.InterleaveHi(t6).AsUint64x2()
		u6, u7 := t5.InterleaveLo(t7).AsUint64x2(), t5.InterleaveHi(t7).AsUint64x2()
		st := func(j int, c archsimd.Uint64x2) { c.AsUint16x8().Store((*[8]uint16)(unsafe.Add(dst, j*ds))) }
		st(0, u0.InterleaveLo(u4))
		st(1, u0.InterleaveHi(u4))
		st(2, u1.InterleaveLo(u5))
		st(3, u1.InterleaveHi(u5))
		st(4, u2.InterleaveLo(u6))
		st(5, u2.InterleaveHi(u6))
		st(6, u3.InterleaveLo(u7))
		st(7, u3.InterleaveHi(u7))
		src, dst = unsafe.Add(src, step), unsafe.Add(dst, 16)
	}
}

// transpose32 writes n tiles of 8x8 32-bit pixels.
func transpose32(dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int) {
	ld := func(i int) archsimd.Uint32x8 {
		return archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(src, i*ss)))
	}
	for range n {
		r0, r1, r2, r3, r4, r5, r6, r7 := ld(0), ld(1), ld(2), ld(3), ld(4), ld(5), ld(6), ld(7)
		t0, t1 := r0.InterleaveLoGrouped(r1).AsUint64x4(), r0.InterleaveHiGrouped(r1).AsUint64x4()
		t2, t3 := r2.InterleaveLoGrouped(r3).AsUint64x4(), r2.InterleaveHiGrouped(r3).AsUint64x4()
		t4, t5 := r4.InterleaveLoGrouped(r5).AsUint64x4(), r4.InterleaveHiGrouped(r5).AsUint64x4()
		t6, t7 := r6.InterleaveLoGrouped(r7).AsUint64x4(), r6.InterleaveHiGrouped(r7).AsUint64x4()
		// u[k] holds columns k and k+4 of rows 0-3 (u0-u3) or 4-7.
		u0, u1 := t0.InterleaveLoGrouped(t2), t0.InterleaveHiGrouped(t2)
		u2, u3 := t1.InterleaveLoGrouped(t3), t1.InterleaveHiGrouped(t3)
		u4, u5 := t4.InterleaveLoGrouped(t6), t4.InterleaveHiGrouped(t6)
		u6, u7 := t5.InterleaveLoGrouped(t7), t5.InterleaveHiGrouped(t7)
		st := func(j int, c archsimd.Uint64x4) {
			c.AsUint32x8().Store((*[8]uint32)(unsafe.Add(dst, j*ds)))
		}
		st(0, u0.Select128FromPair(0, 2, u4))
		st(4, u0.Select128FromPair(1, 3, u4))
		st(1, u1.Select128FromPair(0, 2, u5))
		st(5, u1.Select128FromPair(1, 3, u5))
		st(2, u2.Select128FromPair(0, 2, u6))
		st(6, u2.Select128FromPair(1, 3, u6))
		st(3, u3.Select128FromPair(0, 2, u7))
		st(7, u3.Select128FromPair(1, 3, u7))
		src, dst = unsafe.Add(src, 8*ss), unsafe.Add(dst, 32)
	}
}

// transpose64 writes n tiles of 4x4 64-bit pixels.
func transpose64(dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int) {
	ld := func(i int) archsimd.Uint64x4 {
		return archsimd.LoadUint64x4((*[4]uint64)(unsafe.Add(src, i*ss)))
	}
	for range n {
		r0, r1, r2, r3 := ld(0), ld(1), ld(2), ld(3)
		t0, t1 := r0.InterleaveLoGrouped(r1), r0.InterleaveHiGrouped(r1)
		t2, t3 := r2.InterleaveLoGrouped(r3), r2.InterleaveHiGrouped(r3)
		st := func(j int, c archsimd.Uint64x4) { c.Store((*[4]uint64)(unsafe.Add(dst, j*ds))) }
		st(0, t0.Select128FromPair(0, 2, t2))
		st(2, t0.Select128FromPair(1, 3, t2))
		st(1, t1.Select128FromPair(0, 2, t3))
		st(3, t1.Select128FromPair(1, 3, t3))
		src, dst = unsafe.Add(src, 4*ss), unsafe.Add(dst, 32)
	}
}
