//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/morpho"
)

// forEachSIMDWidth runs f with the 64-byte AVX-512 rows of the 3x3x3 and 5x5
// medians (where the CPU has them) and with the 32-byte AVX2 rows.
func forEachSIMDWidth(t *testing.T, f func(t *testing.T)) {
	old := medianAVX512
	defer func() { medianAVX512 = old }()
	if archsimd.X86.AVX512() {
		medianAVX512 = true
		t.Run("AVX512", f)
	}
	medianAVX512 = false
	t.Run("AVX2", f)
}

// BenchmarkMedian27Width is BenchmarkMedian27 with the 64-byte AVX-512
// rows and with the 32-byte AVX2 rows.
func BenchmarkMedian27Width(b *testing.B) {
	old := medianAVX512
	defer func() { medianAVX512 = old }()
	for _, w := range []bool{true, false} {
		if w && !archsimd.X86.AVX512() {
			continue
		}
		medianAVX512 = w
		name := "AVX2"
		if w {
			name = "AVX512"
		}
		b.Run(name, BenchmarkMedian27)
	}
}

// BenchmarkMedian5Width times the 5x5 median of a 4096x4096 8-bit image
// with the 64-byte AVX-512 rows and with the 32-byte AVX2 rows.
func BenchmarkMedian5Width(b *testing.B) {
	old := medianAVX512
	defer func() { medianAVX512 = old }()
	g := gips.Geometry2d(gips.UInt8, 4096, 4096)
	in := imgtest.BenchImages(b, g, 1)[0]
	out := imgtest.BenchOutput(b, g)
	for _, w := range []bool{true, false} {
		if w && !archsimd.X86.AVX512() {
			continue
		}
		medianAVX512 = w
		name := "AVX2"
		if w {
			name = "AVX512"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(g))
			cpu := imgtest.StartCPU(b)
			for b.Loop() {
				if err := MedianInto(out, in, morpho.Rect(5, 5)); err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report()
		})
	}
}
