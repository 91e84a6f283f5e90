package filter

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testimg"
)

// The benchmark images: 4096x4096 UInt8 and 256x512x512 UInt16 (x, y, z =
// 512, 512, 256), sigma 2 (radius 8) and a 5-pixel box.

func benchFilter(b *testing.B, t, out gips.BufferType, sz int, f func(dst, src *gips.Image) error) {
	sx, sy := 4096, 4096
	if sz > 1 {
		sx, sy = 512, 512
	}
	img := testimg.Big(b, t, sx, sy, sz)
	dst, _ := gips.CreateImage(img.Geometry().WithType(out))
	b.SetBytes(testimg.Bytes(img))
	for b.Loop() {
		if err := f(dst, img); err != nil {
			b.Fatal(err)
		}
	}
}

func gauss(dst, src *gips.Image) error { return GaussianInto(dst, src, 2, 2, 2) }
func box(dst, src *gips.Image) error   { return MeanInto(dst, src, 5, 5, 5) }

func BenchmarkGaussian2DUint8(b *testing.B)        { benchFilter(b, gips.UInt8, gips.Real32, 1, gauss) }
func BenchmarkGaussian2DUint8ToUint8(b *testing.B) { benchFilter(b, gips.UInt8, gips.UInt8, 1, gauss) }
func BenchmarkGaussian3DUint16(b *testing.B)       { benchFilter(b, gips.UInt16, gips.Real32, 256, gauss) }
func BenchmarkGaussian3DUint16ToUint16(b *testing.B) {
	benchFilter(b, gips.UInt16, gips.UInt16, 256, gauss)
}
func BenchmarkMean2DUint8(b *testing.B)    { benchFilter(b, gips.UInt8, gips.UInt8, 1, box) }
func BenchmarkMean3DUint16(b *testing.B)   { benchFilter(b, gips.UInt16, gips.UInt16, 256, box) }
func BenchmarkMean3DToReal32(b *testing.B) { benchFilter(b, gips.UInt16, gips.Real32, 256, box) }
