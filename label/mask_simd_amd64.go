//go:build goexperiment.simd && amd64

package label

import "simd/archsimd"

// The AVX2 twin of rowMask (runs.go), built with GOEXPERIMENT=simd: the
// nonzero bytes of a Binary row as bits, 32 bytes per compare and movemask,
// or with AVX-512 64 bytes per compare into a mask register
// (TestRowMaskSIMDMatchesGo compares both with the word loop).

var haveAVX2 = archsimd.X86.AVX2()

// maskAVX512 says whether simdRowMask compares a block of 64 bytes at
// once into a mask register (tests turn it off to run the AVX2 pair).
var maskAVX512 = archsimd.X86.AVX512()

// simdRowMask sets m[k] to the nonzero bits of row[64k : 64k+64] for every
// whole block of 64 bytes and returns the number of blocks done (0
// without AVX2).
func simdRowMask(row []uint8, m []uint64) int {
	nb := min(len(row)/64, len(m))
	if !haveAVX2 || nb == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	if maskAVX512 {
		var zero archsimd.Uint8x64
		for k := range nb {
			m[k] = archsimd.LoadUint8x64Slice(row[64*k : 64*k+64]).NotEqual(zero).ToBits()
		}
		return nb
	}
	var zero archsimd.Uint8x32
	for k := range nb {
		lo := archsimd.LoadUint8x32Slice(row[64*k : 64*k+32]).Equal(zero).ToBits()
		hi := archsimd.LoadUint8x32Slice(row[64*k+32 : 64*k+64]).Equal(zero).ToBits()
		m[k] = ^(uint64(lo) | uint64(hi)<<32)
	}
	return nb
}
