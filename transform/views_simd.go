//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		reverseBytes = reverseBytesAVX2
	}
}

// reverseBytesAVX2 reverses 32 bytes at a time: the elements of each
// 128-bit half reversed in place (VPSHUFB), then the halves exchanged
// (VPERM2I128).
func reverseBytesAVX2(dst, src []byte, size int) int {
	if size != 1 && size != 2 && size != 4 && size != 8 {
		return 0
	}
	n := min(len(dst), len(src)) &^ 31
	var rev [32]int8
	for i := range rev {
		e, b := (i%16)/size, i%size
		rev[i] = int8((16/size-1-e)*size + b)
	}
	idx := archsimd.LoadInt8x32(&rev)
	end := len(src)
	for k := 0; k < n; k += 32 {
		v := archsimd.LoadUint8x32Slice(src[end-k-32:]).PermuteOrZeroGrouped(idx)
		v.Select128FromPair(1, 0, v).StoreSlice(dst[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}
