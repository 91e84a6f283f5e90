//go:build goexperiment.simd && amd64

package label

import (
	"math/bits"

	"simd/archsimd"
)

// paintMaskAVX512 says whether simdPaintMask runs: it counts with
// VPOPCNTD, which not every AVX-512 CPU has (tests turn it off to run the
// Go loop too).
var paintMaskAVX512 = prefixAVX512 && archsimd.X86.AVX512VPOPCNTDQ()

// paintIncl has the bits of lanes 0 to i set in lane i.
var paintIncl = func() (v [16]uint32) {
	for i := range v {
		v[i] = 2<<i - 1
	}
	return v
}()

// simdPaintMask is paintMask's AVX-512 kernel (TestPaintMaskMatchesRuns
// compares it with the Go loop): for every whole word of the mask, four
// blocks of sixteen pixels. A pixel of a block belongs to the run before
// the block's first start plus one per start at or before it in the
// block (a count, VPOPCNTD of the starts' bits masked per lane), so the
// block is that count's lane of the sixteen labels from the run in
// progress on (a permute), zero where the mask is clear: no running sum
// carried from block to block. It returns the pixels done (0 without the
// kernel) and the runs started in them. starts: paintMask's st.
func simdPaintMask(out []uint32, m, starts []uint64, labels []uint32) (int, int) {
	nw := min(len(out)/64, len(m))
	if !paintMaskAVX512 || nw == 0 {
		return 0, 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	incl := archsimd.LoadUint32x16(&paintIncl)
	ns := 0 // the runs started so far: labels[ns] is the one in progress
	prev := uint64(0)
	for k, w := range m[:nw] {
		st := w &^ (w<<1 | prev)
		prev = w >> 63
		if starts != nil {
			st = starts[k]
		}
		for q := 0; q < 64; q += 16 {
			s16 := uint16(st >> q)
			idx := archsimd.BroadcastUint32x16(uint32(s16)).And(incl).OnesCount()
			v := archsimd.LoadUint32x16Slice(labels[ns : ns+16]).Permute(idx)
			v.Masked(archsimd.Mask32x16FromBits(uint16(w >> q))).StoreSlice(out[64*k+q : 64*k+q+16])
			ns += bits.OnesCount16(s16)
		}
	}
	return 64 * nw, ns
}
