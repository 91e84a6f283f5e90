package color

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func BenchmarkRgbToGrey2DUint8(b *testing.B) {
	g := gips.GeometryRgb2d(gips.UInt8, 2048, 2048)
	img := imgtest.BenchImages(b, g, 1)[0]
	dst, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 2048, 2048))
	b.SetBytes(imgtest.PixelBytes(g) + imgtest.PixelBytes(dst.Geometry()))
	b.ResetTimer()
	for range b.N {
		if err := RgbToGreyInto(dst, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRgbToLab2DUint8(b *testing.B) {
	g := gips.GeometryRgb2d(gips.UInt8, 1024, 1024)
	img := imgtest.BenchImages(b, g, 1)[0]
	b.SetBytes(imgtest.PixelBytes(g))
	b.ResetTimer()
	for range b.N {
		if _, err := RgbToLab(img, WithOutput(gips.Real32)); err != nil {
			b.Fatal(err)
		}
	}
}
