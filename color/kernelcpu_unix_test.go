//go:build unix

package color

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkKernelCPU is the float32 kernels on rows of 4096 in-cache
// values in [0, 1] (AVX-512 and AVX2 tiers where the machine has them),
// reporting CPU ns per row (float64 kernels: the same values as float64): A/B comparisons of kernel code generation.
func BenchmarkKernelCPU(b *testing.B) {
	const n = 4096
	rng := rand.New(rand.NewPCG(3, 4))
	var in, out [3][]float32
	for i := range 3 {
		in[i], out[i] = make([]float32, n), make([]float32, n)
		for j := range in[i] {
			in[i][j] = rng.Float32()
		}
	}
	kernels := []struct {
		name string
		fn   func(o0, o1, o2, a, b, c []float32) int
	}{{"lab", labF32SIMD}, {"labToRgb", rgbFromLabF32SIMD}}
	var in64, out64 [3][]float64
	for i := range 3 {
		in64[i], out64[i] = make([]float64, n), make([]float64, n)
		for j := range in64[i] {
			in64[i][j] = float64(in[i][j])
		}
	}
	f64 := func(fn func(o0, o1, o2, a, b, c []float64) int) func(o0, o1, o2, a, b, c []float32) int {
		return func(_, _, _, _, _, _ []float32) int {
			return fn(out64[0], out64[1], out64[2], in64[0], in64[1], in64[2])
		}
	}
	kernels = append(kernels, struct {
		name string
		fn   func(o0, o1, o2, a, b, c []float32) int
	}{"lab64", f64(labSIMD)}, struct {
		name string
		fn   func(o0, o1, o2, a, b, c []float32) int
	}{"labToRgb64", f64(rgbFromLabSIMD)}, struct {
		name string
		fn   func(o0, o1, o2, a, b, c []float32) int
	}{"linear64", func(_, _, _, _, _, _ []float32) int { copy(out64[0], in64[0]); return linearSIMD(out64[0]) }})
	for _, k := range kernels {
		for _, tier := range []string{"avx512", "avx2"} {
			b.Run(k.name+"/"+tier, func(b *testing.B) {
				avx2Only = tier == "avx2"
				defer func() { avx2Only = false }()
				t0 := imgtest.ProcessCPU()
				for range b.N {
					k.fn(out[0], out[1], out[2], in[0], in[1], in[2])
				}
				b.ReportMetric(float64(imgtest.ProcessCPU()-t0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
