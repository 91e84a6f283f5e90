package filter

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/nbhd"
)

// BenchmarkMedianF32 times the 3x3 and 5x5 medians of 1024x1024 and
// 4096x4096 float32 images of quarter-integers plus 0.1 (bench.py's
// float32 rows: no NaN, no -0, so the vector rows run), CPU time (one
// worker with -cpu 1).
func BenchmarkMedianF32(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1024, 4096} {
		d := nbhd.Dims{NX: n, NY: n, NZ: 1}
		src, dst := make([]float32, n*n), make([]float32, n*n)
		for i := range src {
			src[i] = float32(rng.IntN(256))/4 + 0.1
		}
		in, out := planesOf(src, d), planesOf(dst, d)
		for _, k := range []int{3, 5} {
			b.Run(fmt.Sprintf("%dx%d/%d", k, k, n), func(b *testing.B) {
				b.SetBytes(int64(4 * n * n))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					var err error
					if k == 3 {
						err = median3x3(out, in, d, gips.Nearest, 0)
					} else {
						err = median5x5f(out, in, d, gips.Nearest, 0)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}
