//go:build goexperiment.simd && amd64

package label

import "simd/archsimd"

// The AVX2 twin of prefixRow's loop (paint.go), built with
// GOEXPERIMENT=simd: running sums of eight lanes by three shifted adds
// (lane permutes with the low lanes masked off), the sum carried from
// block to block in a broadcast register (TestPrefixSIMDMatchesGo
// compares it with the Go loop).

var (
	prefixIdx  = [3][8]uint32{{0, 0, 1, 2, 3, 4, 5, 6}, {0, 0, 0, 1, 2, 3, 4, 5}, {0, 0, 0, 0, 0, 1, 2, 3}}
	prefixKeep = [3][8]uint32{
		{0, ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0)},
		{0, 0, ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0)},
		{0, 0, 0, 0, ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0)}}
	prefixLast = [8]uint32{7, 7, 7, 7, 7, 7, 7, 7}
)

// simdPrefix writes acc plus the running sum of d into out and clears d,
// for every whole block of eight pixels of out; it returns the number of
// pixels done (0 without AVX2) and the sum after them.
func simdPrefix(out, d []uint32, acc uint32) (int, uint32) {
	nb := min(len(out), len(d)) / 8
	if !haveAVX2 || nb == 0 {
		return 0, acc
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	i1, i2, i4 := archsimd.LoadUint32x8(&prefixIdx[0]), archsimd.LoadUint32x8(&prefixIdx[1]), archsimd.LoadUint32x8(&prefixIdx[2])
	k1, k2, k4 := archsimd.LoadUint32x8(&prefixKeep[0]), archsimd.LoadUint32x8(&prefixKeep[1]), archsimd.LoadUint32x8(&prefixKeep[2])
	last := archsimd.LoadUint32x8(&prefixLast)
	c := archsimd.BroadcastUint32x8(acc)
	var zero archsimd.Uint32x8
	for k := range nb {
		s := d[8*k : 8*k+8]
		v := archsimd.LoadUint32x8Slice(s)
		zero.StoreSlice(s)
		v = v.Add(v.Permute(i1).And(k1))
		v = v.Add(v.Permute(i2).And(k2))
		v = v.Add(v.Permute(i4).And(k4)).Add(c)
		v.StoreSlice(out[8*k : 8*k+8])
		c = v.Permute(last)
	}
	return 8 * nb, out[8*nb-1]
}
