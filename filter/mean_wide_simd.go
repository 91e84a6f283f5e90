//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The vector twins of the 16-bit box mean's loops (mean_wide.go): the
// same uint32 arithmetic on 8 lanes (AVX2) or 16 (AVX-512), checked by
// TestWideSIMDMatchesGo. The quotient needs a 32×32 -> 64-bit product,
// which archsimd has on 8 lanes only (VPMULUDQ on the even lanes), so the
// store is AVX2's on either CPU.

func init() {
	switch {
	case archsimd.X86.AVX512():
		wideVec.widen = wideWiden512
		wideVec.rowSum = wideRowSum512
		wideVec.addSub = wideAddSub512
		wideVec.store = wideStoreAVX2
	case archsimd.X86.AVX2():
		wideVec.widen = wideWidenAVX2
		wideVec.rowSum = wideRowSumAVX2
		wideVec.addSub = wideAddSubAVX2
		wideVec.store = wideStoreAVX2
	}
}

func u32at(p unsafe.Pointer, i int) *[8]uint32 { return (*[8]uint32)(unsafe.Add(p, 4*i)) }

func wideWidenAVX2(dst []uint32, src []uint16, flip uint16) int {
	n := len(src) &^ 7
	if n == 0 || len(dst) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	f := archsimd.BroadcastUint16x8(flip)
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 8 {
		archsimd.LoadUint16x8((*[8]uint16)(unsafe.Add(sp, 2*x))).Xor(f).ExtendToUint32().Store(u32at(dp, x))
	}
	return n
}

// wideRowSumAVX2 sums sx shifted loads per 8 pixels, for boxes up to 16
// wide (the scalar running sum is cheaper beyond).
func wideRowSumAVX2(row, ext []uint32, sx int) int {
	n := len(row) &^ 7
	if n == 0 || sx > 16 || len(ext) < n+sx-1 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	rp, ep := unsafe.Pointer(&row[0]), unsafe.Pointer(&ext[0])
	for x := 0; x < n; x += 8 {
		s := archsimd.LoadUint32x8(u32at(ep, x))
		for k := 1; k < sx; k++ {
			s = s.Add(archsimd.LoadUint32x8(u32at(ep, x+k)))
		}
		s.Store(u32at(rp, x))
	}
	return n
}

func wideAddSubAVX2(acc, add, sub []uint32) int {
	n := len(acc) &^ 7
	if n == 0 || len(add) < n || (sub != nil && len(sub) < n) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ap, pp := unsafe.Pointer(&acc[0]), unsafe.Pointer(&add[0])
	if sub == nil {
		for x := 0; x < n; x += 8 {
			archsimd.LoadUint32x8(u32at(ap, x)).Add(archsimd.LoadUint32x8(u32at(pp, x))).Store(u32at(ap, x))
		}
		return n
	}
	sp := unsafe.Pointer(&sub[0])
	for x := 0; x < n; x += 8 {
		d := archsimd.LoadUint32x8(u32at(pp, x)).Sub(archsimd.LoadUint32x8(u32at(sp, x)))
		archsimd.LoadUint32x8(u32at(ap, x)).Add(d).Store(u32at(ap, x))
	}
	return n
}

// wideStoreAVX2 is wideDiv.quot on 8 sums: the even lanes' products and
// the odd lanes' (shifted down) give q and q << 16 in each 64-bit lane,
// which one permute packs into 8 uint16.
func wideStoreAVX2(out []uint16, acc []uint32, d wideDiv) int {
	n := len(out) &^ 7
	if n == 0 || len(acc) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	half, m, neg := archsimd.BroadcastUint32x8(d.half), archsimd.BroadcastUint32x8(d.m), archsimd.BroadcastUint32x8(d.neg)
	hiq := archsimd.BroadcastUint64x4(0xffff0000)
	flip := archsimd.BroadcastUint16x8(d.flip)
	pack := archsimd.LoadUint32x8(&[8]uint32{0, 2, 4, 6, 0, 2, 4, 6})
	// Shifts by vectors of counts: ShiftAllRight on unsigned lanes puts
	// its count in the loop through a legacy-SSE MOVQ, slow with the
	// upper halves dirty.
	k, k16, s32 := archsimd.BroadcastUint64x4(uint64(d.k)), archsimd.BroadcastUint64x4(uint64(d.k)-16), archsimd.BroadcastUint64x4(32)
	ap, op := unsafe.Pointer(&acc[0]), unsafe.Pointer(&out[0])
	for x := 0; x < n; x += 8 {
		a := archsimd.LoadUint32x8(u32at(ap, x))
		if d.neg != 0 { // minus 1 below neg: (min(a, neg) - neg) >> 31, arithmetic
			a = a.Add(a.Min(neg).Sub(neg).AsInt32x8().ShiftAllRight(31).AsUint32x8())
		}
		a = a.Add(half)
		even := a.MulEvenWiden(m).ShiftRight(k)
		odd := a.AsUint64x4().ShiftRight(s32).AsUint32x8().MulEvenWiden(m).ShiftRight(k16).And(hiq)
		q := even.Or(odd).AsUint32x8().Permute(pack).GetLo().AsUint16x8().Xor(flip)
		q.Store((*[8]uint16)(unsafe.Add(op, 2*x)))
	}
	return n
}

func u32at16(p unsafe.Pointer, i int) *[16]uint32 { return (*[16]uint32)(unsafe.Add(p, 4*i)) }

func wideWiden512(dst []uint32, src []uint16, flip uint16) int {
	n := len(src) &^ 15
	if n == 0 || len(dst) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	f := archsimd.BroadcastUint16x16(flip)
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 16 {
		archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*x))).Xor(f).ExtendToUint32().Store(u32at16(dp, x))
	}
	return n
}

func wideRowSum512(row, ext []uint32, sx int) int {
	n := len(row) &^ 15
	if n == 0 || sx > 16 || len(ext) < n+sx-1 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	rp, ep := unsafe.Pointer(&row[0]), unsafe.Pointer(&ext[0])
	for x := 0; x < n; x += 16 {
		s := archsimd.LoadUint32x16(u32at16(ep, x))
		for k := 1; k < sx; k++ {
			s = s.Add(archsimd.LoadUint32x16(u32at16(ep, x+k)))
		}
		s.Store(u32at16(rp, x))
	}
	return n
}

func wideAddSub512(acc, add, sub []uint32) int {
	n := len(acc) &^ 15
	if n == 0 || len(add) < n || (sub != nil && len(sub) < n) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ap, pp := unsafe.Pointer(&acc[0]), unsafe.Pointer(&add[0])
	if sub == nil {
		for x := 0; x < n; x += 16 {
			archsimd.LoadUint32x16(u32at16(ap, x)).Add(archsimd.LoadUint32x16(u32at16(pp, x))).Store(u32at16(ap, x))
		}
		return n
	}
	sp := unsafe.Pointer(&sub[0])
	for x := 0; x < n; x += 16 {
		d := archsimd.LoadUint32x16(u32at16(pp, x)).Sub(archsimd.LoadUint32x16(u32at16(sp, x)))
		archsimd.LoadUint32x16(u32at16(ap, x)).Add(d).Store(u32at16(ap, x))
	}
	return n
}
