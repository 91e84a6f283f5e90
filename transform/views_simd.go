//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		reverseBytes = reverseBytesAVX2
	}
	for j, size := range [4]int{1, 2, 4, 8} {
		for i := range reverseIdx[j] {
			e, b := (i%16)/size, i%size
			reverseIdx[j][i] = int8((16/size-1-e)*size + b)
		}
	}
}

// reverseIdx holds, for elements of 1, 2, 4 and 8 bytes, the VPSHUFB
// indices that reverse the elements of each 128-bit half. They are made
// once: built per call, their 96 divisions cost more than reversing a
// 1 KiB row (a 512x512x256 uint16 flip along x took 62 ms of CPU, 3.6
// times a copy).
var reverseIdx [4][32]int8

// reverseBytesAVX2 reverses 32 bytes at a time: the elements of each
// 128-bit half reversed in place (VPSHUFB), then the halves exchanged
// (VPERM2I128).
func reverseBytesAVX2(dst, src []byte, size int) int {
	var j int
	switch size {
	case 1:
		j = 0
	case 2:
		j = 1
	case 4:
		j = 2
	case 8:
		j = 3
	default:
		return 0
	}
	n := min(len(dst), len(src)) &^ 31
	idx := archsimd.LoadInt8x32(&reverseIdx[j])
	end := len(src)
	for k := 0; k < n; k += 32 {
		v := archsimd.LoadUint8x32Slice(src[end-k-32:]).PermuteOrZeroGrouped(idx)
		v.Select128FromPair(1, 0, v).StoreSlice(dst[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}
