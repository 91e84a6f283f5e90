//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	if archsimd.X86.AVX2() {
		vertical2U8, vertical2U16 = vertical2U8AVX2, vertical2U16AVX2
	}
}

// vertical2Lanes is acc[k:k+16] = u0·w0 + u1·w1 for 16 widened samples
// (exact: the products fit in int32, see newIntLin).
func vertical2Lanes(acc []int32, u0, u1 archsimd.Uint16x16, w0, w1 archsimd.Int32x8) {
	a0, b0 := u0.GetLo().ExtendToUint32().AsInt32x8(), u0.GetHi().ExtendToUint32().AsInt32x8()
	a1, b1 := u1.GetLo().ExtendToUint32().AsInt32x8(), u1.GetHi().ExtendToUint32().AsInt32x8()
	a0.Mul(w0).Add(a1.Mul(w1)).StoreSlice(acc)
	b0.Mul(w0).Add(b1.Mul(w1)).StoreSlice(acc[8:])
}

func vertical2U8AVX2(acc []int32, r0, r1 []uint8, w0, w1 int32) int {
	n := min(len(acc), len(r0), len(r1)) &^ 15
	v0, v1 := archsimd.BroadcastInt32x8(w0), archsimd.BroadcastInt32x8(w1)
	for k := 0; k < n; k += 16 {
		u0 := archsimd.LoadUint8x16Slice(r0[k:]).ExtendToUint16()
		u1 := archsimd.LoadUint8x16Slice(r1[k:]).ExtendToUint16()
		vertical2Lanes(acc[k:k+16], u0, u1, v0, v1)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func vertical2U16AVX2(acc []int32, r0, r1 []uint16, w0, w1 int32) int {
	n := min(len(acc), len(r0), len(r1)) &^ 15
	v0, v1 := archsimd.BroadcastInt32x8(w0), archsimd.BroadcastInt32x8(w1)
	for k := 0; k < n; k += 16 {
		vertical2Lanes(acc[k:k+16], archsimd.LoadUint16x16Slice(r0[k:]), archsimd.LoadUint16x16Slice(r1[k:]), v0, v1)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func init() {
	if archsimd.X86.AVX2() {
		halveU8 = halveU8AVX2
	}
}

// halveU8AVX2 is halveRowU8's loop 16 outputs at a time in 16-bit lanes
// (the sums stay below 2^16, see halveRowU8): the vertical sums of 32
// columns, their adjacent pairs (VPHADDW, which interleaves the 128-bit
// halves), weighted and shifted, then the low bytes gathered (VPSHUFB)
// and the halves put back in order (VPERMD).
func halveU8AVX2(o, r0, r1 []uint8, c int, wy0, wy1, w uint16, sh uint) int {
	if sh < 1 || sh > 16 {
		return 0 // shiftBy has no multiplier for it: the Go loop
	}
	// The block of outputs [x, x+16) reads r0[c+2x:c+2x+32] (and r1's):
	// every x with 2x+32 <= avail may start one.
	n := 0
	if avail := min(len(r0), len(r1)) - c; avail >= 32 {
		n = min(len(o), (avail-32)/2+16) &^ 15
	}
	r0, r1 = r0[c:], r1[c:]
	v0, v1 := archsimd.BroadcastUint16x16(wy0), archsimd.BroadcastUint16x16(wy1)
	vw, vh := archsimd.BroadcastUint16x16(w), archsimd.BroadcastUint16x16(uint16(1)<<sh>>1)
	vs := shiftBy(sh)
	var lowBytes [32]int8
	for i := range lowBytes {
		lowBytes[i] = -1 // zero
		if i%16 < 8 {
			lowBytes[i] = int8(2 * (i % 16))
		}
	}
	idx := archsimd.LoadInt8x32(&lowBytes)
	order := archsimd.LoadUint32x8(&[8]uint32{0, 4, 1, 5, 2, 6, 3, 7})
	for x := 0; x < n; x += 16 {
		k := 2 * x
		p := archsimd.LoadUint8x16Slice(r0[k:]).ExtendToUint16().Mul(v0).Add(archsimd.LoadUint8x16Slice(r1[k:]).ExtendToUint16().Mul(v1))
		q := archsimd.LoadUint8x16Slice(r0[k+16:]).ExtendToUint16().Mul(v0).Add(archsimd.LoadUint8x16Slice(r1[k+16:]).ExtendToUint16().Mul(v1))
		h := p.AddPairsGrouped(q).Mul(vw).Add(vh).MulHigh(vs)
		b := h.AsUint8x32().PermuteOrZeroGrouped(idx).AsInt32x8().Permute(order)
		b.AsUint8x32().GetLo().StoreSlice(o[x:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func init() {
	if archsimd.X86.AVX2() {
		vertical16U8, doubleU8 = vertical16U8AVX2, doubleU8AVX2
	}
}

func vertical16U8AVX2(v []uint16, r0, r1 []uint8, w0, w1 uint16) int {
	n := min(len(v), len(r0), len(r1)) &^ 15
	v0, v1 := archsimd.BroadcastUint16x16(w0), archsimd.BroadcastUint16x16(w1)
	for k := 0; k < n; k += 16 {
		p := archsimd.LoadUint8x16Slice(r0[k:]).ExtendToUint16().Mul(v0)
		p.Add(archsimd.LoadUint8x16Slice(r1[k:]).ExtendToUint16().Mul(v1)).StoreSlice(v[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// doubleU8AVX2 does 16 pairs at a time: even and odd outputs in 16-bit
// lanes, each at most 255, so even | odd<<8 is the 32 output bytes in
// order (little endian).
func doubleU8AVX2(o []uint8, v []uint16, a, b uint16, sh uint) int {
	if sh < 1 || sh > 16 {
		return 1 // shiftBy has no multiplier for it: the Go loop
	}
	va, vb := archsimd.BroadcastUint16x16(a), archsimd.BroadcastUint16x16(b)
	vh := archsimd.BroadcastUint16x16(uint16(1) << sh >> 1)
	vs := shiftBy(sh)
	m := 1
	for ; m+16 < len(o)/2 && m+17 <= len(v); m += 16 {
		p0 := archsimd.LoadUint16x16Slice(v[m-1:])
		p1 := archsimd.LoadUint16x16Slice(v[m:])
		p2 := archsimd.LoadUint16x16Slice(v[m+1:])
		even := p0.Mul(va).Add(p1.Mul(vb)).Add(vh).MulHigh(vs)
		odd := p1.Mul(vb).Add(p2.Mul(va)).Add(vh).MulHigh(vs)
		even.Or(odd.ShiftAllLeft(8)).AsUint8x32().StoreSlice(o[2*m:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return m
}

func init() {
	if archsimd.X86.AVX2() {
		halveEqU8Kernels = append(halveEqU8Kernels, halveEqU8AVX2)
	}
	if archsimd.X86.AVX512VBMI() {
		halveEqU8Kernels = append([]func([]uint8, []uint8, []uint8, int, uint16, uint) int{halveEqU8AVX512}, halveEqU8Kernels...)
	}
	if len(halveEqU8Kernels) > 0 {
		halveEqU8 = halveEqU8Kernels[0]
	}
}

// halveEqU8AVX2 is halveRowU8's loop when both rows weigh the same (m =
// wy·w for all four taps), 32 outputs at a time: the adjacent pairs of
// each row summed by VPMADDUBSW with ones, the two rows added, weighted
// and shifted in 16-bit lanes (below 2^16, see halveRowU8), then the low
// bytes of the two halves gathered (VPSHUFB) into one vector put in
// order (VPERMD).
func halveEqU8AVX2(o, r0, r1 []uint8, c int, m uint16, sh uint) int {
	if sh < 1 || sh > 16 {
		return 0 // shiftBy has no multiplier for it: the Go loop
	}
	// The block of outputs [x, x+32) reads r0[c+2x:c+2x+64] (and r1's):
	// every x up to last may start one; the tail is one more block that
	// ends at the row's end, overlapping the one before (it rewrites the
	// same values), when the input reaches that far.
	n, last := 0, -1
	if avail := min(len(r0), len(r1)) - c; avail >= 64 {
		last = (avail - 64) / 2
		n = min(len(o), last+32) &^ 31
	}
	r0, r1 = r0[c:], r1[c:]
	ones := archsimd.BroadcastInt8x32(1)
	vm, vh := archsimd.BroadcastUint16x16(m), archsimd.BroadcastUint16x16(uint16(1)<<sh>>1)
	vs := shiftBy(sh)
	var lo, hi [32]int8
	for i := range lo {
		lo[i], hi[i] = -1, -1 // zero
		if j := i % 16; j < 8 {
			lo[i] = int8(2 * j)
		} else {
			hi[i] = int8(2 * (j - 8))
		}
	}
	ilo, ihi := archsimd.LoadInt8x32(&lo), archsimd.LoadInt8x32(&hi)
	order := archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})
	sum := func(k int) archsimd.Uint16x16 {
		a := archsimd.LoadUint8x32Slice(r0[k:]).DotProductPairsSaturated(ones)
		b := archsimd.LoadUint8x32Slice(r1[k:]).DotProductPairsSaturated(ones)
		return a.Add(b).AsUint16x16().Mul(vm).Add(vh).MulHigh(vs)
	}
	block := func(x int) {
		k := 2 * x
		a := sum(k).AsUint8x32().PermuteOrZeroGrouped(ilo)
		b := sum(k + 32).AsUint8x32().PermuteOrZeroGrouped(ihi)
		a.Or(b).AsInt32x8().Permute(order).AsUint8x32().StoreSlice(o[x:])
	}
	for x := 0; x < n; x += 32 {
		block(x)
	}
	if x := len(o) - 32; n < len(o) && n > 0 && x <= last {
		block(x)
		n = len(o)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// halveLow picks the low byte of each 16-bit lane of two vectors, in
// order: byte 2i of their concatenation.
var halveLow = func() (low [64]uint8) {
	for i := range low {
		low[i] = uint8(2 * i)
	}
	return low
}()

// halveEqU8AVX512 is halveEqU8AVX2 with 64 outputs a step: 512-bit sums,
// and the low bytes of both sums' 16-bit lanes gathered in order by one
// two-table byte permutation (VPERMI2B, AVX-512 VBMI) instead of two
// in-lane shuffles, an or and a lane permutation: half the instructions
// per output, which count on a core that a second thread shares.
func halveEqU8AVX512(o, r0, r1 []uint8, c int, m uint16, sh uint) int {
	// As in halveEqU8AVX2, with blocks of 64 outputs reading 128 bytes,
	// up to lim.
	lim, last := 0, -1
	if avail := min(len(r0), len(r1)) - c; avail >= 128 {
		last = (avail - 128) / 2
		lim = min(len(o), last+64)
	}
	if lim < 64 {
		return 0
	}
	r0, r1 = r0[c:], r1[c:]
	// The blocks after the first read whole cache lines when both rows
	// start at the same even offset into one (a numpy array starts 16
	// bytes into a line, and every 64-byte load spanned two): the first
	// block, from 0, overlaps the second, from x0 (it writes the same
	// values).
	x0 := 0
	if a0, a1 := uintptr(unsafe.Pointer(&r0[0]))%64, uintptr(unsafe.Pointer(&r1[0]))%64; a0 == a1 && a0%2 == 0 {
		x0 = int(64-a0) % 64 / 2
	}
	ones := archsimd.BroadcastInt8x64(1)
	vm, vh := archsimd.BroadcastUint16x32(m), archsimd.BroadcastUint16x32(uint16(1)<<sh>>1)
	vs := archsimd.BroadcastUint16x32(uint16(min(sh, 16))) // a shift by a vector: see tier.go
	ix := archsimd.LoadUint8x64(&halveLow)
	sum := func(k int) archsimd.Uint8x64 {
		a := archsimd.LoadUint8x64Slice(r0[k:]).DotProductPairsSaturated(ones)
		b := archsimd.LoadUint8x64Slice(r1[k:]).DotProductPairsSaturated(ones)
		return a.Add(b).AsUint16x32().Mul(vm).Add(vh).ShiftRight(vs).AsUint8x64()
	}
	block := func(x int) {
		k := 2 * x
		sum(k).ConcatPermute(sum(k+64), ix).StoreSlice(o[x:])
	}
	n := 0
	if x0 > 0 && x0+64 <= lim {
		block(0)
		n = x0
	}
	for ; n+64 <= lim; n += 64 {
		block(n)
	}
	if x := len(o) - 64; n < len(o) && x <= last {
		block(x)
		n = len(o)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// shiftBy is the multiplier whose high half of a product with a 16-bit x
// is x >> sh, for 1 <= sh <= 16: AVX2 has no shift of 16-bit lanes by a
// vector, and ShiftAllRight(sh) loads its count with a legacy-SSE MOVQ in
// the loop (see tier.go), which cost halveEqU8AVX2 most of its time.
func shiftBy(sh uint) archsimd.Uint16x16 {
	return archsimd.BroadcastUint16x16(uint16(1 << (16 - sh)))
}
