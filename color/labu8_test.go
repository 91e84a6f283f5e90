//go:build goexperiment.simd && amd64

package color

import (
	"math"
	"testing"

	"github.com/gipsdev/gips"
)

// TestLabU8ValuesMargin: labU8Values' float32 results (OpenCV's 8-bit Lab
// plus 1/2) on all 2^24 RGB triples against the float64 path's (labRowInt
// on the float64 gamma table, scaled as quantize scales): the largest
// distance must be at most half of labU8Margin, the E by which labU8SIMD
// widens each result before it trusts its integer part. With the float64
// value within 10^-12 of the exact one, every pixel labU8SIMD writes
// without the float64 redo then has the float64 path's byte.
func TestLabU8ValuesMargin(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 loop in this build (GOEXPERIMENT=simd on amd64 with AVX2)")
	}
	if haveAVX512 {
		t.Run("avx512", func(t *testing.T) { labU8ValuesMargin(t, labU8Values512) })
	}
	t.Run("avx2", func(t *testing.T) { labU8ValuesMargin(t, labU8Values) })
}

func labU8ValuesMargin(t *testing.T, values func(v, lin *[3][block]float32, m int)) {
	l := newLoader[uint8](&toLab)
	var lin, v [3][block]float32
	var f [3][block]float64
	var res [3][block]float64
	var sc, of [3]float64
	for c := range 3 {
		sc[c], of[c] = toLab.intScale(gips.UInt8, c)
	}
	worst, unsure := 0.0, 0
	for rg := range 1 << 16 {
		for i := range block {
			rgb := [3]int{rg >> 8, rg & 255, i}
			for c := range 3 {
				lin[c][i] = labLin32[rgb[c]]
				f[c][i] = l.lut[rgb[c]]
			}
		}
		values(&v, &lin, block)
		labRowInt(res[0][:], res[1][:], res[2][:], f[0][:], f[1][:], f[2][:])
		for c := range 3 {
			for i := range block {
				want := res[c][i]*sc[c] + of[c] + 0.5
				d := math.Abs(float64(v[c][i]) - want)
				if d > worst || d != d {
					worst = d
					if !(d <= labU8Margin/2) {
						t.Fatalf("rgb (%d, %d, %d) channel %d: float32 %v, float64 %v: %g apart, margin %g", rg>>8, rg&255, i, c, v[c][i], want, d, labU8Margin)
					}
				}
				x := float64(v[c][i])
				if int(x-labU8Margin) != int(x+labU8Margin) {
					unsure++
				}
			}
		}
	}
	t.Logf("largest distance %.3g (margin %g); %d unsure values of 3·2^24 (%.3g%%)", worst, labU8Margin, unsure, 100*float64(unsure)/(3<<24))
}
