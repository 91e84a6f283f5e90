package transform

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// The 3D flip_x row's volume: uint16 512x512x256, 128 MiB.
var bench3DFlip = gips.Geometry3d(gips.UInt16, 512, 512, 256)

func benchFlip3D(b *testing.B, g gips.Geometry, fresh bool, f func(dst, src *gips.Image) error) {
	img := imgtest.BenchImages(b, g, 1)[0]
	dst, _ := gips.CreateImage(g)
	if !fresh { // the output's pages touched before the timer
		if err := f(dst, img); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(2 * imgtest.PixelBytes(g))
	b.ResetTimer()
	defer cpuTime(b)()
	for range b.N {
		if fresh {
			dst, _ = gips.CreateImage(g)
		}
		if err := f(dst, img); err != nil {
			b.Fatal(err)
		}
	}
}

func flipFn(a Axis) func(d, s *gips.Image) error {
	return func(d, s *gips.Image) error { return FlipInto(d, s, a) }
}

func BenchmarkFlip3DXInto(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchFlip3D(b, bench3DFlip, false, flipFn(X)) })
}
func BenchmarkFlip3DXFresh(b *testing.B) { benchFlip3D(b, bench3DFlip, true, flipFn(X)) }
func BenchmarkFlip3DYInto(b *testing.B)  { benchFlip3D(b, bench3DFlip, false, flipFn(Y)) }
func BenchmarkFlip3DZInto(b *testing.B)  { benchFlip3D(b, bench3DFlip, false, flipFn(Z)) }
func BenchmarkFlip3DCopyInto(b *testing.B) {
	benchFlip3D(b, bench3DFlip, false, func(d, s *gips.Image) error { return gips.CopyImg(s, d) })
}
func BenchmarkFlip3DCopyFresh(b *testing.B) {
	benchFlip3D(b, bench3DFlip, true, func(d, s *gips.Image) error { return gips.CopyImg(s, d) })
}

// copy() per plane: the bandwidth reference without the non-temporal
// stores that memmove uses from 1 MiB on.
func BenchmarkFlip3DCopyPlanes(b *testing.B) {
	benchFlip3D(b, bench3DFlip, false, func(d, s *gips.Image) error {
		sp, _ := gips.Planes[uint16](s)
		dp, _ := gips.WritablePlanes[uint16](d)
		for i := range sp {
			copy(dp[i].Pix[:512*512], sp[i].Pix[:512*512])
		}
		return nil
	})
}

// In cache: a 512x256 uint16 plane, 256 KiB in and out.
func BenchmarkFlip2DXInCache(b *testing.B) {
	benchTiers(b, func(b *testing.B) { benchFlip3D(b, gips.Geometry2d(gips.UInt16, 512, 256), false, flipFn(X)) })
}

// The rot90 rows: a quarter turn in (x, y) of the 3D volume (uint16,
// 128 MiB) and of the 2D image (uint8 4096², 16 MiB), and of a float32
// volume (512x512x64, 64 MiB), at every tier.
func rot90Fn(d, s *gips.Image) error { return Rot90Into(d, s, 1, XY) }

func BenchmarkRot90(b *testing.B) {
	for _, g := range []gips.Geometry{bench3DFlip, gips.Geometry2d(gips.UInt8, 4096, 4096), gips.Geometry3d(gips.Real32, 512, 512, 64)} {
		b.Run(g.Type.String(), func(b *testing.B) {
			benchTiers(b, func(b *testing.B) { benchFlip3D(b, g, false, rot90Fn) })
		})
	}
}
