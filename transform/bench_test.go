//go:build unix

package transform

import (
	"encoding/binary"
	"math"
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
	defer cpuTime(b)()
	for range b.N {
		if err := ZoomInto(dst, img, WithOrder(order), WithMode(Nearest), WithGridMode(true)); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime reports the process's CPU time per op (every thread's, user and
// system) when the returned func runs: on a shared machine the wall time
// counts the other processes' turns, the CPU time does not.
func cpuTime(b *testing.B) func() { return imgtest.StartCPU(b).Report }

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

// The sizes of the side-by-side rows (bench/): 2D uint8 4096².
var bench4096 = gips.Geometry2d(gips.UInt8, 4096, 4096)

func BenchmarkZoomHalfLinear4096(b *testing.B) { benchZoom(b, bench4096, 0.5, 1) }
func BenchmarkZoomHalfCubic4096(b *testing.B)  { benchZoom(b, bench4096, 0.5, 3) }
func BenchmarkZoomDoubleCubic4096(b *testing.B) {
	benchZoom(b, gips.Geometry2d(gips.UInt8, 2048, 2048), 2, 3) // the output is 4096²
}

func benchReorder(b *testing.B, og gips.Geometry, f func(dst, src *gips.Image) error) {
	img := imgtest.BenchImages(b, bench4096, 1)[0]
	dst, _ := gips.CreateImage(og)
	b.SetBytes(2 * imgtest.PixelBytes(bench4096))
	b.ResetTimer()
	defer cpuTime(b)()
	for range b.N {
		if err := f(dst, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFlipX4096(b *testing.B) {
	benchReorder(b, bench4096, func(d, s *gips.Image) error { return FlipInto(d, s, X) })
}
func BenchmarkRot90XY4096(b *testing.B) {
	benchReorder(b, bench4096, func(d, s *gips.Image) error { return Rot90Into(d, s, 1, XY) })
}

func BenchmarkResizeHalf4096(b *testing.B) {
	img := imgtest.BenchImages(b, bench4096, 1)[0]
	dst, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, 2048, 2048))
	b.SetBytes(imgtest.PixelBytes(bench4096) + imgtest.PixelBytes(dst.Geometry()))
	b.ResetTimer()
	defer cpuTime(b)()
	for range b.N {
		if err := ResizeInto(dst, img); err != nil {
			b.Fatal(err)
		}
	}
}

// The 3D zoom2 row's kernel (uint16, factor 2, linear, grid mode) on an
// eighth of the row's volume: 256x256x64 in, 512x512x128 out.
func BenchmarkZoomDoubleLinear3DUint16(b *testing.B) {
	benchZoom(b, gips.Geometry3d(gips.UInt16, 256, 256, 64), 2, 1)
}

// The 3D zoom_half_cubic row's kernel (uint16 512x512x256, factor 0.5,
// cubic, nearest, grid mode) at full size: its cost is the prefilter of
// the padded 536x536x280 float64 coefficient volume.
func BenchmarkZoomHalfCubic3DUint16(b *testing.B) {
	benchZoom(b, gips.Geometry3d(gips.UInt16, 512, 512, 256), 0.5, 3)
}

// The 2D zoom2_f32 row's kernel: a float32 4096² image (values 0-255.75,
// as the bench's grey/4 + 0.1 is in range) doubled, 256 MiB out.
func BenchmarkZoomDoubleLinear4096F32(b *testing.B) {
	g := gips.Geometry2d(gips.Real32, 4096, 4096)
	img := imgtest.BenchOutput(b, g)
	a, err := img.Array()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i+4 <= len(a.Data); i += 4 {
		binary.NativeEndian.PutUint32(a.Data[i:], math.Float32bits(float32(i/4%1023)/4))
	}
	out, _ := ZoomGeometry(g, 2, 2, 2)
	dst, _ := gips.CreateImage(out)
	b.SetBytes(imgtest.PixelBytes(g) + imgtest.PixelBytes(out))
	b.ResetTimer()
	defer cpuTime(b)()
	for range b.N {
		if err := ZoomInto(dst, img, WithOrder(1), WithMode(Nearest), WithGridMode(true)); err != nil {
			b.Fatal(err)
		}
	}
}
