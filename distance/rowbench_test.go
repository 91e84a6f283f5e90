package distance

import (
	"testing"

	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkRowGapsInt: the envelope along x of 256 rows of the 2D bench
// image's column distances (CPU time).
func BenchmarkRowGapsInt(b *testing.B) {
	img := benchImage("2D")
	sx, sy := img.SizeX(), img.SizeY()
	cols := make([][]int32, 256)
	for i := range cols {
		y := 1000 + i
		c := make([]int32, sx)
		for x := range sx {
			d := int32(0)
			for ; ; d++ {
				if (y-int(d) >= 0 && img.Row(0, y-int(d))[x] == 0) || (y+int(d) < sy && img.Row(0, y+int(d))[x] == 0) {
					break
				}
			}
			c[x] = d
		}
		cols[i] = c
	}
	d2, v, g := make([]int64, sx), make([]int32, sx), make([]int64, sx)
	b.SetBytes(int64(256 * sx))
	cpu := imgtest.StartCPU(b)
	for b.Loop() {
		for _, c := range cols {
			rowGapsInt(c, d2, v, g)
		}
	}
	cpu.Report()
}
