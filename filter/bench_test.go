package filter

import (
	"fmt"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// The benchmark images: 4096x4096 UInt8 and 256x512x512 UInt16 (x, y, z =
// 512, 512, 256), sigma 2 (radius 8) and a 5-pixel box.

func benchFilter(b *testing.B, s imgtest.BenchSize, out gips.BufferType, f func(dst, src *gips.Image) error) {
	img := imgtest.BenchImages(b, s.Geom, 1)[0]
	dst, err := gips.CreateImage(s.Geom.WithType(out))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(imgtest.PixelBytes(s.Geom))
	cpu := imgtest.StartCPU(b)
	for b.Loop() {
		if err := f(dst, img); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report()
}

func gauss(dst, src *gips.Image) error { return GaussianInto(dst, src, 2, 2, 2) }
func box(dst, src *gips.Image) error   { return MeanInto(dst, src, 5, 5, 5) }

func BenchmarkGaussian2DUint8(b *testing.B) { benchFilter(b, imgtest.Bench2D, gips.Real32, gauss) }
func BenchmarkGaussian2DUint8ToUint8(b *testing.B) {
	benchFilter(b, imgtest.Bench2D, gips.UInt8, gauss)
}
func BenchmarkGaussian3DUint16(b *testing.B) { benchFilter(b, imgtest.Bench3D, gips.Real32, gauss) }
func BenchmarkGaussian3DUint16ToUint16(b *testing.B) {
	benchFilter(b, imgtest.Bench3D, gips.UInt16, gauss)
}
func BenchmarkMean2DUint8(b *testing.B)    { benchFilter(b, imgtest.Bench2D, gips.UInt8, box) }
func BenchmarkMean3DUint16(b *testing.B)   { benchFilter(b, imgtest.Bench3D, gips.UInt16, box) }
func BenchmarkMean3DToReal32(b *testing.B) { benchFilter(b, imgtest.Bench3D, gips.Real32, box) }

// BenchmarkGaussian2DUint8ToUint8Precise is the float path of the same
// call (the fixed-point one is the default).
func BenchmarkGaussian2DUint8ToUint8Precise(b *testing.B) {
	benchFilter(b, imgtest.Bench2D, gips.UInt8, func(dst, src *gips.Image) error { return GaussianInto(dst, src, 2, 2, 2, WithPrecise()) })
}

// BenchmarkLaplace2DUint8 is the bench row's laplace: UInt8 into Real32.
func BenchmarkLaplace2DUint8(b *testing.B) {
	benchFilter(b, imgtest.Bench2D, gips.Real32, func(dst, src *gips.Image) error { return LaplaceInto(dst, src) })
}

// BenchmarkLocalVariance2DUint8 is the bench row's local_var: 3x3, UInt8
// into Real32.
func BenchmarkLocalVariance2DUint8(b *testing.B) {
	benchFilter(b, imgtest.Bench2D, gips.Real32, func(dst, src *gips.Image) error { return LocalVarianceInto(dst, src, [3]int{3, 3, 3}) })
}

// BenchmarkBilateral2DUint8 is the bench row's bilateral: sigma_spatial
// 2, sigma_range 25, radius 3, mirror, UInt8 into UInt8.
func BenchmarkBilateral2DUint8(b *testing.B) {
	benchFilter(b, imgtest.Bench2D, gips.UInt8, func(dst, src *gips.Image) error {
		return BilateralInto(dst, src, 2, 25, 3, WithMode(Mirror))
	})
}

// BenchmarkBilateralTiers is BenchmarkBilateral2DUint8 with each vector
// tier this CPU has (widest first).
func BenchmarkBilateralTiers(b *testing.B) {
	defer bl8Tiers[0].use()
	for i, t := range bl8Tiers {
		t.use()
		b.Run(fmt.Sprint(i), BenchmarkBilateral2DUint8)
	}
}

// BenchmarkGaussianFixedTiers is BenchmarkGaussian2DUint8ToUint8 (the
// fixed-point path) with each vector tier this CPU has (widest first).
func BenchmarkGaussianFixedTiers(b *testing.B) {
	if len(fxTiers) == 0 {
		b.Skip("no vector tier in this build")
	}
	defer fxTiers[0].use()
	for i, t := range fxTiers {
		t.use()
		b.Run(fmt.Sprint(i), BenchmarkGaussian2DUint8ToUint8)
	}
}
