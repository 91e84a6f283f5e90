//go:build unix

package arith

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkScalarRows times the row kernels on rows of 1 Mi pixels:
// go test ./arith -run '^$' -bench ScalarRows -cpu 1
func BenchmarkScalarRows(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	bench := func(name string, f func()) {
		b.Run(name, func(b *testing.B) {
			c0 := imgtest.ProcessCPU()
			for b.Loop() {
				f()
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
	const n = 1 << 20
	i16, d16 := scalData[int16](rng, n), make([]int16, n)
	u8, d8 := scalData[uint8](rng, n), make([]uint8, n)
	i32, d32 := scalData[int32](rng, n), make([]int32, n)
	bench("int16/mul.5", func() { scalarRow[int16](sMul, 0.5, n)(d16, i16) })
	bench("int16/div3", func() { scalarRow[int16](sDiv, 3, n)(d16, i16) })
	bench("int16/lin.3", func() { linearRow[int16](gips.Int16, n, 0.3, 0.7, 1)(d16, i16, i16) })
	bench("int16/lin.5", func() { linearRow[int16](gips.Int16, n, 0.5, 0.5, 0)(d16, i16, i16) })
	bench("int32/mul.5", func() { scalarRow[int32](sMul, 0.5, n)(d32, i32) })
	bench("int32/add3", func() { scalarRow[int32](sAdd, 3, n)(d32, i32) })
	bench("int32/lin.5", func() { linearRow[int32](gips.Int32, n, 0.5, 0.5, 0)(d32, i32, i32) })
	bench("uint8/add.5", func() { scalarRow[uint8](sAdd, 0.5, n)(d8, u8) })
	bench("uint8/lin.3", func() { linearRow[uint8](gips.UInt8, n, 0.3, 0.7, 1)(d8, u8, u8) })
	bench("uint8/lin.6", func() { linearRow[uint8](gips.UInt8, n, 0.6, 0.4, 0)(d8, u8, u8) })
	bench("uint8/lin.6eng", func() { linearRow[uint8](gips.UInt8, 1000, 0.6, 0.4, 0)(d8, u8, u8) })
}
