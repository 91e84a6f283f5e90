package filter

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func benchEdge(b *testing.B, g gips.Geometry, f func(img *gips.Image) error) {
	imgs := imgtest.BenchImages(b, g, 1)
	b.SetBytes(imgtest.PixelBytes(g))
	b.ResetTimer()
	for b.Loop() {
		if err := f(imgs[0]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSobelMagnitude2DUint8(b *testing.B) {
	benchEdge(b, gips.Geometry2d(gips.UInt8, 4096, 4096), func(img *gips.Image) error {
		_, err := Sobel(img, Magnitude, false)
		return err
	})
}

func BenchmarkGaussianGradientMagnitude2DUint8(b *testing.B) {
	benchEdge(b, gips.Geometry2d(gips.UInt8, 4096, 4096), func(img *gips.Image) error {
		_, err := GaussianGradientMagnitude(img, 2)
		return err
	})
}

func BenchmarkSobelMagnitude3DUint16(b *testing.B) {
	benchEdge(b, gips.Geometry3d(gips.UInt16, 256, 256, 128), func(img *gips.Image) error {
		_, err := Sobel(img, Magnitude, false)
		return err
	})
}
