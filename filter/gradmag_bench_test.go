package filter

import (
	"testing"

	"github.com/gipsdev/gips"
)

func BenchmarkGaussianGradientMagnitude3DUint16(b *testing.B) {
	benchEdge(b, gips.Geometry3d(gips.UInt16, 256, 256, 128), func(img *gips.Image) error {
		_, err := GaussianGradientMagnitude(img, 2)
		return err
	})
}

// The bench row's plane (512²) on fewer planes: the slab tiling depends on
// the row length.
func BenchmarkGaussianGradientMagnitude3DUint16Wide(b *testing.B) {
	benchEdge(b, gips.Geometry3d(gips.UInt16, 512, 512, 64), func(img *gips.Image) error {
		_, err := GaussianGradientMagnitude(img, 2)
		return err
	})
}
