//go:build unix

package transform

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// reportCPU runs the timed loop of f and reports its CPU time per op
// (cpuTime, bench_test.go).
func reportCPU(b *testing.B, f func()) {
	b.ResetTimer()
	defer cpuTime(b)()
	for range b.N {
		f()
	}
}

// The benchmark harness's rotate30 and map_coordinates rows at their 2D
// size (4096², uint8, linear, mode nearest) and rotate30's 3D one.

func BenchmarkRotate30Linear4096Uint8(b *testing.B) {
	benchRotate(b, gips.Geometry2d(gips.UInt8, 4096, 4096))
}

func BenchmarkRotate30Linear3DUint16(b *testing.B) {
	benchRotate(b, gips.Geometry3d(gips.UInt16, 512, 512, 64))
}

func benchRotate(b *testing.B, g gips.Geometry) {
	img := imgtest.BenchImages(b, g, 1)[0]
	og, _ := RotateGeometry(g, 30, WithReshape(false))
	dst, _ := gips.CreateImage(og)
	b.SetBytes(2 * imgtest.PixelBytes(g))
	reportCPU(b, func() {
		if err := RotateInto(dst, img, 30, WithReshape(false), WithOrder(1), WithMode(Nearest)); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkMapCoordinatesLinear4096Uint8(b *testing.B) { benchMapCoordinates(b, 0) }

// The coordinate rows 16 bytes off a 32-byte boundary, as in a numpy array
// that malloc placed 16 bytes into a page (the harness's).
func BenchmarkMapCoordinatesLinear4096Uint8Off16(b *testing.B) { benchMapCoordinates(b, 4) }

// benchMapCoordinates runs map_coordinates' row with its coordinate images
// off float32 values from the start of their allocation.
func benchMapCoordinates(b *testing.B, off int) {
	g := gips.Geometry2d(gips.UInt8, 4096, 4096)
	img := imgtest.BenchImages(b, g, 1)[0]
	// The points of a rotation by 20 degrees and a zoom by 1/1.1 about the
	// centre, float32 as in the harness.
	cx, cy := make([]float32, 4096*4096+off)[off:], make([]float32, 4096*4096+off)[off:]
	const c, s, m = 0.8542888, 0.3109331, 2047.5
	for y := range 4096 {
		for x := range 4096 {
			dy, dx := float64(y)-m, float64(x)-m
			cy[y*4096+x] = float32(c*dy + s*dx + m)
			cx[y*4096+x] = float32(-s*dy + c*dx + m)
		}
	}
	ix, _ := gips.FromArray(gips.ArrayOf(cx, 4096, 4096))
	iy, _ := gips.FromArray(gips.ArrayOf(cy, 4096, 4096))
	dst, _ := gips.CreateImage(g)
	b.SetBytes(imgtest.PixelBytes(g) * 10)
	reportCPU(b, func() {
		if err := mapInto(dst, img, []*gips.Image{ix, iy}, collect([]Option{WithOrder(1), WithMode(Nearest)})); err != nil {
			b.Fatal(err)
		}
	})
}

// The harness's affine row: rotate by 20 degrees and scale by 1.1 about
// the centre (scipy's matrix, numpy order, reversed here to x first).
func BenchmarkAffineLinear4096Uint8(b *testing.B) { benchAffine(b, 4096) }

// At 1024² the planes stay in the caches: the kernel's own time, less
// disturbed by the other processes on a shared machine.
func BenchmarkAffineLinear1024Uint8(b *testing.B) { benchAffine(b, 1024) }

func benchAffine(b *testing.B, n int) {
	g := gips.Geometry2d(gips.UInt8, n, n)
	img := imgtest.BenchImages(b, g, 1)[0]
	const c, s = 0.8542888, 0.3109331
	m := float64(n-1) / 2
	mat := [3][3]float64{{c, -s}, {s, c}}
	off := [3]float64{m - (c*m - s*m), m - (s*m + c*m)}
	dst, _ := gips.CreateImage(g)
	b.SetBytes(2 * imgtest.PixelBytes(g))
	reportCPU(b, func() {
		if err := AffineInto(dst, img, mat, off, WithOrder(1), WithMode(Nearest)); err != nil {
			b.Fatal(err)
		}
	})
}
