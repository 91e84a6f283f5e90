package stats

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkFloatSum is issue 15's sum_f32 row: the sum of an n x n
// float32 image grey/4 + 0.1 (bench/rows_types.py), with the CPU time per
// op; the Int16 one, (grey - 128)·200, for comparison.
func BenchmarkFloatSum(b *testing.B) {
	for _, n := range []int{256, 1024, 4096} {
		grey, _ := imgtest.SmoothGrey(n).Array()
		f32 := make([]float32, n*n)
		i16 := make([]int16, n*n)
		for i, v := range grey.Data {
			f32[i] = float32(v)/4 + 0.1
			i16[i] = (int16(v) - 128) * 200
		}
		for _, c := range []struct {
			name string
			a    gips.Array
		}{{"f32", gips.ArrayOf(f32, n, n)}, {"i16", gips.ArrayOf(i16, n, n)}} {
			img, err := gips.FromArray(c.a)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(c.name+"/"+itoa(n), func(b *testing.B) {
				b.SetBytes(int64(len(c.a.Data)))
				t := imgtest.StartCPU(b)
				for b.Loop() {
					if _, err := Sum(img); err != nil {
						b.Fatal(err)
					}
				}
				t.Report()
			})
		}
	}
}
