//go:build goexperiment.simd && amd64

package label

import (
	"math/bits"
	"simd/archsimd"
)

// The vector form of BlockFirsts' row scan (blocks.go), built with
// GOEXPERIMENT=simd. A label image is mostly labels at or under the
// running maximum, so the scan compares 16 uint32 labels at once with it
// (8 with AVX2); in a block where some are above it, the lowest lane of
// the mask is the next step, and the block is compared again with the new
// maximum until none is above. The scalar loop alone cost a compare and a
// branch per pixel, 14 ms for 4096² labels on one thread (numpy's max: 3).

// firstsAVX512 says whether rowStepsU32 compares 16 labels in one
// register (tests turn it off to run the AVX2 loop).
var firstsAVX512 = archsimd.X86.AVX512()

// rowStepsU32 is rowSteps for uint32 labels.
func rowStepsU32(row []uint32, top uint32, base int64, out []step[uint32]) ([]step[uint32], uint32) {
	if !haveAVX2 || len(row) < 16 {
		return rowSteps(row, top, base, out)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar code runs next: no AVX-SSE transition stalls
	i := 0
	if firstsAVX512 {
		t := archsimd.BroadcastUint32x16(top)
		for ; i+16 <= len(row); i += 16 {
			x := archsimd.LoadUint32x16Slice(row[i : i+16])
			for m := x.Greater(t).ToBits(); m != 0; m = x.Greater(t).ToBits() {
				j := i + bits.TrailingZeros16(m) // lanes before it are at most top, and so under the new one
				top = row[j]
				out = appendStep(out, top, base+int64(j))
				t = archsimd.BroadcastUint32x16(top)
			}
		}
	} else {
		t := archsimd.BroadcastUint32x8(top)
		for ; i+8 <= len(row); i += 8 {
			x := archsimd.LoadUint32x8Slice(row[i : i+8])
			for m := x.Greater(t).ToBits(); m != 0; m = x.Greater(t).ToBits() {
				j := i + bits.TrailingZeros8(m)
				top = row[j]
				out = appendStep(out, top, base+int64(j))
				t = archsimd.BroadcastUint32x8(top)
			}
		}
	}
	return rowSteps(row[i:], top, base+int64(i), out)
}
