//go:build goexperiment.simd && amd64

package label

import "simd/archsimd"

// The AVX2 and AVX-512 twins of prefixRow's loop (paint.go), built with
// GOEXPERIMENT=simd: running sums of 8 (16) lanes by 3 (4) shifted adds
// (lane permutes with the low lanes masked off), the sum carried from
// block to block in a broadcast register (TestPrefixSIMDMatchesGo
// compares both with the Go loop).

// prefixAVX512 says whether simdPrefix takes 16 lanes a step (tests turn
// it off to run the AVX2 kernel too).
var prefixAVX512 = archsimd.X86.AVX512()

var (
	prefixIdx  = [4][16]uint32{shiftIdx(1), shiftIdx(2), shiftIdx(4), shiftIdx(8)}
	prefixKeep = [4][16]uint32{keepFrom(1), keepFrom(2), keepFrom(4), keepFrom(8)}
	prefixLast = [16]uint32{15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15}
)

// shiftIdx moves lane i-s to lane i (lanes below s take lane 0, masked off
// by keepFrom(s)); the first 8 lanes serve the AVX2 kernel as they are.
func shiftIdx(s int) (idx [16]uint32) {
	for i := range idx {
		idx[i] = uint32(max(0, i-s))
	}
	return idx
}

// keepFrom is all ones in lanes s and up.
func keepFrom(s int) (k [16]uint32) {
	for i := s; i < 16; i++ {
		k[i] = ^uint32(0)
	}
	return k
}

// simdPrefix writes acc plus the running sum of d into out and clears d,
// for every whole block of eight pixels of out (of sixteen with AVX-512,
// then one of eight); it returns the number of pixels done (0 without
// AVX2) and the sum after them.
func simdPrefix(out, d []uint32, acc uint32) (int, uint32) {
	n := min(len(out), len(d))
	if !haveAVX2 || n < 8 {
		return 0, acc
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	x := 0
	if prefixAVX512 && n >= 16 {
		x, acc = prefix16(out, d, acc)
	}
	if n-x < 8 {
		return x, acc
	}
	i1, i2, i4 := archsimd.LoadUint32x8Slice(prefixIdx[0][:8]), archsimd.LoadUint32x8Slice(prefixIdx[1][:8]), archsimd.LoadUint32x8Slice(prefixIdx[2][:8])
	k1, k2, k4 := archsimd.LoadUint32x8Slice(prefixKeep[0][:8]), archsimd.LoadUint32x8Slice(prefixKeep[1][:8]), archsimd.LoadUint32x8Slice(prefixKeep[2][:8])
	last := archsimd.LoadUint32x8Slice(prefixLast[:8])
	c := archsimd.BroadcastUint32x8(acc)
	var zero archsimd.Uint32x8
	for ; x+8 <= n; x += 8 {
		s := d[x : x+8]
		v := archsimd.LoadUint32x8Slice(s)
		zero.StoreSlice(s)
		v = v.Add(v.Permute(i1).And(k1))
		v = v.Add(v.Permute(i2).And(k2))
		v = v.Add(v.Permute(i4).And(k4)).Add(c)
		v.StoreSlice(out[x : x+8])
		c = v.Permute(last)
	}
	return x, out[x-1]
}

// prefix16 is simdPrefix's AVX-512 loop, over the whole blocks of sixteen.
func prefix16(out, d []uint32, acc uint32) (int, uint32) {
	n := min(len(out), len(d)) &^ 15
	i1, i2 := archsimd.LoadUint32x16(&prefixIdx[0]), archsimd.LoadUint32x16(&prefixIdx[1])
	i4, i8 := archsimd.LoadUint32x16(&prefixIdx[2]), archsimd.LoadUint32x16(&prefixIdx[3])
	k1, k2 := archsimd.LoadUint32x16(&prefixKeep[0]), archsimd.LoadUint32x16(&prefixKeep[1])
	k4, k8 := archsimd.LoadUint32x16(&prefixKeep[2]), archsimd.LoadUint32x16(&prefixKeep[3])
	last := archsimd.LoadUint32x16(&prefixLast)
	c := archsimd.BroadcastUint32x16(acc)
	var zero archsimd.Uint32x16
	for x := 0; x < n; x += 16 {
		s := d[x : x+16]
		v := archsimd.LoadUint32x16Slice(s)
		zero.StoreSlice(s)
		v = v.Add(v.Permute(i1).And(k1))
		v = v.Add(v.Permute(i2).And(k2))
		v = v.Add(v.Permute(i4).And(k4))
		v = v.Add(v.Permute(i8).And(k8)).Add(c)
		v.StoreSlice(out[x : x+16])
		c = v.Permute(last)
	}
	return n, out[n-1]
}
