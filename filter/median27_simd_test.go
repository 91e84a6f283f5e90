//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"testing"
)

// forEachSIMDWidth runs f with the 64-byte AVX-512 rows of the 3x3x3
// median (where the CPU has them) and with the 32-byte AVX2 rows.
func forEachSIMDWidth(t *testing.T, f func(t *testing.T)) {
	old := med27AVX512
	defer func() { med27AVX512 = old }()
	if archsimd.X86.AVX512() {
		med27AVX512 = true
		t.Run("AVX512", f)
	}
	med27AVX512 = false
	t.Run("AVX2", f)
}

// BenchmarkMedian27Width is BenchmarkMedian27 with the 64-byte AVX-512
// rows and with the 32-byte AVX2 rows.
func BenchmarkMedian27Width(b *testing.B) {
	old := med27AVX512
	defer func() { med27AVX512 = old }()
	for _, w := range []bool{true, false} {
		if w && !archsimd.X86.AVX512() {
			continue
		}
		med27AVX512 = w
		name := "AVX2"
		if w {
			name = "AVX512"
		}
		b.Run(name, BenchmarkMedian27)
	}
}
