package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/nbhd"
)

// BenchmarkBoxTypes is the box erosion of sizes 3 and 15 on 1024² and
// 256² images (in L2 and in L1/L2) of the types of issue 15's survey
// (uint8, uint16, int16, float32), the fast path alone (boxFilter, no
// image checks): run with -cpu 1 for the single-thread cost, which
// OpenCV's cv2.erode is measured against.
func BenchmarkBoxTypes(b *testing.B) {
	for _, n := range []int{1024, 256} {
		d := nbhd.Dims{NX: n, NY: n, NZ: 1}
		rng := rand.New(rand.NewPCG(1, 2))
		s := fmt.Sprintf("%d/", n)
		benchBoxType(b, s+"u8", d, func() uint8 { return uint8(rng.IntN(100)) })
		benchBoxType(b, s+"u16", d, func() uint16 { return uint16(rng.IntN(100)) })
		benchBoxType(b, s+"i16", d, func() int16 { return int16(rng.IntN(100)) })
		benchBoxType(b, s+"f32", d, func() float32 { return float32(rng.Float64() * 100) })
	}
}

func benchBoxType[T gips.Pixel](b *testing.B, name string, d nbhd.Dims, gen func() T) {
	src, dst := make([]T, d.Len()), make([]T, d.Len())
	for i := range src {
		src[i] = gen()
	}
	for _, k := range []int{3, 15} {
		for _, hi := range []bool{false, true} {
			op := "erode"
			if hi {
				op = "dilate"
			}
			s := Rect(k, k)
			b.Run(fmt.Sprintf("%s/%s%d", name, op, k), func(b *testing.B) {
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := boxFilter(bufView(dst, d), bufView(src, d), d, boxWindow(s, hi, d), hi, gips.Reflect, 0, nil); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}
