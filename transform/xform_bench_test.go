//go:build unix

package transform

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// The survey's float32 and int16 rows at 1024² (zoom 2 and 1/2 linear,
// grid mode, mode nearest; rotate 30 linear, mode nearest), at every
// tier of kernels the machine has.

func BenchmarkZoomDoubleLinear1024Float32(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchZoom(b, gips.Geometry2d(gips.Real32, 1024, 1024), 2, 1) })
}
func BenchmarkZoomDoubleLinear1024Int16(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchZoom(b, gips.Geometry2d(gips.Int16, 1024, 1024), 2, 1) })
}
func BenchmarkZoomHalfLinear1024Float32(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchZoom(b, gips.Geometry2d(gips.Real32, 1024, 1024), 0.5, 1) })
}
func BenchmarkZoomHalfLinear1024Int16(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchZoom(b, gips.Geometry2d(gips.Int16, 1024, 1024), 0.5, 1) })
}
func BenchmarkRotate30Linear1024Float32(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchRotate(b, gips.Geometry2d(gips.Real32, 1024, 1024)) })
}
func BenchmarkRotate30Linear1024Int16(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchRotate(b, gips.Geometry2d(gips.Int16, 1024, 1024)) })
}

var _ = imgtest.PixelBytes

func BenchmarkRotate30Linear4096Float32(b *testing.B) {
	benchRotate(b, gips.Geometry2d(gips.Real32, 4096, 4096))
}

// The halving at 4096² (the survey's memory-bound size).
func BenchmarkZoomHalfLinear4096Float32(b *testing.B) {
	benchZoom(b, gips.Geometry2d(gips.Real32, 4096, 4096), 0.5, 1)
}
func BenchmarkZoomHalfLinear4096Int16(b *testing.B) {
	benchZoom(b, gips.Geometry2d(gips.Int16, 4096, 4096), 0.5, 1)
}
