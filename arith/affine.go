package arith

import (
	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// affineOne32 is the Go twin of the AVX2 kernel simdAffine8: a*k + c5 in
// float32 (no fused multiply-add), clamped to [0, 255] and truncated.
func affineOne32(a uint8, k, c5 float32) uint8 {
	v := float32(k*float32(a)) + c5
	return uint8(min(max(v, 0), 255))
}

// affine8 runs dst = f(src) for UInt8 images through the AVX2 float32
// kernel with weight k (f(v) ~ k*v, rounded), if that kernel gives f's
// value for every one of the 256 bytes; it reports whether it ran (false
// without AVX2 or when the kernel does not match f exactly: the caller
// then uses its table).
func affine8(dst, src *gips.Image, k float64, f func(float64) uint8) (bool, error) {
	if !haveAVX2 || src.Type() != gips.UInt8 {
		return false, nil
	}
	var all, want, got [256]uint8
	for i := range all {
		all[i], want[i] = uint8(i), f(float64(i))
	}
	k32, c5 := float32(k), float32(0.5)
	if simdAffine8(got[:], all[:], k32, c5) != len(got) || got != want {
		return false, nil
	}
	return true, pw.Rows1(dst, src, func(d, s []uint8) {
		s = s[:len(d)]
		n := simdAffine8(d, s, k32, c5)
		for i := n; i < len(d); i++ {
			d[i] = want[s[i]]
		}
	})
}
