//go:build goexperiment.simd && amd64

package label

import (
	"math/bits"

	"simd/archsimd"
)

// simdPaintMask is paintMask's AVX-512 kernel (TestPaintMaskMatchesRuns
// compares it with the Go loop): for every whole word of the mask, four
// blocks of sixteen pixels, each the running sum of its starts' labels
// less its ends' labels, spread to their edges by expand. It returns the
// pixels done (0 without AVX-512) and the runs started in them.
func simdPaintMask(out []uint32, m []uint64, labels []uint32) (int, int) {
	nw := min(len(out)/64, len(m))
	if !prefixAVX512 || nw == 0 {
		return 0, 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	i1, i2 := archsimd.LoadUint32x16(&prefixIdx[0]), archsimd.LoadUint32x16(&prefixIdx[1])
	i4, i8 := archsimd.LoadUint32x16(&prefixIdx[2]), archsimd.LoadUint32x16(&prefixIdx[3])
	k1, k2 := archsimd.LoadUint32x16(&prefixKeep[0]), archsimd.LoadUint32x16(&prefixKeep[1])
	k4, k8 := archsimd.LoadUint32x16(&prefixKeep[2]), archsimd.LoadUint32x16(&prefixKeep[3])
	last := archsimd.LoadUint32x16(&prefixLast)
	var c archsimd.Uint32x16 // the sum so far, in every lane
	ns, ne := 0, 0           // the starts and ends passed
	prev := uint64(0)
	for k, w := range m[:nw] {
		sh := w<<1 | prev
		st, en := w&^sh, sh&^w
		prev = w >> 63
		for q := 0; q < 64; q += 16 {
			s16, e16 := uint16(st>>q), uint16(en>>q)
			vs := archsimd.LoadUint32x16Slice(labels[ns : ns+16]).Expand(archsimd.Mask32x16FromBits(s16))
			ve := archsimd.LoadUint32x16Slice(labels[ne : ne+16]).Expand(archsimd.Mask32x16FromBits(e16))
			ns += bits.OnesCount16(s16)
			ne += bits.OnesCount16(e16)
			v := vs.Sub(ve)
			v = v.Add(v.Permute(i1).And(k1))
			v = v.Add(v.Permute(i2).And(k2))
			v = v.Add(v.Permute(i4).And(k4))
			v = v.Add(v.Permute(i8).And(k8)).Add(c)
			v.StoreSlice(out[64*k+q : 64*k+q+16])
			c = v.Permute(last)
		}
	}
	return 64 * nw, ns
}
