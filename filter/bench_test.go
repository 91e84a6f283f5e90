package filter

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// benchImage is a random image of the benchmark sizes: 4096x4096 uint8 or
// 256x512x512 uint16 (x, y, z).
func benchImage(b *testing.B, t gips.BufferType, sx, sy, sz int) *gips.Image {
	g := gips.Geometry2d(t, sx, sy)
	if sz > 1 {
		g = gips.Geometry3d(t, sx, sy, sz)
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < img.NumPlanes(); i++ {
		for y := 0; y < sy; y++ {
			row := img.Row(i, y)
			for k := range row {
				row[k] = byte(rng.Uint32())
			}
		}
	}
	return img
}

func benchSize(img *gips.Image) int64 {
	g := img.Geometry()
	return int64(g.Pixels() * g.Type.ItemSize())
}

func BenchmarkGaussian2DUint8(b *testing.B) {
	img := benchImage(b, gips.UInt8, 4096, 4096, 1)
	out, _ := gips.CreateImage(img.Geometry().WithType(gips.Real32))
	b.SetBytes(benchSize(img))
	for b.Loop() {
		if err := GaussianInto(out, img, 2, 2, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGaussian2DUint8ToUint8(b *testing.B) {
	img := benchImage(b, gips.UInt8, 4096, 4096, 1)
	out, _ := gips.CreateImage(img.Geometry())
	b.SetBytes(benchSize(img))
	for b.Loop() {
		if err := GaussianInto(out, img, 2, 2, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGaussian3DUint16(b *testing.B) {
	img := benchImage(b, gips.UInt16, 512, 512, 256)
	out, _ := gips.CreateImage(img.Geometry().WithType(gips.Real32))
	b.SetBytes(benchSize(img))
	for b.Loop() {
		if err := GaussianInto(out, img, 2, 2, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGaussian3DUint16ToUint16(b *testing.B) {
	img := benchImage(b, gips.UInt16, 512, 512, 256)
	out, _ := gips.CreateImage(img.Geometry())
	b.SetBytes(benchSize(img))
	for b.Loop() {
		if err := GaussianInto(out, img, 2, 2, 2); err != nil {
			b.Fatal(err)
		}
	}
}
