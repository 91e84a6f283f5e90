package transform

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func benchZoom(b *testing.B, g gips.Geometry, f float64, order int) {
	img := imgtest.BenchImages(b, g, 1)[0]
	out, err := ZoomGeometry(g, f, f, f)
	if err != nil {
		b.Fatal(err)
	}
	dst, _ := gips.CreateImage(out)
	b.SetBytes(imgtest.PixelBytes(g) + imgtest.PixelBytes(out))
	b.ResetTimer()
	for range b.N {
		if err := ZoomInto(dst, img, WithOrder(order), WithMode(Nearest), WithGridMode(true)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkZoomHalfLinear2DUint8(b *testing.B) {
	benchZoom(b, gips.Geometry2d(gips.UInt8, 2048, 2048), 0.5, 1)
}
func BenchmarkZoomDoubleLinear2DUint8(b *testing.B) {
	benchZoom(b, gips.Geometry2d(gips.UInt8, 1024, 1024), 2, 1)
}
func BenchmarkZoomHalfCubic2DUint8(b *testing.B) {
	benchZoom(b, gips.Geometry2d(gips.UInt8, 2048, 2048), 0.5, 3)
}
func BenchmarkZoomHalfLinear3DUint16(b *testing.B) {
	benchZoom(b, gips.Geometry3d(gips.UInt16, 256, 256, 64), 0.5, 1)
}

func BenchmarkRotate30Linear2DUint8(b *testing.B) {
	g := gips.Geometry2d(gips.UInt8, 2048, 2048)
	img := imgtest.BenchImages(b, g, 1)[0]
	og, _ := RotateGeometry(g, 30, WithReshape(false))
	dst, _ := gips.CreateImage(og)
	b.SetBytes(2 * imgtest.PixelBytes(g))
	b.ResetTimer()
	for range b.N {
		if err := RotateInto(dst, img, 30, WithReshape(false), WithOrder(1)); err != nil {
			b.Fatal(err)
		}
	}
}
